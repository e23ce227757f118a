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
  const { Command, CommanderError } = await import('commander');
  const { isOsError, osErrorLine } = await import('./os-error.js');
  const [
    { registerConvert },
    { registerAudit },
    { registerPlan },
    { registerCheck },
    { registerDiff },
    { registerInit },
    { registerMappings },
  ] = await Promise.all([
    import('./convert-command.js'),
    import('./audit-command.js'),
    import('./plan-command.js'),
    import('./check-command.js'),
    import('./diff-command.js'),
    import('./init-command.js'),
    import('./mappings-command.js'),
  ]);

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

  registerConvert(program);
  registerAudit(program);
  registerPlan(program);
  registerCheck(program);
  registerDiff(program);
  registerInit(program);
  registerMappings(program);

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
