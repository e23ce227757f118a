// The stamps of a tree of files as one record: the tree's names and one digest of every entry's
// stamp (size, modification and status-change times, inode). A no-change re-run compares the
// record with one stat per entry, without listing a directory or reading a file, and the record
// stays small (names, not a path and four numbers per file) because it is parsed on every re-run.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A file's or directory's size, modification and status-change times and inode. */
export type Stamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** A directory's files and subdirectories, by name (so no record repeats a path). */
export interface NameTree {
  f: string[];
  d: Array<[name: string, sub: NameTree]>;
}

export interface TreeStamps {
  names: NameTree;
  /** sha256 of every stamp, in the order of `names`; with the directories' own when `dirs`. */
  digest: string;
  dirs: boolean;
}

export function stampOf(full: string): Stamp | undefined {
  const st = statSync(full, { throwIfNoEntry: false });
  return st && [st.size, st.mtimeMs, st.ctimeMs, st.ino];
}

/**
 * The digest of the stamps of every entry of `names` (and of each directory, the root's first, when
 * `dirs`), as `stamp(rel)` gives them; an entry without one counts as missing, which no stamp equals.
 */
export function stampsDigest(names: NameTree, dirs: boolean, stamp: (rel: string) => Stamp | undefined): string {
  const numbers: number[] = [];
  const add = (rel: string) => {
    const s = stamp(rel);
    if (s) numbers.push(...s);
    else numbers.push(-1, -1, -1, -1);
  };
  const visit = (node: NameTree, rel: string) => {
    if (dirs) add(rel);
    const prefix = rel === '' ? '' : `${rel}/`;
    for (const name of node.f) add(prefix + name);
    for (const [name, sub] of node.d) visit(sub, prefix + name);
  };
  visit(names, '');
  // The numbers' bytes, not their text: no large string is built.
  return createHash('sha256').update(new Float64Array(numbers)).digest('hex');
}

/** True when every entry under `root` has the stamp it had when `record` was made. */
export function treeUnchanged(root: string, record: TreeStamps): boolean {
  return stampsDigest(record.names, record.dirs, (rel) => stampOf(rel === '' ? root : join(root, rel))) === record.digest;
}

/** The tree of a set of relative paths ('/'-separated). */
export function nameTree(paths: Iterable<string>): NameTree {
  const root: NameTree = { f: [], d: [] };
  // Subdirectories by their path, so a name from the disk is never an object key.
  const dirs = new Map<string, NameTree>([['', root]]);
  const dirOf = (rel: string): NameTree => {
    let node = dirs.get(rel);
    if (!node) {
      const cut = rel.lastIndexOf('/');
      node = { f: [], d: [] };
      dirOf(cut < 0 ? '' : rel.slice(0, cut)).d.push([rel.slice(cut + 1), node]);
      dirs.set(rel, node);
    }
    return node;
  };
  for (const p of paths) {
    const cut = p.lastIndexOf('/');
    dirOf(cut < 0 ? '' : p.slice(0, cut)).f.push(p.slice(cut + 1));
  }
  return root;
}

/**
 * An entry changed within this long before it was stamped may change again within the same timestamp
 * tick (coarse file-system clocks: 2 s on FAT) and keep its stamp: such a tree gets no record.
 */
export const RACY_MS = 3000;

/**
 * The plain files under `root` that `keep` accepts (relative paths, sorted), with the record of their
 * and every directory's stamps, taken before the caller reads the files; no record when an entry
 * changed within RACY_MS or is neither a plain file nor a plain directory.
 */
export function recordTree(root: string, keep: (rel: string) => boolean): { paths: string[]; record?: TreeStamps } {
  const started = Date.now();
  const stamps = new Map<string, Stamp>();
  const paths: string[] = [];
  let usable = true;
  const take = (rel: string, full: string) => {
    const s = stampOf(full);
    if (!s || Math.max(s[1], s[2]) >= started - RACY_MS) usable = false;
    else stamps.set(rel, s);
  };
  const walk = (dir: string, rel: string): NameTree => {
    take(rel, dir);
    const node: NameTree = { f: [], d: [] };
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const entryRel = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) node.d.push([e.name, walk(join(dir, e.name), entryRel)]);
      else if (!e.isFile()) usable = false;
      else if (keep(entryRel)) {
        take(entryRel, join(dir, e.name));
        node.f.push(e.name);
        paths.push(entryRel);
      }
    }
    return node;
  };
  const names = walk(root, '');
  return {
    paths,
    ...(usable ? { record: { names, dirs: true, digest: stampsDigest(names, true, (rel) => stamps.get(rel)) } } : {}),
  };
}
