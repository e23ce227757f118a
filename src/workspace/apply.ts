// Execute the changes computed for a run: write new and updated files atomically, write FILE.new
// beside conflicts when asked, remove files no longer produced, and write the manifest last.
// Before the first write, the hashes about to be written go to a journal (pending.json): a run
// killed half-way leaves files that the next run recognises as generated, not as hand edits.
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Change } from './changes.js';
import { type Manifest, MANIFEST_PATH, manifestText, PENDING_PATH, sha256 } from './manifest.js';
import { safeOutputPath, sweepTemporaries, writeAtomic } from './write.js';

export interface ApplyOptions {
  /** Write the new version beside a conflicting file as FILE.new. */
  keepEdits?: boolean;
  /** Called after each file written or removed. */
  progress?: (done: number, total: number) => void;
}

export interface ApplyResult {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Hand-edited (or foreign) files the run wanted to change: left untouched. */
  conflicts: string[];
  /** Hand-edited files whose conversion did not change: left untouched, no action needed. */
  kept: string[];
  /** FILE.new written beside conflicts (with keepEdits). */
  sidecars: string[];
}

/**
 * `manifest` is the manifest to record when the run completes; its `files` must already describe
 * the result (see nextManifest).
 */
export function applyChanges(outDir: string, changes: Change[], manifest: Manifest, opts: ApplyOptions = {}): ApplyResult {
  const res: ApplyResult = { written: [], unchanged: [], removed: [], conflicts: [], kept: [], sidecars: [] };
  // A temporary outside .ansible2chef/ exists only while the journal does (it is written before any
  // such file and removed after the manifest): only a run that was stopped with the journal still
  // there can have left one in the tree. Any other run sweeps .ansible2chef/ alone (a run killed
  // while writing the journal or its last-run record), not every directory of the output: a walk of
  // a 1000-role output is some 4,000 directory reads.
  const journal = safeOutputPath(outDir, PENDING_PATH);
  if (existsSync(journal)) sweepTemporaries(outDir);
  else sweepTemporaries(dirname(journal), false);
  const writes = changes.filter((c) => c.kind === 'create' || c.kind === 'update');
  const removals = changes.filter((c) => c.kind === 'remove');
  const sidecars = opts.keepEdits ? changes.filter((c) => c.kind === 'conflict' && c.content !== undefined) : [];
  const total = writes.length + removals.length + sidecars.length;
  let done = 0;
  const step = () => opts.progress?.(++done, total);

  // Directories made by this run: nothing is removed until every write and sidecar is done.
  const made = new Set<string>();
  // Sidecars are written through temporaries too: the journal (with no hash of theirs) marks the run.
  if (writes.length || sidecars.length) {
    // The manifest already holds each written file's hash (nextFileHashes): not hashed a second time.
    const pending = Object.fromEntries(writes.map((c) => [c.path, manifest.files[c.path] ?? sha256(c.content!)]));
    writeAtomic(safeOutputPath(outDir, PENDING_PATH), JSON.stringify({ files: pending }, null, 2) + '\n', made);
  }
  for (const c of writes) {
    writeAtomic(safeOutputPath(outDir, c.path), c.content!, made);
    res.written.push(c.path);
    step();
  }
  for (const c of sidecars) {
    writeAtomic(safeOutputPath(outDir, c.path) + '.new', c.content!, made);
    res.sidecars.push(c.path + '.new');
    step();
  }
  for (const c of removals) {
    const full = safeOutputPath(outDir, c.path);
    rmSync(full, { force: true });
    removeEmptyDirs(resolve(outDir), dirname(full));
    res.removed.push(c.path);
    step();
  }
  for (const c of changes) {
    if (c.kind === 'unchanged') res.unchanged.push(c.path);
    else if (c.kind === 'conflict') res.conflicts.push(c.path);
    else if (c.kind === 'kept') res.kept.push(c.path);
  }
  writeAtomic(safeOutputPath(outDir, MANIFEST_PATH), manifestText(manifest));
  rmSync(safeOutputPath(outDir, PENDING_PATH), { force: true });
  return res;
}

/**
 * The file hashes to record after the changes: out-of-scope entries carried over, written and
 * unchanged files at their new hash, and edited files at the hash of the version we generated
 * before, so the edit stays detected on every later run.
 */
export function nextFileHashes(previous: Record<string, string>, changes: Change[]): Record<string, string> {
  const files = { ...previous };
  for (const c of changes) {
    if (c.kind === 'remove' || c.kind === 'forget') delete files[c.path];
    else if ((c.kind === 'create' || c.kind === 'update' || c.kind === 'unchanged') && c.content !== undefined)
      files[c.path] = sha256(c.content);
  }
  return files;
}

function removeEmptyDirs(root: string, dir: string): void {
  let d = dir;
  while (d.startsWith(root + '/') && d !== root) {
    if (readdirSync(d).length) return;
    rmdirSync(d);
    d = dirname(d);
  }
}
