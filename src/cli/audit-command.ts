// `ansible2chef audit [PATH]`: the IPv6/TLS audit without writing cookbooks. Prints the same
// "IPv6 and TLS" section CONVERSION.md gets (or JSON); exit 1 when a finding is an error
// (self-signed material under --tls-policy strict), 2 on usage errors. It reads the config and the
// output-changing options as every other command does (flags, config, the last convert's manifest).
import type { Command } from 'commander';
import { formatDiagnostic, printable } from '../base/diagnostics.js';
import { commonOptions, EXIT_USAGE, outputOptions, refusedMappings, settingsOrUsage } from './common.js';
import { readInput } from './read-input.js';
import type { CommonFlags } from './settings.js';
import type { MappingLoad } from '../mapping/user.js';

export function registerAudit(program: Command): void {
  const cmd = program
    .command('audit')
    .description('report address:port joins, IPv4-only binds, TLS endpoints and self-signed certificates')
    .argument('[path]', 'project directory, roles directory, role directory or playbook file (default: from the config, else playbooks)');
  commonOptions(cmd);
  outputOptions(cmd);
  cmd.action(async (path: string | undefined, flags: CommonFlags) => {
    process.exitCode = await runAudit(path, flags);
  });
}

export async function runAudit(path: string | undefined, flags: CommonFlags): Promise<number> {
  const settings = settingsOrUsage(path, flags);
  if (!settings) return EXIT_USAGE;
  const o = settings.options;
  let mappings: MappingLoad['set'];
  if (o.mappingDirs?.length || o.plugins?.length) {
    // Loaded only when asked for, as convert() does: plugins bring in the TypeScript compiler.
    const { loadMappings, CODE_NAMES } = await (await import('./converter.js')).mappingLoader();
    const loaded = await loadMappings(CODE_NAMES, o.mappingDirs ?? [], o.plugins ?? []);
    if (refusedMappings(loaded.diagnostics) || !loaded.set) return 1;
    mappings = loaded.set;
  }
  const input = readInput(settings.inputPath);
  // Loaded when the command runs, not when the command line is parsed (every command would pay it).
  const { auditInput } = await import('./converter.js');
  const result = auditInput(input.tree, {
    rootName: input.rootName,
    namespace: o.namespace ?? 'ansible',
    tlsPolicy: o.tlsPolicy ?? 'warn',
    ...(o.ipv6Only ? { ipv6Only: true } : {}),
    ...(o.cookbookNames ? { cookbookNames: o.cookbookNames } : {}),
    ...(o.attributeKeys ? { attributeKeys: o.attributeKeys } : {}),
    ...(mappings ? { mappings } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.entry ? { entry: input.entry } : {}),
  });
  for (const w of input.warnings) process.stderr.write(`warning: ${printable(w)}\n`);
  if (flags.json) {
    process.stdout.write(JSON.stringify(result.findings.json, null, 2) + '\n');
  } else {
    for (const d of result.diagnostics) if (d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
    process.stdout.write(result.findings.markdown || 'IPv6 and TLS: nothing found.\n');
  }
  return result.findings.violations ? 1 : 0;
}
