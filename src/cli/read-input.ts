// Read an input directory (or a playbook's directory) into memory for convert().
// Symlinks are followed only when they stay inside the input root; nothing outside it is read.
// A file the walk cannot take (a name that is not UTF-8, a symlink cycle, an unreadable entry) is
// skipped with a warning naming it: one odd file that no task references must not stop the run.
import {
  closeSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { EntryKind, InputTree } from '../load/ansible/input.js';
import type { ConvertOptions } from '../convert.js';
import { type NameTree, RACY_MS, type Stamp, stampsDigest, type TreeStamps, treeUnchanged } from '../workspace/stamps.js';
import { osReason } from './os-error.js';

export interface ReadInput {
  tree: InputTree;
  root: string;
  kind?: EntryKind;
  entry?: string;
  rootName: string;
  /** Problems found while reading (symlinks out of the root, unreadable files). */
  warnings: string[];
  /**
   * The stamps of every directory and file as they were read (see inputUnchanged); absent when one
   * changed too shortly before the read for its stamp to vouch for its content, or when the walk met
   * anything but plain files and directories or warned about an entry.
   */
  stamps?: TreeStamps;
}

/** What convert() needs to know of how the input was read: its name, and what kind of entry it is. */
export type InputShape = Pick<ReadInput, 'rootName' | 'kind' | 'entry'>;

/** The shape of an input path, known without reading it. */
export function inputShape(path: string): InputShape {
  const abs = resolve(path);
  if (statSync(abs).isDirectory()) return { rootName: basename(abs) };
  return { rootName: basename(dirname(abs)), kind: 'playbook', entry: basename(abs) };
}

export function inputOptions(input: InputShape): Pick<ConvertOptions, 'rootName' | 'kind' | 'entry'> {
  return { rootName: input.rootName, ...(input.kind ? { kind: input.kind } : {}), ...(input.entry ? { entry: input.entry } : {}) };
}

export interface ReadOptions {
  /**
   * Directories never read as input: the output directory when it lies inside the input (the
   * natural `input = "."`, `output = "cookbooks-out"` layout), so generated files are not input.
   */
  exclude?: readonly string[];
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.ansible2chef']);
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function readInput(path: string, opts: ReadOptions = {}): ReadInput {
  const started = Date.now();
  const files = new Map<string, Uint8Array>();
  // Every directory's and file's stamp by its path relative to the root ('' for the root), taken
  // before the read: a change during or after it moves the times past the stamp.
  const stamps = new Map<string, Stamp>();
  let racy = false;
  const stamp = (rel: string, st: Stats) => {
    if (Math.max(st.mtimeMs, st.ctimeMs) < started - RACY_MS) stamps.set(rel, [st.size, st.mtimeMs, st.ctimeMs, st.ino]);
    else racy = true;
  };
  const dirs = new Map<string, NameTree>();
  const { root, warnings, plain } = walkInput(
    path,
    opts,
    (full, rel) => {
      const fd = openSync(full, 'r');
      try {
        const st = fstatSync(fd);
        if (st.size > MAX_FILE_BYTES) return `${rel}: larger than ${MAX_FILE_BYTES} bytes; skipped`;
        stamp(rel, st);
        dirs.get(parentOf(rel))?.f.push(baseOf(rel));
        files.set(rel, readFileSync(fd));
        return undefined;
      } finally {
        closeSync(fd);
      }
    },
    {
      // Stamped before its entries are listed: an entry added or removed after moves its times.
      enter: (full, rel) => {
        stamp(rel, statSync(full));
        const node: NameTree = { f: [], d: [] };
        dirs.set(rel, node);
        if (rel !== '') dirs.get(parentOf(rel))?.d.push([baseOf(rel), node]);
      },
    },
  );
  const names = dirs.get('');
  const record =
    racy || !plain || warnings.length || !names
      ? undefined
      : { names, dirs: true, digest: stampsDigest(names, true, (rel) => stamps.get(rel)) };
  return { tree: { files }, root, ...inputShape(path), warnings, ...(record ? { stamps: record } : {}) };
}

const parentOf = (rel: string) => rel.slice(0, Math.max(0, rel.lastIndexOf('/')));
const baseOf = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1);

/**
 * True when the input at `path` is as readInput stamped it, found without listing a directory or
 * reading a file: one stat per directory and per file. Adding, removing or renaming an entry moves
 * its directory's times, and any write to a file its status-change time (which no tool can set
 * back), so equal stamps leave the walk and every file's content as they were read.
 */
export function inputUnchanged(path: string, stamps: TreeStamps): boolean {
  const abs = resolve(path);
  const st = statSync(abs, { throwIfNoEntry: false });
  return st !== undefined && treeUnchanged(st.isDirectory() ? abs : dirname(abs), stamps);
}

/**
 * The walk of readInput: every file under the root, in name order, handed to `take` (which returns a
 * warning when it skips the file); `enter` sees each directory before its entries are listed.
 * `plain` is false when the walk met an entry that is neither a plain file nor a plain directory.
 */
function walkInput(
  path: string,
  opts: ReadOptions,
  take: (full: string, rel: string) => string | undefined,
  hooks: { enter?: (full: string, rel: string) => void } = {},
): { root: string; warnings: string[]; plain: boolean } {
  const abs = resolve(path);
  const st = statSync(abs);
  const root = st.isDirectory() ? abs : dirname(abs);
  const realRoot = realpathSync(root);
  const excluded = new Set((opts.exclude ?? []).map(realOrResolved));
  const warnings: string[] = [];
  let plain = true;
  // Real paths of the directories being walked: a symlink back to one of them is a cycle.
  const walking: string[] = [];
  // `real` is known when the directory was reached as a plain directory entry of a walked one (its
  // parent's real path plus its name): realpathSync costs an lstat per path component, per directory.
  const walk = (dir: string, rel: string, known?: string) => {
    const real = known ?? realpathSync(dir);
    // Never the root itself: plan, which writes nothing, may be given an output equal to its input.
    if (rel !== '' && excluded.has(real)) return;
    if (walking.includes(real)) {
      warnings.push(`${rel}: symlink to ${relative(realRoot, real) || 'the input root'}, a directory that contains it; not followed`);
      return;
    }
    hooks.enter?.(dir, rel);
    // Names as bytes: Node decodes a non-UTF-8 name lossily, and the decoded name then names no file.
    // With their types: a plain file or directory needs no lstat of its own (a no-change re-run reads
    // thousands of files, and the extra lookup per file was a fifth of its time).
    const entries = (readdirSync(dir, { encoding: 'buffer', withFileTypes: true }) as unknown as Array<Dirent<Buffer>>).map((d) => ({
      raw: d.name,
      name: utf8Name(d.name),
      dirent: d,
    }));
    walking.push(real);
    for (const { raw, name, dirent } of entries.sort((a, b) => compareNames(a.name, b.name) || Buffer.compare(a.raw, b.raw))) {
      if (name === undefined) {
        warnings.push(`${rel ? rel + '/' : ''}${escapedName(raw)}: file name is not UTF-8; skipped`);
        continue;
      }
      const entryRel = rel ? `${rel}/${name}` : name;
      try {
        if (dirent.isFile()) readFile(join(dir, name), entryRel);
        else if (dirent.isDirectory()) {
          if (!SKIP_DIRS.has(name)) walk(join(dir, name), entryRel, join(real, name));
        } else readEntry(join(dir, name), entryRel, name);
      } catch (e) {
        warnings.push(`${entryRel}: ${osReason(e)}; skipped`);
      }
    }
    walking.pop();
  };
  const readEntry = (full: string, rel: string, name: string) => {
    let info = lstatSync(full);
    // A file system that gives no entry types comes here for plain entries too.
    if (info.isSymbolicLink() || !(info.isFile() || info.isDirectory())) plain = false;
    if (info.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(full);
      } catch {
        warnings.push(`${rel}: broken symlink skipped`);
        return;
      }
      if (target !== realRoot && !target.startsWith(realRoot + sep)) {
        warnings.push(`${rel}: symlink points outside the input (${relative(realRoot, target)}); not followed`);
        return;
      }
      info = statSync(full);
    }
    if (info.isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(full, rel);
    } else if (info.isFile()) {
      readFile(full, rel);
    }
  };
  const readFile = (full: string, rel: string) => {
    const warning = take(full, rel);
    if (warning !== undefined) warnings.push(warning);
  };
  walk(root, '');
  return { root, warnings, plain };
}

/** Names in the order of a plain string sort (as before names were read as bytes); undecodable ones last. */
function compareNames(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function utf8Name(raw: Buffer): string | undefined {
  try {
    return UTF8.decode(raw);
  } catch {
    return undefined;
  }
}

/** A name that is not UTF-8, shown with its odd bytes as \xNN so the user can find the file. */
function escapedName(raw: Buffer): string {
  let s = '';
  for (let i = 0; i < raw.length; ) {
    // Take the longest valid UTF-8 sequence (1-4 bytes) starting here, else escape one byte.
    let taken = 0;
    for (let n = Math.min(4, raw.length - i); n >= 1 && !taken; n--) {
      const part = utf8Name(raw.subarray(i, i + n));
      if (part !== undefined && !/\p{Cc}/u.test(part)) {
        s += part;
        taken = n;
      }
    }
    if (!taken) {
      s += `\\x${raw[i]!.toString(16).padStart(2, '0')}`;
      taken = 1;
    }
    i += taken;
  }
  return s;
}

/** The real path of a directory that exists, else the path resolved: an output not yet made excludes nothing. */
function realOrResolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}
