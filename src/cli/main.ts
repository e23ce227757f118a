#!/usr/bin/env node
// The ansible2chef command line. Exit codes: 0 done, 1 done with errors, findings, stale output or
// edited files kept, 2 usage error (or the file system refused a read or write: one line, the path
// and the OS's reason). Each command lives in its own module and registers itself here.
import { VERSION } from './version.js';

// `--version` alone answers before the command modules (and the converter they import) load:
// start-up is part of the performance budget.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(`${VERSION}\n`);
else await main();

async function main(): Promise<void> {
  (await import('./compiler-flags.js')).tuneCompiler();
  const { Command, CommanderError } = await import('commander');
  const { isOsError, osErrorLine } = await import('./os-error.js');
  // A run of one command loads only that command's module (a no-change re-run pays for every module
  // it loads); help, a bad command or no command loads them all, so that help lists every command.
  const commands = {
    convert: async () => (await import('./convert-command.js')).registerConvert,
    audit: async () => (await import('./audit-command.js')).registerAudit,
    plan: async () => (await import('./plan-command.js')).registerPlan,
    check: async () => (await import('./check-command.js')).registerCheck,
    diff: async () => (await import('./diff-command.js')).registerDiff,
    init: async () => (await import('./init-command.js')).registerInit,
    mappings: async () => (await import('./mappings-command.js')).registerMappings,
  };
  const named = Object.hasOwn(commands, args[0] ?? '') ? [commands[args[0] as keyof typeof commands]] : Object.values(commands);
  const registers = await Promise.all(named.map((load) => load()));

  // Prism runs on Node's WASI, which prints an ExperimentalWarning on first use: not the user's concern.
  process.removeAllListeners('warning');
  process.on('warning', (w) => {
    if (w.name === 'ExperimentalWarning' && /WASI/.test(w.message)) return;
    process.stderr.write(`${w.name}: ${w.message}\n`);
  });

  const program = new Command();
  program
    .name('ansible2chef')
    .description('Convert Ansible playbooks, roles, inventories and variables into Chef cookbooks.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  for (const register of registers) register(program);

  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
    } else if (isOsError(e)) {
      // The file system refused (missing, read-only, full, not a directory): the command could not run.
      process.stderr.write(osErrorLine(e) + '\n');
      process.exitCode = 2;
    } else {
      process.stderr.write(`ansible2chef: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    }
  }
}
