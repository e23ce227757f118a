// `ansible2chef diff`: the unified diff of what `convert` would change in the output (nothing is
// written), coloured on a terminal; `--stat` prints one line per file with its added/removed lines.
import type { Command } from 'commander';
import { type Change, effective } from '../workspace/changes.js';
import { unifiedDiff } from '../workspace/unified-diff.js';
import {
  changeLineCounts,
  commonOptions,
  outputOptions,
  EXIT_FINDINGS,
  EXIT_OK,
  EXIT_USAGE,
  refusedMappings,
  selectionOptions,
  settingsOrUsage,
  textOf,
} from './common.js';
import type { CommonFlags } from './settings.js';
import { colorEnabled, painter } from './terminal.js';
import { reportConfigRoleNames } from './config-role-names.js';

interface DiffFlags extends CommonFlags {
  stat?: boolean;
  force?: boolean;
}

export function registerDiff(program: Command): void {
  const cmd = program
    .command('diff')
    .description('show the unified diff of what convert would change (writes nothing); exit 1 when there is a change')
    .argument('[path]', 'input (default: from the config, else playbooks)');
  commonOptions(cmd);
  outputOptions(cmd);
  selectionOptions(cmd);
  cmd
    .option('--stat', 'only list the files with their added and removed line counts')
    .option('--force', 'show what convert --force would change (hand edits overwritten)')
    .action(async (path: string | undefined, opts: DiffFlags) => {
      process.exitCode = await runDiff(path, opts);
    });
}

export async function runDiff(path: string | undefined, flags: DiffFlags): Promise<number> {
  const settings = settingsOrUsage(path, flags, { output: true });
  if (!settings) return EXIT_USAGE;
  // Loaded when the command runs, not when the command line is parsed (every command would pay it).
  const { knownSelection, prepare } = await import('./converter.js');
  const run = await prepare(settings, { skipUnchanged: false, force: flags.force === true, partial: true });
  if (refusedMappings(run.result.diagnostics)) return EXIT_FINDINGS;
  if (!flags.quiet) for (const w of run.input.warnings) process.stderr.write(`warning: ${w}\n`);
  // An `include` that names no role would make the comparison cover less than the config means.
  const configErrors = reportConfigRoleNames(settings, run, flags.json === true);
  if (run.scope.unknown.length) {
    process.stderr.write(`ansible2chef: not in the input: ${run.scope.unknown.join(', ')} (${knownSelection(run)})\n`);
    return EXIT_USAGE;
  }
  const changes = effective(run.changes);
  if (run.projectBehind && !flags.quiet && !flags.json) {
    process.stderr.write(
      `note: CONVERSION.md, policyfiles/ and nodes/ are not part of this diff: convert would leave them as they are, since the conversion outside the selection changed too (${run.projectBehind.join(', ')})\n`,
    );
  }
  const paint = painter(!flags.json && colorEnabled(process.stdout));
  if (flags.json) {
    const files = changes.map((c) => ({
      path: c.path,
      change: c.kind,
      ...(changeLineCounts(c) ?? {}),
      ...(c.reason ? { reason: c.reason } : {}),
    }));
    process.stdout.write(JSON.stringify({ files }, null, 2) + '\n');
  } else if (flags.stat) {
    process.stdout.write(statText(changes, paint));
  } else {
    const style = {
      paint: (k: 'header' | 'hunk' | '-' | '+', t: string) =>
        paint(k === 'header' ? 'bold' : k === 'hunk' ? 'cyan' : k === '-' ? 'red' : 'green', t),
    };
    for (const c of changes) {
      if (c.kind === 'conflict') process.stdout.write(paint('yellow', `# ${c.path}: ${c.reason}; convert keeps it unless --force\n`));
      const before = c.old === undefined ? undefined : textOf(c.old);
      const after = c.kind === 'remove' || c.content === undefined ? undefined : textOf(c.content);
      const binary =
        (c.old !== undefined && before === undefined) || (c.kind !== 'remove' && c.content !== undefined && after === undefined);
      process.stdout.write(binary ? `Binary file ${c.path} differs\n` : unifiedDiff(c.path, before, after, style));
    }
  }
  return changes.length || configErrors ? EXIT_FINDINGS : EXIT_OK;
}

function statText(changes: Change[], paint: ReturnType<typeof painter>): string {
  if (!changes.length) return '';
  const width = Math.max(...changes.map((c) => c.path.length));
  const lines: string[] = [];
  let added = 0;
  let removed = 0;
  for (const c of changes) {
    const n = changeLineCounts(c);
    added += n?.added ?? 0;
    removed += n?.removed ?? 0;
    const bar = n ? `${paint('green', '+'.repeat(Math.min(n.added, 40)))}${paint('red', '-'.repeat(Math.min(n.removed, 40)))}` : 'binary';
    lines.push(
      ` ${c.path.padEnd(width)} | ${n ? String(n.added + n.removed).padStart(5) : '    -'} ${bar}${c.kind === 'conflict' ? ' (edited by hand)' : ''}`,
    );
  }
  lines.push(
    ` ${changes.length} file${changes.length === 1 ? '' : 's'} changed, ${added} insertion${added === 1 ? '' : 's'}(+), ${removed} deletion${removed === 1 ? '' : 's'}(-)`,
  );
  return lines.join('\n') + '\n';
}
