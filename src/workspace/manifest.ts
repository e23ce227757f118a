// The manifest records what ansible2chef generated (path -> sha256), so a file whose bytes no
// longer match was edited by a person and is never overwritten or removed without --force.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_PATH = '.ansible2chef/manifest.json';

export interface Manifest {
  tool: string;
  version: number;
  files: Record<string, string>;
}

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(typeof content === 'string' ? Buffer.from(content, 'utf8') : content).digest('hex');
}

export function readManifest(outDir: string): Manifest | undefined {
  const p = join(outDir, ...MANIFEST_PATH.split('/'));
  if (!existsSync(p)) return undefined;
  try {
    const m = JSON.parse(readFileSync(p, 'utf8')) as Manifest;
    if (m && typeof m.files === 'object') return m;
  } catch {
    /* a broken manifest counts as none: every existing file is then treated as hand-written */
  }
  return undefined;
}

export function manifestText(files: Map<string, string | Uint8Array>): string {
  const entries: Record<string, string> = {};
  for (const p of [...files.keys()].sort()) entries[p] = sha256(files.get(p)!);
  const m: Manifest = { tool: 'ansible2chef', version: 1, files: entries };
  return JSON.stringify(m, null, 2) + '\n';
}
