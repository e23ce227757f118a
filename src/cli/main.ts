#!/usr/bin/env node
// The ansible2chef command line. Exit codes: 0 done, 1 done with errors (or edited files kept),
// 2 usage error.
import { Command, CommanderError } from 'commander';
import { runConvert } from './convert-command.js';
import { VERSION } from './version.js';

const program = new Command();
program
  .name('ansible2chef')
  .description('Convert Ansible playbooks, roles, inventories and variables into Chef cookbooks.')
  .version(VERSION, '-V, --version')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

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
  .action(async (path: string, opts) => {
    process.exitCode = await runConvert(path, opts);
  });

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
