// Writing the output: every path checked to stay inside the output directory, every file written
// atomically (temporary file + rename), so an interrupted run leaves each file old or new.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isSafeOutputPath } from '../ir/output-path.js';

const TEMP_NAME = /^\.[0-9a-f]{12}\.a2c-tmp$/;

export { isSafeOutputPath };

export function safeOutputPath(outDir: string, rel: string): string {
  if (!isSafeOutputPath(rel)) throw new Error(`refusing to write outside the output directory: ${JSON.stringify(rel)}`);
  // A safe path has no `.`, `..` or empty segment and no leading separator: joined to the resolved
  // directory it is already normal, with no path.resolve of its own. A run asks this three times per
  // output file (changes, writing, stamps): 21,000 calls at 1000 roles, which took about twice as
  // long with two resolves per call (some 15 to 25 ms of CPU).
  const root = resolvedRoot(outDir);
  const base = root.endsWith(sep) ? root : root + sep;
  const full = base + (sep === '/' ? rel : rel.split('/').join(sep));
  if (!full.startsWith(base)) throw new Error(`refusing to write outside the output directory: ${JSON.stringify(rel)}`);
  return full;
}

let lastRoot: { dir: string; resolved: string } | undefined;

/** resolve(outDir), kept for the last absolute directory asked (a relative one depends on the cwd). */
function resolvedRoot(outDir: string): string {
  if (lastRoot?.dir === outDir) return lastRoot.resolved;
  const resolved = resolve(outDir);
  if (isAbsolute(outDir)) lastRoot = { dir: outDir, resolved };
  return resolved;
}

/**
 * The temporary file lives in the target's directory so the rename never crosses a file system;
 * rename(2) replaces the target in one step, so a reader (or a killed run) sees old or new bytes.
 * `made`: directories the caller has already made in this run and not removed since, shared across
 * its calls: a run writing thousands of files into a few hundred directories then asks for each
 * directory once instead of once per file (a recursive mkdir(2) walk per file was 2% of a full run).
 */
export function writeAtomic(full: string, content: string | Uint8Array, made?: Set<string>): void {
  const dir = dirname(full);
  if (!made?.has(dir)) {
    makeDirectory(dir);
    made?.add(dir);
  }
  const tmp = join(dir, `.${temporaryName()}.a2c-tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, full);
  } catch (e) {
    rmSync(tmp, { force: true });
    // A failed write(2) names no path and a failed rename names the temporary: name the file meant.
    if (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string') (e as NodeJS.ErrnoException).path = full;
    throw e;
  }
}

let tempPrefix = '';
let tempCount = 0x10000;

/**
 * Twelve hex digits naming a temporary: 32 random bits, drawn once per 65536 names, then a counter.
 * Within a run the names never repeat; another run writing into the same directory draws its own
 * bits. A random draw per file was a system call per file, 1% of a 1000-role run.
 */
function temporaryName(): string {
  if (tempCount === 0x10000) {
    tempPrefix = randomBytes(4).toString('hex');
    tempCount = 0;
  }
  return tempPrefix + (tempCount++).toString(16).padStart(4, '0');
}

/**
 * mkdir -p. A recursive mkdirSync that fails reports ENOENT for the deepest directory whatever the
 * cause (a read-only file system, a parent that is a file); on failure the directories are made one
 * at a time, so the error thrown names the directory that could not be made and the real reason.
 */
function makeDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    const parent = dirname(dir);
    if (parent !== dir && !existsSync(parent)) makeDirectory(parent);
    mkdirSync(dir);
  }
}

/**
 * Remove temporary files a killed run left behind (only names writeAtomic makes): in `dir` alone, or
 * in the whole tree below it with `deep`.
 */
export function sweepTemporaries(dir: string, deep = true): string[] {
  const swept: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        if (deep) walk(full);
      } else if (entry.isFile() && TEMP_NAME.test(entry.name)) {
        rmSync(full, { force: true });
        swept.push(full);
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return swept;
}
