// The fast path of a no-change re-run. After a complete, clean conversion the run records a digest
// of everything that decides the output (every input file, the mapping tables, the options, the
// tool version) and the stamps (size, modification and status-change times, inode) of every file it
// left in the output. When the next run finds the same digest and every output file with the same
// stamp, nothing can have changed: it skips the conversion. Any edit to an output file moves its
// stamp and sends the run down the full path, where the edit is detected by content. This record is
// local state (it holds modification times), kept out of version control by .ansible2chef/.gitignore.
// It also holds the stamp of every input directory and file as it was read, and the digest of
// everything else: when every one has the same stamp, the re-run need not list or read them to know
// their digest. Any write to a file moves its status-change time, and any entry added to or removed
// from a directory moves the directory's, which no tool can set back; an input changed shortly
// before the read has no stamps (read-input.ts). Both stamp records are a tree of names and one
// digest (stamps.ts): the record is parsed on every re-run, so it holds no path or time per file.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputTree } from '../load/ansible/input.js';
import { MANIFEST_PATH, type RecordedOptions, readManifest } from './manifest.js';
import { nameTree, type Stamp, stampOf, stampsDigest, type TreeStamps, treeUnchanged } from './stamps.js';
import { safeOutputPath, writeAtomic } from './write.js';

export const LAST_RUN_PATH = '.ansible2chef/last-run.json';
export const LOCAL_IGNORE_PATH = '.ansible2chef/.gitignore';
export const LOCAL_IGNORE_TEXT = '# Local state of ansible2chef runs (modification times): not for version control.\nlast-run.json\n';

/** The tool's code hash with the stamps of the files it was computed from (cli/run-digest.ts toolCode). */
export interface ToolRecord {
  hash: string;
  code: TreeStamps;
  support: TreeStamps;
}

export interface LastRun {
  digest: string;
  /** Every output file the run left. */
  outputs: TreeStamps;
  /** The summary the run printed, repeated by a skipped re-run. */
  summary: unknown;
  /** sha256 of the digest's context (everything but the input files' content). */
  context?: string;
  /** The input's directories and files as the run read them; absent when one had no stamp. */
  input?: TreeStamps;
  /** The tool's code as the run hashed it; absent when a file of it had just changed. */
  tool?: ToolRecord;
  /** The options the manifest records, with the manifest's stamp (see lastRecordedOptions). */
  manifest?: { stamp: Stamp; options?: RecordedOptions };
  /**
   * The cookbooks the run rendered or skipped: each of their files on disk was then the one the
   * manifest records (a frozen, excluded or unselected cookbook's may hold edits). See leftAsRecorded.
   */
  current?: string[];
}

export function contextDigest(context: unknown): string {
  return createHash('sha256').update(JSON.stringify(context)).digest('hex');
}

/**
 * The digest of the last run when the input is the one it read: the same context, and `unchanged`
 * (read-input.ts inputUnchanged) vouches for the stamps it recorded. Else undefined: read the input.
 */
export function unchangedInputDigest(
  last: LastRun | undefined,
  context: unknown,
  unchanged: (input: TreeStamps) => boolean,
): string | undefined {
  if (!last?.input || last.context !== contextDigest(context)) return undefined;
  return unchanged(last.input) ? last.digest : undefined;
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

// One read per output directory and process: the settings and the re-run's check both need it.
const lastRuns = new Map<string, LastRun | undefined>();

export function readLastRun(outDir: string): LastRun | undefined {
  if (lastRuns.has(outDir)) return lastRuns.get(outDir);
  const p = join(outDir, ...LAST_RUN_PATH.split('/'));
  let last: LastRun | undefined;
  try {
    last = existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as LastRun) : undefined;
  } catch {
    last = undefined;
  }
  lastRuns.set(outDir, last);
  return last;
}

function writeRecord(outDir: string, record: LastRun): void {
  lastRuns.delete(outDir);
  writeAtomic(safeOutputPath(outDir, LAST_RUN_PATH), JSON.stringify(record) + '\n');
}

