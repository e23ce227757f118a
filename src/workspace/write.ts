// Writing the output: every path checked to stay inside the output directory, every file written
// atomically (temporary file + rename), so an interrupted run leaves each file old or new.
import { mkdirSync, renameSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

export function safeOutputPath(outDir: string, rel: string): string {
  if (rel.includes('\0') || rel.startsWith('/') || rel.split('/').some((s) => s === '..' || s === '' || s === '.')) {
    throw new Error(`refusing to write outside the output directory: ${JSON.stringify(rel)}`);
  }
  const full = resolve(outDir, ...rel.split('/'));
  if (!full.startsWith(resolve(outDir) + sep)) throw new Error(`refusing to write outside the output directory: ${JSON.stringify(rel)}`);
  return full;
}

export function writeAtomic(full: string, content: string | Uint8Array): void {
  mkdirSync(dirname(full), { recursive: true });
  const tmp = join(dirname(full), `.${randomBytes(6).toString('hex')}.a2c-tmp`);
  writeFileSync(tmp, content);
  renameSync(tmp, full);
}

/** True when the file already holds exactly these bytes (no write, mtime kept). */
export function sameContent(full: string, content: string | Uint8Array): boolean {
  if (!existsSync(full)) return false;
  const have = readFileSync(full);
  const want = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return have.equals(want);
}
