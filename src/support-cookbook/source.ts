// Where the support cookbook's Ruby sources are, and their content: apart from the resource table in
// files.ts, so that what a no-change re-run loads (the tool's code hash, cli/run-digest.ts) stays small.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface SupportCookbookFile {
  /** Path inside the cookbook, with `/` separators (`resources/line.rb`). */
  path: string;
  content: string;
}

/**
 * The cookbook's source folder. This module runs from src/ under vitest and from dist/ once compiled,
 * one folder deep in both; the Ruby sources stay under src/ (package.json "files") in both cases.
 */
export function supportCookbookDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../src/support-cookbook/ruby');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

/** Every file of the support cookbook, sorted by path (byte order), content read as UTF-8. */
export function supportCookbookFiles(): SupportCookbookFile[] {
  const dir = supportCookbookDir();
  return listFiles(dir)
    .map((full) => ({ path: relative(dir, full).split(sep).join('/'), content: readFileSync(full, 'utf8') }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
