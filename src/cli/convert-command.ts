// `ansible2chef convert`: read the input, convert, write the output tree, print a summary.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { convert } from '../convert.js';
import { formatDiagnostic } from '../diagnostics.js';
import { readInput } from './read-input.js';
import { applyOutput } from '../workspace/apply.js';
import { summaryText } from './summary.js';

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description('convert a project, a roles directory, a role or a playbook into cookbooks')
    .argument('[path]', 'project directory, roles directory, role directory or playbook file', 'playbooks')
    .option('-o, --out <dir>', 'output directory', 'cookbooks-out')
    .option('--json', 'print a machine-readable summary on stdout')
    .option('-q, --quiet', 'print only errors')
    .option('--namespace <name>', 'attribute namespace for variables owned by no single role', 'ansible')
    .option('--force', 'overwrite generated files even if they were edited by hand')
    .option('--keep-edits', 'write the new version of an edited file beside it as FILE.new')
    .action(async (path: string, opts: ConvertFlags) => {
      process.exitCode = await runConvert(path, opts);
    });
}

export interface ConvertFlags {
  out: string;
  json?: boolean;
  quiet?: boolean;
  namespace: string;
  force?: boolean;
  keepEdits?: boolean;
}

export async function runConvert(path: string, flags: ConvertFlags): Promise<number> {
  if (!existsSync(path)) {
    process.stderr.write(`ansible2chef: ${path}: no such file or directory\n`);
    return 2;
  }
  const input = readInput(path);
  const result = await convert(input.tree, {
    rootName: input.rootName,
    namespace: flags.namespace,
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.entry ? { entry: input.entry } : {}),
  });
  const applied = applyOutput(flags.out, result.files, { ...(flags.force ? { force: true } : {}), ...(flags.keepEdits ? { keepEdits: true } : {}) });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const shown = flags.quiet ? errors : result.diagnostics.filter((d) => d.severity !== 'info');
  for (const w of input.warnings) process.stderr.write(`warning: ${w}\n`);
  for (const d of shown) process.stderr.write(formatDiagnostic(d) + '\n');
  for (const e of applied.edited) process.stderr.write(`edited: ${flags.out}/${e} was changed by hand; not overwritten (use --force, or --keep-edits for ${e}.new)\n`);
  if (flags.json) {
    process.stdout.write(JSON.stringify({ ...result.stats, output: flags.out, written: applied.written.length, unchanged: applied.unchanged.length, removed: applied.removed.length, edited: applied.edited }, null, 2) + '\n');
  } else if (!flags.quiet) {
    process.stdout.write(summaryText(result.stats, flags.out, applied));
  }
  return errors.length || applied.edited.length ? 1 : 0;
}
