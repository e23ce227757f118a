// Where the output directory may lie relative to the input. Inside the input is the natural layout
// (`input = "."`, `output = "cookbooks-out"`): the walk then leaves it out (read-input.ts). The same
// directory as the input, or one that contains it, would mix generated cookbooks with the user's
// Ansible files and read them back as input on the next run: refused before anything is read.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { display } from './settings.js';

/** Why the output cannot be used with this input (the caller exits 2), or undefined when it can. */
export function outputPlaceProblem(inputPath: string, outDir: string, cwd = process.cwd()): string | undefined {
  const out = resolve(cwd, outDir);
  if (existsSync(out) && !statSync(out).isDirectory()) return `${display(cwd, out)}: not a directory (the output must be a directory)`;
  const inAbs = resolve(cwd, inputPath);
  const inRoot = existsSync(inAbs) && !statSync(inAbs).isDirectory() ? dirname(inAbs) : inAbs;
  const realIn = realish(inRoot);
  const realOut = realish(out);
  const shown = (p: string) => (relative(cwd, p) === '' ? '.' : display(cwd, p));
  const advice =
    'generated cookbooks would mix with the Ansible files; choose an --out outside the input, or a new directory inside it (e.g. cookbooks-out)';
  if (realOut === realIn) return `the output directory ${shown(out)} is the input directory: ${advice}`;
  if (realIn.startsWith(realOut.endsWith(sep) ? realOut : realOut + sep))
    return `the output directory ${shown(out)} contains the input ${shown(inRoot)}: ${advice}`;
  return undefined;
}

/** The real path of p, through its nearest existing ancestor when p itself does not exist yet. */
function realish(p: string): string {
  if (existsSync(p)) return realpathSync(p);
  const parent = dirname(p);
  return parent === p ? p : join(realish(parent), basename(p));
}
