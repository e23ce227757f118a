// `ansible2chef plan`: assess a conversion without writing anything.
import { type Command, Option } from 'commander';
import { formatDiagnostic } from '../base/diagnostics.js';
import { planJson, planMarkdown, planTable } from '../plan/format.js';
import { commonOptions, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, outputOptions, refusedMappings, settingsOrUsage } from './common.js';
import { inputOptions, readInput } from './read-input.js';
import type { CommonFlags } from './settings.js';
import { progress } from './terminal.js';

interface PlanFlags extends CommonFlags {
  format?: 'table' | 'markdown' | 'json';
}

export function registerPlan(program: Command): void {
  const cmd = program
    .command('plan')
    .description('assess the conversion per role (tasks, native share, TODOs, templates, Jinja, IPv6/TLS, complexity); writes nothing')
    .argument('[path]', 'input (default: from the config, else playbooks)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'markdown', 'json']).default('table'));
  // -o names the output whose last convert's options the plan reuses (nothing is written there).
  commonOptions(cmd);
  outputOptions(cmd);
  cmd.action(async (path: string | undefined, opts: PlanFlags) => {
    process.exitCode = await runPlan(path, opts);
  });
}

export async function runPlan(path: string | undefined, flags: PlanFlags): Promise<number> {
  const settings = settingsOrUsage(path, flags);
  if (!settings) return EXIT_USAGE;
  const bar = progress(process.stderr, !flags.quiet && !flags.json);
  bar.phase('converting in memory…');
  const input = readInput(settings.inputPath, { exclude: [settings.outDir] });
  // Loaded when the command runs, not when the command line is parsed (every command would pay it).
  const { convert, computePlan } = await import('./converter.js');
  const result = await convert(input.tree, { ...settings.options, ...inputOptions(input) });
  if (refusedMappings(result.diagnostics)) return EXIT_FINDINGS;
  bar.done();
  if (!flags.quiet) for (const w of input.warnings) process.stderr.write(`warning: ${w}\n`);
  const plan = computePlan(result);
  const format = flags.json ? 'json' : (flags.format ?? 'table');
  process.stdout.write(format === 'json' ? planJson(plan) : format === 'markdown' ? planMarkdown(plan) : planTable(plan));
  // An input with nothing to convert must not pass for a finished assessment.
  const nothing = result.diagnostics.filter((d) => d.code === 'A2C-NOTHING-TO-CONVERT');
  for (const d of nothing) process.stderr.write(formatDiagnostic(d) + '\n');
  return nothing.some((d) => d.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}
