// `ansible2chef check`: for CI on pull requests. Converts in memory and compares with the committed
// output; exit 1 when any file would change or was edited by hand (listing them), 0 when the output
// is current. Frozen and excluded cookbooks are not compared.
import type { Command } from 'commander';
import { effective } from '../workspace/changes.js';
import { prReport } from '../workspace/pr-report.js';
import {
  changeLineCounts,
  commonOptions,
  givenOutputFlags,
  outputOptions,
  EXIT_FINDINGS,
  EXIT_OK,
  EXIT_USAGE,
  reportOption,
  refusedMappings,
  settingsOrUsage,
} from './common.js';
import { type CommonFlags, display } from './settings.js';
import { progress } from './terminal.js';
import { reportConfigRoleNames } from './config-role-names.js';

export function registerCheck(program: Command): void {
  const cmd = program
    .command('check')
    .description('exit 1 if the committed output differs from a fresh conversion, listing the files')
    .argument('[path]', 'input (default: from the config, else playbooks)');
  commonOptions(cmd);
  outputOptions(cmd);
  reportOption(cmd);
  cmd.action(async (path: string | undefined, opts: CommonFlags & { report?: 'markdown' }) => {
    process.exitCode = await runCheck(path, opts);
  });
}

export async function runCheck(path: string | undefined, flags: CommonFlags & { report?: 'markdown' }): Promise<number> {
  const settings = settingsOrUsage(path, flags, { output: true });
  if (!settings) return EXIT_USAGE;
  const bar = progress(process.stderr, !flags.quiet && !flags.json);
  bar.phase('converting…');
  // Loaded when the command runs, not when the command line is parsed (every command would pay it).
  const { prepare } = await import('./converter.js');
  const run = await prepare(settings, { skipUnchanged: false, force: false, partial: false });
  if (refusedMappings(run.result.diagnostics)) return EXIT_FINDINGS;
  bar.done();
  if (!flags.quiet) for (const w of run.input.warnings) process.stderr.write(`warning: ${w}\n`);
  // An `include` that names no role would make the comparison cover less than the config means.
  const configErrors = reportConfigRoleNames(settings, run, flags.quiet === true || flags.json === true);
  const stale = effective(run.changes);
  const out = display(process.cwd(), settings.outDir);
  if (flags.json) {
    process.stdout.write(
      JSON.stringify(
        {
          output: out,
          current: stale.length === 0,
          stale: stale.map((c) => ({ path: c.path, change: c.kind, ...(c.reason ? { reason: c.reason } : {}) })),
        },
        null,
        2,
      ) + '\n',
    );
  } else if (flags.report === 'markdown') {
    process.stdout.write(
      prReport({
        changes: run.changes,
        previous: run.previous,
        next: run.next,
        cookbookOf: run.cookbookOf,
        lineCounts: changeLineCounts,
        verb: 'would change',
      }),
    );
  }
  if (!flags.json) {
    if (stale.length) {
      process.stderr.write(
        `${out} is stale: ${stale.length === 1 ? '1 file differs' : `${stale.length} files differ`} from a fresh conversion (run \`ansible2chef convert${givenOutputFlags(flags)}\`):\n`,
      );
      for (const c of stale) process.stderr.write(`  ${label(c.kind)} ${c.path}${c.reason ? ` (${c.reason})` : ''}\n`);
    } else if (!flags.quiet && flags.report === undefined) {
      process.stdout.write(`${out} is current.\n`);
    }
  }
  return stale.length || configErrors ? EXIT_FINDINGS : EXIT_OK;
}

function label(kind: string): string {
  return ({ create: 'missing ', update: 'changed ', remove: 'obsolete', conflict: 'edited  ' } as Record<string, string>)[kind] ?? kind;
}
