// Apply a conversion to the output directory: write what changed, keep hand edits, remove files
// the conversion no longer produces (only if nobody edited them), manifest last.
import { existsSync, readFileSync, rmSync, readdirSync, rmdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MANIFEST_PATH, manifestText, readManifest, sha256 } from './manifest.js';
import { safeOutputPath, sameContent, writeAtomic } from './write.js';

export interface ApplyOptions {
  force?: boolean;
  /** Write the new version beside an edited file as FILE.new. */
  keepEdits?: boolean;
}

export interface ApplyResult {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Generated files a person edited (or files not made by ansible2chef): left untouched. */
  edited: string[];
}

export function applyOutput(outDir: string, files: Map<string, string | Uint8Array>, opts: ApplyOptions = {}): ApplyResult {
  const res: ApplyResult = { written: [], unchanged: [], removed: [], edited: [] };
  const previous = readManifest(outDir)?.files ?? {};
  for (const [rel, content] of files) {
    const full = safeOutputPath(outDir, rel);
    if (sameContent(full, content)) {
      res.unchanged.push(rel);
      continue;
    }
    if (existsSync(full) && !opts.force) {
      const was = previous[rel];
      const now = sha256(readFileSync(full));
      if (was === undefined || was !== now) {
        res.edited.push(rel);
        if (opts.keepEdits) writeAtomic(full + '.new', content);
        continue;
      }
    }
    writeAtomic(full, content);
    res.written.push(rel);
  }
  for (const rel of Object.keys(previous).sort()) {
    if (files.has(rel)) continue;
    const full = safeOutputPath(outDir, rel);
    if (!existsSync(full)) continue;
    if (!opts.force && sha256(readFileSync(full)) !== previous[rel]) {
      res.edited.push(rel);
      continue;
    }
    rmSync(full);
    removeEmptyDirs(outDir, dirname(full));
    res.removed.push(rel);
  }
  // An edited file keeps the hash of the version we generated before, so the edit stays detected.
  const record = new Map(files);
  for (const rel of res.edited) {
    const was = previous[rel];
    if (was !== undefined) record.set(rel, `__sha256__${was}`);
    else record.delete(rel);
  }
  writeAtomic(safeOutputPath(outDir, MANIFEST_PATH), manifestTextWithHashes(record));
  return res;
}

/** Entries whose value is `__sha256__<hex>` keep that hash (the version we generated before an edit). */
function manifestTextWithHashes(files: Map<string, string | Uint8Array>): string {
  const text = JSON.parse(manifestText(files)) as { files: Record<string, string> };
  for (const [rel, content] of files) {
    if (typeof content === 'string' && content.startsWith('__sha256__')) text.files[rel] = content.slice('__sha256__'.length);
  }
  return JSON.stringify(text, null, 2) + '\n';
}

function removeEmptyDirs(root: string, dir: string): void {
  let d = dir;
  while (d.startsWith(root) && d !== root) {
    if (readdirSync(d).length) return;
    rmdirSync(d);
    d = dirname(d);
  }
}
