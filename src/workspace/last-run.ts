// The fast path of a no-change re-run. After a complete, clean conversion the run records a digest
// of everything that decides the output (every input file, the mapping tables, the options, the
// tool version) and the size and modification time of every file it left in the output. When the
// next run finds the same digest and every output file with the same size and time, nothing can
// have changed: it skips the conversion. Any edit to an output file changes its size or time and
// sends the run down the full path, where the edit is detected by content. This record is local
// state (it holds modification times), kept out of version control by .ansible2chef/.gitignore.
// It also holds the stamp (size, times, inode) of every input file as it was read, and the digest
// of everything else: when the input walk finds the same files with the same stamps, the re-run
// need not read them to know their digest. Any write to a file moves its status-change time, which
// no tool can set back; a file changed shortly before the read has no stamp (read-input.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputTree } from '../load/ansible/input.js';
import { safeOutputPath, writeAtomic } from './write.js';

/** A file's size, modification and status-change times and inode: what a later run compares. */
export type InputStamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number];

export const LAST_RUN_PATH = '.ansible2chef/last-run.json';
export const LOCAL_IGNORE_PATH = '.ansible2chef/.gitignore';
export const LOCAL_IGNORE_TEXT = '# Local state of ansible2chef runs (modification times): not for version control.\nlast-run.json\n';

export interface LastRun {
  digest: string;
  /** path -> [size, mtimeMs] of every output file the run left. */
  stamps: Record<string, [number, number]>;
  /** The summary the run printed, repeated by a skipped re-run. */
  summary: unknown;
  /** sha256 of the digest's context (everything but the input files' content). */
  context?: string;
  /** path -> stamp of every input file as the run read it; absent when one had none. */
  inputs?: Record<string, InputStamp>;
}

export function contextDigest(context: unknown): string {
  return createHash('sha256').update(JSON.stringify(context)).digest('hex');
}

/**
 * The digest of the last run when the input is the one it read: the same context, and the same
 * files with the same stamps (`stamps` from statInput, taken now). Else undefined: read the input.
 */
export function unchangedInputDigest(
  last: LastRun | undefined,
  context: unknown,
  stamps: () => Record<string, InputStamp> | undefined,
): string | undefined {
  if (!last?.inputs || last.context !== contextDigest(context)) return undefined;
  const now = stamps();
  if (!now) return undefined;
  const was = last.inputs;
  const paths = Object.keys(now);
  if (paths.length !== Object.keys(was).length) return undefined;
  for (const p of paths) {
    const a = now[p]!;
    const b = was[p];
    if (!b || a.length !== b.length || a.some((x, i) => x !== b[i])) return undefined;
  }
  return last.digest;
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

/** What a run read: the digest's context and the input files' stamps (when every file has one). */
export interface ReadRecord {
  context: unknown;
  inputs: Record<string, InputStamp> | undefined;
}

export function writeLastRun(outDir: string, digest: string, files: Iterable<string>, summary: unknown, read: ReadRecord): void {
  const stamps: Record<string, [number, number]> = {};
  for (const path of [...files].sort()) {
    const s = stampOf(safeOutputPath(outDir, path));
    if (s) stamps[path] = s;
  }
  writeAtomic(safeOutputPath(outDir, LOCAL_IGNORE_PATH), LOCAL_IGNORE_TEXT);
  writeAtomic(
    safeOutputPath(outDir, LAST_RUN_PATH),
    JSON.stringify({ digest, stamps, summary, ...readFields(read) } satisfies LastRun) + '\n',
  );
}

/**
 * A re-run that found everything unchanged by reading the input records the stamps it read, when
 * the last run could not (a file had changed just before it): the next re-run need not read.
 */
export function restampInputs(outDir: string, last: LastRun, read: ReadRecord): void {
  if (last.inputs || !read.inputs) return;
  writeAtomic(safeOutputPath(outDir, LAST_RUN_PATH), JSON.stringify({ ...last, ...readFields(read) } satisfies LastRun) + '\n');
}

function readFields(read: ReadRecord): Pick<LastRun, 'context' | 'inputs'> {
  return { context: contextDigest(read.context), ...(read.inputs ? { inputs: read.inputs } : {}) };
}