/**
 * The options the manifest of `outDir` records. The manifest lists every file and is parsed whole, so
 * while it has the stamp the last run recorded they come from the (smaller) last-run record, which a
 * re-run reads anyway; a manifest written or edited since is read.
 */
export function lastRecordedOptions(outDir: string): RecordedOptions {
  const kept = readLastRun(outDir)?.manifest;
  const now = kept && stampOf(safeOutputPath(outDir, MANIFEST_PATH));
  if (kept && now?.every((x, i) => x === kept.stamp[i])) return kept.options ?? {};
  return readManifest(outDir)?.options ?? {};
}

/** True when the last clean run had this digest and every output file it left is untouched. */
export function unchangedSince(outDir: string, last: LastRun | undefined, digest: string): last is LastRun {
  // A record of an older format has no `outputs`: the run takes the full path and writes a new one.
  return last !== undefined && last.digest === digest && last.outputs !== undefined && treeUnchanged(outDir, last.outputs);
}

/** What a run read: the digest's context and the input's stamps (when every entry has one). */
export interface ReadRecord {
  context: unknown;
  input: TreeStamps | undefined;
  tool: ToolRecord | undefined;
}

export function writeLastRun(
  outDir: string,
  digest: string,
  files: Iterable<string>,
  summary: unknown,
  read: ReadRecord,
  current: string[] = [],
): void {
  const names = nameTree([...files].sort());
  const outputs: TreeStamps = { names, dirs: false, digest: stampsDigest(names, false, (rel) => stampOf(safeOutputPath(outDir, rel))) };
  // Stamped before it is read back: the options as the manifest holds them, whatever wrote it.
  const manifest = stampOf(safeOutputPath(outDir, MANIFEST_PATH));
  const options = manifest && readManifest(outDir)?.options;
  writeAtomic(safeOutputPath(outDir, LOCAL_IGNORE_PATH), LOCAL_IGNORE_TEXT);
  writeRecord(outDir, {
    digest,
    outputs,
    summary,
    ...readFields(read),
    ...(manifest ? { manifest: { stamp: manifest, ...(options ? { options } : {}) } } : {}),
    ...(current.length ? { current } : {}),
  });
}

/**
 * The cookbooks whose files are, by their stamps, as the last clean run left them: that run rendered
 * or skipped them (so every file of theirs on disk was the one the manifest records), and neither the
 * manifest nor any output file it left has moved since (the stamps the no-change re-run compares).
 * Whether one of their files was edited is then known without reading and hashing it. Empty when
 * there is no such record or anything moved.
 */
export function leftAsRecorded(outDir: string): Set<string> {
  const last = readLastRun(outDir);
  const kept = last?.manifest?.stamp;
  if (!last?.current || !last.outputs || !kept) return new Set();
  const now = stampOf(safeOutputPath(outDir, MANIFEST_PATH));
  if (!now?.every((x, i) => x === kept[i]) || !treeUnchanged(outDir, last.outputs)) return new Set();
  return new Set(last.current);
}

/**
 * A re-run that found everything unchanged by reading the input records the stamps it read (the
 * last run had none, or the stamps moved without the content changing: a file saved unchanged, a
 * directory whose entries came and went, the tool installed again): the next re-run need not read.
 */
export function restampInputs(outDir: string, last: LastRun, read: ReadRecord): void {
  if (!read.input && !read.tool) return;
  writeRecord(outDir, { ...last, ...readFields(read) });
}

/**
 * A re-run found up to date whose tool code was read (the last run had no record of its stamps, or
 * the code was installed again unchanged) records them: the next re-run need not read the code.
 */
export function restampTool(outDir: string, last: LastRun, tool: ToolRecord | undefined): void {
  if (!tool || tool === last.tool) return;
  writeRecord(outDir, { ...last, tool });
}

function readFields(read: ReadRecord): Pick<LastRun, 'context' | 'input' | 'tool'> {
  return { context: contextDigest(read.context), ...(read.input ? { input: read.input } : {}), ...(read.tool ? { tool: read.tool } : {}) };
}
