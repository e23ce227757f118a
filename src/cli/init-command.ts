// `ansible2chef init`: write a commented default ansible2chef.toml (never over an existing one).
import type { Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE } from '../config/load.js';
import { defaultConfigText } from '../config/default-text.js';
import { EXIT_FINDINGS, EXIT_OK } from './common.js';

interface InitFlags {
  input: string;
  out: string;
  json?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(`write a commented default ${CONFIG_FILE} in a directory (default: the current one)`)
    .argument('[dir]', 'directory to write it in', '.')
    .option('--input <path>', 'input path to record', 'playbooks')
    .option('-o, --out <dir>', 'output directory to record', 'cookbooks-out')
    .option('--json', 'print {"written": path} on stdout')
    .action((dir: string, opts: InitFlags) => {
      process.exitCode = runInit(dir, opts);
    });
}

export function runInit(dir: string, flags: InitFlags): number {
  const target = resolve(dir, CONFIG_FILE);
  if (existsSync(target)) {
    process.stderr.write(`ansible2chef: ${target} already exists; not overwritten\n`);
    return EXIT_FINDINGS;
  }
  writeFileSync(target, defaultConfigText(flags.input, flags.out), { flag: 'wx' });
  process.stdout.write(flags.json ? JSON.stringify({ written: target }) + '\n' : `wrote ${target}\n`);
  return EXIT_OK;
}
