// `ansible2chef convert`: read the input, convert, apply the changes to the output tree (hand edits
// kept, frozen cookbooks untouched, unchanged roles skipped), print a summary or a report.
import { type Command, Option } from 'commander';
import { readInput } from './read-input.js';
import { readLastRun, unchangedSince, writeLastRun } from '../workspace/last-run.js';
import { formatDiagnostic } from '../diagnostics.js';
import { applyChanges } from '../workspace/apply.js';
import { prReport } from '../workspace/pr-report.js';
import { changeLineCounts, commonOptions, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, reportOption, selectionOptions, settingsOrUsage, refusedMappings } from './common.js';
import { prepare, runDigest } from './pipeline.js';
import { type CommonFlags, display } from './settings.js';
import { summaryText } from './summary.js';
import { progress } from './terminal.js';
import { configRoleNames } from './config-role-names.js';

export function registerConvert(program: Command): void {
  const cmd = program
    .command('convert')
    .description('convert a project, a roles directory, a role or a playbook into cookbooks')
    .argument('[path]', 'project directory, roles directory, role directory or playbook file (default: from the config, else playbooks)');
  commonOptions(cmd);
  selectionOptions(cmd);
  reportOption(cmd);
  cmd
    .option('--force', 're-render every selected cookbook and overwrite files even if they were edited by hand')
    .option('--keep-edits', 'write the new version of an edited file beside it as FILE.new')
    .option('--mappings <dir>', 'extra mapping directory (tables and plugins/*.ts) merged over the built-in tables (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .option('--ipv6-only', 'rewrite IPv4-only binds (0.0.0.0, 127.0.0.1, IPv4 facts) to their IPv6 equivalents')
    .addOption(new Option('--tls-policy <policy>', 'warn, or strict: self-signed certificates are errors').choices(['warn', 'strict']))
    .addOption(new Option('--groups <mode>', "groups[...] and group_names: static attributes from the inventory, or Chef search").choices(['static', 'search']))
    .action(async (path: string | undefined, opts: ConvertFlags) => {
      process.exitCode = await runConvert(path, opts);
    });
}

export interface ConvertFlags extends CommonFlags {
  force?: boolean;
  keepEdits?: boolean;
  report?: 'markdown';
}

export async function runConvert(path: string | undefined, flags: ConvertFlags): Promise<number> {
  const settings = settingsOrUsage(path, flags);
  if (!settings) return EXIT_USAGE;
  // A whole-project re-run whose inputs and outputs are as the last clean run left them: nothing to do.
  const input = readInput(settings.inputPath);
  const whole = !flags.force && !flags.keepEdits && flags.report === undefined && settings.roles.length === 0 && settings.playbook === undefined;
  const digest = runDigest(settings, input);
  const last = whole ? readLastRun(settings.outDir) : undefined;
  if (whole && unchangedSince(settings.outDir, last, digest)) {
    for (const w of input.warnings) if (!flags.quiet) process.stderr.write(`warning: ${w}\n`);
    if (flags.json) process.stdout.write(JSON.stringify({ ...(last.summary as object), written: 0, removed: 0, edited: [], kept: [], sidecars: [], upToDate: true }, null, 2) + '\n');
    else if (!flags.quiet) process.stdout.write(`${display(process.cwd(), settings.outDir)}/ is up to date: no input, mapping or option changed since the last conversion, and no output file was touched.\n`);
    return EXIT_OK;
  }
  const bar = progress(process.stderr, !flags.quiet && !flags.json);
  bar.phase('converting…');
  const run = await prepare(settings, { skipUnchanged: true, force: flags.force === true, partial: true }, input);
  bar.done();
  // Mapping tables or plugins with errors: nothing was converted, so nothing may be written or removed.
  if (refusedMappings(run.result.diagnostics)) return EXIT_FINDINGS;
  if (run.scope.unknown.length) {
    const names = run.result.cookbooks.map((c) => c.source).join(', ');
    process.stderr.write(`ansible2chef: not in the input: ${run.scope.unknown.join(', ')} (roles and playbooks: ${names})\n`);
    return EXIT_USAGE;
  }
  const applied = applyChanges(settings.outDir, run.changes, run.next, {
    ...(flags.keepEdits ? { keepEdits: true } : {}),
    progress: (done, total) => bar.step('writing', done, total),
  });
  bar.done();

  const diagnostics = [...configRoleNames(settings, run), ...run.result.diagnostics];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const shown = flags.quiet ? errors : diagnostics.filter((d) => d.severity !== 'info');
  for (const w of run.input.warnings) process.stderr.write(`warning: ${w}\n`);
  for (const d of shown) process.stderr.write(formatDiagnostic(d) + '\n');
  for (const c of run.changes.filter((c) => c.kind === 'conflict')) {
    process.stderr.write(`edited: ${c.path} ${c.reason}; not changed (use --force, or --keep-edits for ${c.path}.new)\n`);
  }

  const out = display(process.cwd(), settings.outDir);
  const { scope } = run;
  const summary = { ...run.result.stats, output: out, written: applied.written.length, unchanged: applied.unchanged.length, removed: applied.removed.length, edited: applied.conflicts, kept: applied.kept, sidecars: applied.sidecars, skipped: scope.skipped, frozen: scope.frozen, excluded: scope.excluded, rendered: [...scope.render].sort() };
  // A complete, clean run is the reference the next run's fast path compares against.
  if (settings.roles.length === 0 && settings.playbook === undefined && errors.length === 0 && applied.conflicts.length === 0) {
    // What a skipped re-run reports: every cookbook skipped, nothing rendered or written.
    const all = [...summary.skipped, ...summary.rendered].sort();
    writeLastRun(settings.outDir, digest, Object.keys(run.next.files), { ...summary, written: 0, unchanged: applied.written.length + applied.unchanged.length, skipped: all, rendered: [] });
  }
  if (flags.json) {
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  } else if (flags.report === 'markdown') {
    process.stdout.write(prReport({ changes: run.changes, previous: run.previous, next: run.next, cookbookOf: run.cookbookOf, lineCounts: changeLineCounts, verb: 'changed' }));
  } else if (!flags.quiet) {
    process.stdout.write(summaryText(run.result.stats, out, applied, run.scope));
  }
  return errors.length || applied.conflicts.length ? EXIT_FINDINGS : EXIT_OK;
}
