import { existsSync } from 'node:fs';
// Options and output helpers shared by the commands, so every command spells a flag the same way.
import { type Command, Option } from 'commander';
import { type Diagnostic, formatDiagnostic } from '../base/diagnostics.js';
import type { Change } from '../workspace/changes.js';
import { lineCounts } from '../workspace/unified-diff.js';
import { outputPlaceProblem } from './output-place.js';
import { type CommonFlags, resolveSettings, type Settings } from './settings.js';

export const EXIT_OK = 0;
/** Findings, stale output, hand edits in the way, or errors in the input. */
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** --config, --out, --namespace, --json, --quiet. */
export function commonOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'project config (default: ansible2chef.toml in the input directory or the current directory)')
    .option('-o, --out <dir>', 'output directory (default: from the config, else cookbooks-out)')
    .option('--namespace <name>', 'attribute namespace for variables owned by no single role (default: ansible)')
    .option('--json', 'print a machine-readable result on stdout')
    .option('-q, --quiet', 'print only errors');
}

/**
 * The options that change the output, accepted by every command that converts or audits so each can
 * be told what `convert` was told. Without them a command reads the config, then the manifest of the
 * last convert (settings.ts).
 */
export function outputOptions(cmd: Command): Command {
  return cmd
    .option('--ipv6-only', 'rewrite IPv4-only binds (0.0.0.0, 127.0.0.1, IPv4 facts) to their IPv6 equivalents')
    .option('--no-ipv6-only', 'do not rewrite IPv4-only binds (overrides the config and the last convert)')
    .addOption(new Option('--tls-policy <policy>', 'warn, or strict: self-signed certificates are errors').choices(['warn', 'strict']))
    .addOption(
      new Option('--groups <mode>', 'groups[...] and group_names: static attributes from the inventory, or Chef search').choices([
        'static',
        'search',
      ]),
    )
    .option(
      '--mappings <dir>',
      'extra mapping directory (tables and plugins/*.ts) merged over the built-in tables (repeatable)',
      (v: string, acc: string[] = []) => [...acc, v],
    );
}

/** The output-changing flags given on this command line, spelled for the advice to run `convert` with them. */
export function givenOutputFlags(flags: CommonFlags): string {
  const out: string[] = [];
  if (flags.namespace !== undefined) out.push(`--namespace ${flags.namespace}`);
  if (flags.ipv6Only !== undefined) out.push(flags.ipv6Only ? '--ipv6-only' : '--no-ipv6-only');
  if (flags.tlsPolicy !== undefined) out.push(`--tls-policy ${flags.tlsPolicy}`);
  if (flags.groups !== undefined) out.push(`--groups ${flags.groups}`);
  for (const m of flags.mappings ?? []) out.push(`--mappings ${m}`);
  return out.map((f) => ` ${f}`).join('');
}

/** --role and --playbook: limit a run to some cookbooks. */
export function selectionOptions(cmd: Command): Command {
  return cmd
    .option('--role <name>', 'only this role (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .option('--playbook <file>', 'only the roles and Policyfiles of this playbook');
}

export function reportOption(cmd: Command): Command {
  return cmd.addOption(new Option('--report <format>', 'print a pull-request report on stdout').choices(['markdown']));
}

/**
 * Mapping tables or plugins with errors mean nothing was converted: the caller must not write,
 * compare or plan from that result. Prints the errors; true when the run must stop (exit 1).
 */
export function refusedMappings(diagnostics: readonly Diagnostic[]): boolean {
  const refused = diagnostics.filter(
    (d) => d.severity === 'error' && d.code !== 'A2C-PLUGIN-ERROR' && /^A2C-(PLUGIN|MAPPING)-/.test(d.code),
  );
  for (const d of refused) process.stderr.write(formatDiagnostic(d) + '\n');
  return refused.length > 0;
}

/**
 * The settings of an input that exists, or undefined after printing why not (the caller exits 2).
 * `uses.output`: the command writes or compares the output directory, so it must be one that can
 * hold cookbooks apart from the input.
 */
export function settingsOrUsage(path: string | undefined, flags: CommonFlags, uses: { output?: boolean } = {}): Settings | undefined {
  const r = resolveSettings(path, flags);
  if (!r.ok) {
    for (const d of r.diagnostics) process.stderr.write(`ansible2chef: ${formatConfigDiagnostic(d)}\n`);
    return undefined;
  }
  if (!flags.quiet && !flags.json) for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
  if (!flags.quiet && !flags.json) for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
  if (!existsSync(r.settings.inputPath)) {
    process.stderr.write(`ansible2chef: ${path ?? r.settings.inputPath}: no such file or directory\n`);
    return undefined;
  }
  const misplaced = uses.output ? outputPlaceProblem(r.settings.inputPath, r.settings.outDir) : undefined;
  if (misplaced) {
    process.stderr.write(`ansible2chef: error: ${misplaced}\n`);
    return undefined;
  }
  return r.settings;
}

function formatConfigDiagnostic(d: Diagnostic): string {
  return d.span ? formatDiagnostic(d) : `${d.severity} ${d.code} ${d.message}`;
}

export function textOf(content: string | Uint8Array | Buffer | undefined): string | undefined {
  if (content === undefined) return undefined;
  return typeof content === 'string' ? content : isBinary(content) ? undefined : Buffer.from(content).toString('utf8');
}

/** A file is shown as text when it decodes as UTF-8 without NULs. */
export function isBinary(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/** Lines added/removed by a change, when both sides are text. */
export function changeLineCounts(c: Change): { added: number; removed: number } | undefined {
  const before = c.old === undefined ? undefined : textOf(c.old);
  const after = c.kind === 'remove' || c.content === undefined ? undefined : textOf(c.content);
  if ((c.old !== undefined && before === undefined) || (c.content !== undefined && c.kind !== 'remove' && after === undefined))
    return undefined;
  return lineCounts(before, after);
}
