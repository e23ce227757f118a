// `ansible2chef audit [PATH]`: the IPv6/TLS audit without writing cookbooks. Prints the same
// "IPv6 and TLS" section CONVERSION.md gets (or JSON); exit 1 when a finding is an error
// (self-signed material under --tls-policy strict), 2 on usage errors.
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { formatDiagnostic } from '../diagnostics.js';
import { auditInput } from '../analyze/audit.js';
import { readInput } from './read-input.js';

export interface AuditFlags {
  json?: boolean;
  tlsPolicy: 'warn' | 'strict';
  ipv6Only?: boolean;
  namespace: string;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('report address:port joins, IPv4-only binds, TLS endpoints and self-signed certificates')
    .argument('[path]', 'project directory, roles directory, role directory or playbook file', 'playbooks')
    .option('--json', 'print the audit as JSON')
    .addOption(new Option('--tls-policy <policy>', 'warn, or strict: self-signed material is an error (exit 1)').choices(['warn', 'strict']).default('warn'))
    .option('--ipv6-only', 'show what rewriting IPv4-only binds to IPv6 would change')
    .option('--namespace <name>', 'attribute namespace for variables owned by no single role', 'ansible')
    .action((path: string, flags: AuditFlags) => {
      process.exitCode = runAudit(path, flags);
    });
}

export function runAudit(path: string, flags: AuditFlags): number {
  if (!existsSync(path)) {
    process.stderr.write(`ansible2chef: ${path}: no such file or directory\n`);
    return 2;
  }
  const input = readInput(path);
  const result = auditInput(input.tree, {
    rootName: input.rootName,
    namespace: flags.namespace,
    tlsPolicy: flags.tlsPolicy,
    ...(flags.ipv6Only ? { ipv6Only: true } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.entry ? { entry: input.entry } : {}),
  });
  for (const w of input.warnings) process.stderr.write(`warning: ${w}\n`);
  if (flags.json) {
    process.stdout.write(JSON.stringify(result.findings.json, null, 2) + '\n');
  } else {
    for (const d of result.diagnostics) if (d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
    process.stdout.write(result.findings.markdown || 'IPv6 and TLS: nothing found.\n');
  }
  return result.findings.violations ? 1 : 0;
}
