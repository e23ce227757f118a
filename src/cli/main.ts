#!/usr/bin/env node
// The ansible2chef command line. Exit codes: 0 done, 1 done with errors, findings, stale output or
// edited files kept, 2 usage error. Each command lives in its own module and registers itself here.
import { Command, CommanderError } from 'commander';
import { registerConvert } from './convert-command.js';
import { registerAudit } from './audit-command.js';
import { registerPlan } from './plan-command.js';
import { registerCheck } from './check-command.js';
import { registerDiff } from './diff-command.js';
import { registerInit } from './init-command.js';
import { registerMappings } from './mappings-command.js';
import { VERSION } from './version.js';

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
  } else {
    process.stderr.write(`ansible2chef: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}
