// `ansible2chef init`: write a commented default ansible2chef.toml (never over an existing one),
// recording as input the Ansible project found in the directory (see init-layout.ts).
import type { Command } from 'commander';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE } from '../config/load.js';
import { defaultConfigText } from '../config/default-text.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './common.js';
import { detectLayout } from './init-layout.js';

interface InitFlags {
  /** Given: recorded as is. Absent: found in the directory, else "playbooks" (the tool's default). */
  input?: string;
  out: string;
  json?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(`write a commented default ${CONFIG_FILE} in a directory (default: the current one)`)
    .argument('[dir]', 'directory to write it in', '.')
    .option(
      '--input <path>',
      'input path to record (default: the project found in the directory: "." when site.yml or roles/ is there, else playbooks)',
    )
    .option('-o, --out <dir>', 'output directory to record', 'cookbooks-out')
    .option('--json', 'print {"written": path, "input": path} on stdout')
    .action((dir: string, opts: InitFlags) => {
      process.exitCode = runInit(dir, opts);
    });
}

export function runInit(dir: string, flags: InitFlags): number {
  const where = resolve(dir);
  if (!existsSync(where) || !statSync(where).isDirectory()) {
    process.stderr.write(`ansible2chef: error: ${dir}: ${existsSync(where) ? 'not a directory' : 'no such directory'}\n`);
    return EXIT_USAGE;
  }
  const target = resolve(where, CONFIG_FILE);
  if (existsSync(target)) {
    process.stderr.write(`ansible2chef: ${target} already exists; not overwritten\n`);
    return EXIT_FINDINGS;
  }
  const layout = flags.input === undefined ? detectLayout(where) : undefined;
  const input = flags.input ?? layout?.input ?? 'playbooks';
  writeFileSync(target, defaultConfigText(input, flags.out), { flag: 'wx' });
  if (flags.json) process.stdout.write(JSON.stringify({ written: target, input }) + '\n');
  else {
    const why =
      flags.input !== undefined ? '' : layout ? ` (found ${layout.found})` : ' (no Ansible project found here: edit input in the file)';
    process.stdout.write(`wrote ${target}: input = ${JSON.stringify(input)}${why}\n`);
  }
  return EXIT_OK;
}
