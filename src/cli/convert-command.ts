// `ansible2chef convert`: read the input, convert, apply the changes to the output tree (hand edits
// kept, frozen cookbooks untouched, unchanged roles skipped), print a summary or a report.
import type { Command } from 'commander';
import { inputShape, inputUnchanged, readInput } from './read-input.js';
import {
  inputDigest,
  type LastRun,
  readLastRun,
  restampInputs,
  restampTool,
  unchangedInputDigest,
  unchangedSince,
  writeLastRun,
} from '../workspace/last-run.js';
import { type Diagnostic, formatDiagnostic, printable } from '../base/diagnostics.js';
import {
  changeLineCounts,
  commonOptions,
  outputOptions,
  EXIT_FINDINGS,
  EXIT_OK,
  EXIT_USAGE,
  reportOption,
  selectionOptions,
  settingsOrUsage,
  refusedMappings,
} from './common.js';
import { runContext, toolCode } from './run-digest.js';
import type { Change } from '../workspace/changes.js';
import { type CommonFlags, display, type Settings } from './settings.js';
import { progress } from './terminal.js';

export function registerConvert(program: Command): void {
  const cmd = program
    .command('convert')
    .description('convert a project, a roles directory, a role or a playbook into cookbooks')
    .argument('[path]', 'project directory, roles directory, role directory or playbook file (default: from the config, else playbooks)');
  commonOptions(cmd);
  outputOptions(cmd);
  selectionOptions(cmd);
  reportOption(cmd);
  cmd
    .option('--force', 're-render every selected cookbook and overwrite files even if they were edited by hand')
    .option('--keep-edits', 'write the new version of an edited file beside it as FILE.new')
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
  const settings = settingsOrUsage(path, flags, { output: true });
  if (!settings) return EXIT_USAGE;
  // A whole-project re-run whose inputs and outputs are as the last clean run left them: nothing to do.
  const whole =
    !flags.force && !flags.keepEdits && flags.report === undefined && settings.roles.length === 0 && settings.playbook === undefined;
  const last = whole ? readLastRun(settings.outDir) : undefined;
  const context = runContext(settings, inputShape(settings.inputPath), last?.tool);
  // An input with the stamps the last run read it with need not be listed or read again.
  const known = whole ? unchangedInputDigest(last, context, (stamps) => inputUnchanged(settings.inputPath, stamps)) : undefined;
  if (known !== undefined && unchangedSince(settings.outDir, last, known)) {
    restampTool(settings.outDir, last, toolCode().record);
    return upToDate(settings, flags, last, []);
  }
  const input = readInput(settings.inputPath, { exclude: [settings.outDir] });
  const digest = inputDigest(input.tree, context);
  const read = { context, input: input.stamps, tool: toolCode().record };
  if (whole && unchangedSince(settings.outDir, last, digest)) {
    restampInputs(settings.outDir, last, read);
    return upToDate(settings, flags, last, input.warnings);
  }
  const bar = progress(process.stderr, !flags.quiet && !flags.json);
  bar.phase('converting…');
  // The converter, the writer and the reports load only now: the up-to-date answer above needs none of them.
  const { knownSelection, prepare, applyChanges, ownsInput, prReport, selectionStats, summaryText, configRoleNames } = await import(
    './converter.js'
  );
  const run = await prepare(settings, { skipUnchanged: true, force: flags.force === true, partial: true }, input);
  bar.done();
  // Mapping tables or plugins with errors: nothing was converted, so nothing may be written or removed.
  if (refusedMappings(run.result.diagnostics)) return EXIT_FINDINGS;
  if (run.scope.unknown.length) {
    process.stderr.write(`ansible2chef: not in the input: ${run.scope.unknown.join(', ')} (${knownSelection(run)})\n`);
    return EXIT_USAGE;
  }
  const applied = applyChanges(settings.outDir, run.changes, run.next, {
    ...(flags.keepEdits ? { keepEdits: true } : {}),
    progress: (done, total) => bar.step('writing', done, total),
  });
  bar.done();

  const { scope } = run;
  // A --role/--playbook run counts what it selected, and says so (selection); a full run counts everything.
  // It prints the warnings of the selected cookbooks (the ones its counts include) and every error (the exit code counts them all).
  const selected = scope.partial
    ? run.result.cookbooks.filter((c) => scope.render.has(c.name) || scope.skipped.includes(c.name))
    : undefined;
  const sources = selected?.map((c) => c.source);
  const inSelection = (d: Diagnostic) => sources === undefined || (d.span !== undefined && sources.some((s) => ownsInput(s, d.span!.file)));
  // Config role names that match no role are the project's, not a cookbook's: always shown.
  const configDiagnostics = configRoleNames(settings, run);
  const diagnostics = [...configDiagnostics, ...run.result.diagnostics];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const shown = flags.quiet
    ? errors
    : diagnostics.filter((d) => d.severity === 'error' || (d.severity === 'warning' && (configDiagnostics.includes(d) || inSelection(d))));
  for (const w of run.input.warnings) process.stderr.write(`warning: ${printable(w)}\n`);
  for (const d of shown) process.stderr.write(formatDiagnostic(d) + '\n');
  for (const c of run.changes.filter((c) => c.kind === 'conflict'))
    process.stderr.write(`edited: ${c.path} ${c.reason}; ${conflictAdvice(c, applied.sidecars)}\n`);
  if (run.projectBehind && !flags.quiet) {
    process.stderr.write(
      `warning: CONVERSION.md, policyfiles/ and nodes/ left as they were: they describe the whole project, and the conversion outside the selection changed too (${run.projectBehind.join(', ')}); a convert without --role/--playbook refreshes them\n`,
    );
  }

  const out = display(process.cwd(), settings.outDir);
  const stats = sources ? selectionStats(run.result.tasks, run.result.diagnostics, sources) : run.result.stats;
  const summary = {
    ...stats,
    ...(selected ? { selection: selected.map((c) => c.name).sort() } : {}),
    output: out,
    written: applied.written.length,
    unchanged: applied.unchanged.length,
    removed: applied.removed.length,
    edited: applied.conflicts,
    kept: applied.kept,
    sidecars: applied.sidecars,
    skipped: scope.skipped,
    frozen: scope.frozen,
    excluded: scope.excluded,
    rendered: [...scope.render].sort(),
  };
  // A complete, clean run is the reference the next run's fast path compares against.
  if (settings.roles.length === 0 && settings.playbook === undefined && errors.length === 0 && applied.conflicts.length === 0) {
    // What a skipped re-run reports: every cookbook skipped, nothing rendered or written.
    const all = [...summary.skipped, ...summary.rendered].sort();
    writeLastRun(
      settings.outDir,
      digest,
      Object.keys(run.next.files),
      { ...summary, written: 0, unchanged: applied.written.length + applied.unchanged.length, skipped: all, rendered: [] },
      read,
      all,
    );
  }
  if (flags.json) {
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  } else if (flags.report === 'markdown') {
    process.stdout.write(
      prReport({
        changes: run.changes,
        previous: run.previous,
        next: run.next,
        cookbookOf: run.cookbookOf,
        lineCounts: changeLineCounts,
        verb: 'changed',
      }),
    );
  } else if (!flags.quiet) {
    process.stdout.write(summaryText(stats, out, applied, run.scope, summary.selection));
  }
  return errors.length || applied.conflicts.length ? EXIT_FINDINGS : EXIT_OK;
}

/** The answer of a re-run that found nothing to do: the last run's summary, nothing written. */
function upToDate(settings: Settings, flags: ConvertFlags, last: LastRun, warnings: string[]): number {
  for (const w of warnings) if (!flags.quiet) process.stderr.write(`warning: ${printable(w)}\n`);
  if (flags.json)
    process.stdout.write(
      JSON.stringify({ ...(last.summary as object), written: 0, removed: 0, edited: [], kept: [], sidecars: [], upToDate: true }, null, 2) +
        '\n',
    );
  else if (!flags.quiet)
    process.stdout.write(
      `${display(process.cwd(), settings.outDir)}/ is up to date: no input, mapping or option changed since the last conversion, and no output file was touched.\n`,
    );
  return EXIT_OK;
}

/** What a conflict's message advises: nothing more when --keep-edits already wrote the new version. */
function conflictAdvice(c: Change, sidecars: string[]): string {
  if (sidecars.includes(`${c.path}.new`))
    return `not changed; the new version is in ${c.path}.new (merge it by hand, or use --force to overwrite)`;
  if (c.content === undefined) return 'not removed, though the conversion no longer makes it (use --force to remove it)';
  return `not changed (use --force, or --keep-edits for ${c.path}.new)`;
}
