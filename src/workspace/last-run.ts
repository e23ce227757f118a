// The fast path of a no-change re-run. After a complete, clean conversion the run records a digest
// of everything that decides the output (every input file, the mapping tables, the options, the
// tool version) and the size and modification time of every file it left in the output. When the
// next run finds the same digest and every output file with the same size and time, nothing can
// have changed: it skips the conversion. Any edit to an output file changes its size or time and
// sends the run down the full path, where the edit is detected by content. This record is local
// state (it holds modification times), kept out of version control by .ansible2chef/.gitignore.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputTree } from '../ansible/input.js';
import { safeOutputPath, writeAtomic } from './write.js';

export const LAST_RUN_PATH = '.ansible2chef/last-run.json';
export const LOCAL_IGNORE_PATH = '.ansible2chef/.gitignore';
export const LOCAL_IGNORE_TEXT = '# Local state of ansible2chef runs (modification times): not for version control.\nlast-run.json\n';

export interface LastRun {
  digest: string;
  /** path -> [size, mtimeMs] of every output file the run left. */
  stamps: Record<string, [number, number]>;
  /** The summary the run printed, repeated by a skipped re-run. */
  summary: unknown;
}

export function inputDigest(tree: InputTree, context: unknown): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(context));
  for (const path of [...tree.files.keys()].sort()) {
    h.update(`\0${path}\0`);
    h.update(tree.files.get(path)!);
  }
  return h.digest('hex');
}

export function readLastRun(outDir: string): LastRun | undefined {
  const p = join(outDir, ...LAST_RUN_PATH.split('/'));
  if (!existsSync(p)) return undefined;
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as LastRun;
  } catch {
    return undefined;
  }
}

function stampOf(full: string): [number, number] | undefined {
  try {
    const st = statSync(full);
    return [st.size, st.mtimeMs];
  } catch {
    return undefined;
  }
}

/** True when the last clean run had this digest and every output file it left is untouched. */
export function unchangedSince(outDir: string, last: LastRun | undefined, digest: string): last is LastRun {
  if (!last || last.digest !== digest) return false;
  for (const [path, [size, mtime]] of Object.entries(last.stamps)) {
    const now = stampOf(safeOutputPath(outDir, path));
    if (!now || now[0] !== size || now[1] !== mtime) return false;
  }
  return true;
}

export function writeLastRun(outDir: string, digest: string, files: Iterable<string>, summary: unknown): void {
  const stamps: Record<string, [number, number]> = {};
  for (const path of [...files].sort()) {
    const s = stampOf(safeOutputPath(outDir, path));
    if (s) stamps[path] = s;
  }
  writeAtomic(safeOutputPath(outDir, LOCAL_IGNORE_PATH), LOCAL_IGNORE_TEXT);
  writeAtomic(safeOutputPath(outDir, LAST_RUN_PATH), JSON.stringify({ digest, stamps, summary } satisfies LastRun) + '\n');
}
