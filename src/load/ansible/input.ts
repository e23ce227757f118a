// The input handed to convert(): an in-memory tree of files, so the library does no I/O.

import { lowerBound } from '../../base/sorted-search.js';

export interface InputTree {
  /** Posix paths relative to the input root, sorted or not; contents as bytes. */
  files: Map<string, Uint8Array>;
}

export type EntryKind = 'project' | 'roles' | 'role' | 'playbook';

/** Decode bytes as UTF-8 the way Ansible reads files: BOM dropped, CRLF kept for the YAML layer. */
export function decodeText(bytes: Uint8Array): { text: string; invalid: boolean } {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return { text: decoder.decode(bytes), invalid: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), invalid: true };
  }
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/**
 * Joins and normalises posix paths. As in Python's os.path.join, an absolute part discards what
 * came before it and the result stays absolute, so insideRoot() rejects it: `/etc/x` must never
 * quietly become the input-relative `etc/x`. `..` that climbs above the start is kept for the same reason.
 */
export function join(...parts: string[]): string {
  let out: string[] = [];
  let absolute = false;
  for (const part of parts) {
    if (part.startsWith('/')) {
      out = [];
      absolute = true;
    }
    for (const seg of part.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (absolute && out.length === 0) continue;
        if (out.length === 0 || out[out.length - 1] === '..') out.push('..');
        else out.pop();
      } else out.push(seg);
    }
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** True when a joined path stays inside the input root. */
export function insideRoot(p: string): boolean {
  return p !== '..' && !p.startsWith('../') && !p.startsWith('/');
}

export class InputIndex {
  private readonly dirs = new Map<string, Set<string>>();
  /** Every file path, sorted once: walk() takes a prefix range of it instead of filtering all files per call. */
  private readonly sorted: string[];
  constructor(readonly tree: InputTree) {
    this.sorted = [...tree.files.keys()].sort();
    for (const path of this.sorted) {
      let d = dirname(path);
      let child = path;
      for (;;) {
        const list = this.dirs.get(d) ?? new Set<string>();
        list.add(child);
        this.dirs.set(d, list);
        if (d === '') break;
        child = d;
        d = dirname(d);
      }
    }
  }
  has(path: string): boolean {
    return this.tree.files.has(path);
  }
  isDir(path: string): boolean {
    return this.dirs.has(path);
  }
  /** Direct children (full paths), sorted. */
  list(dir: string): string[] {
    return [...(this.dirs.get(dir) ?? [])].sort();
  }
  /** All files under dir, sorted. */
  walk(dir: string): string[] {
    const prefix = dir === '' ? '' : dir + '/';
    // Paths with the prefix are contiguous in sorted order and start at the prefix's insertion point.
    const lo = lowerBound(this.sorted, prefix);
    let end = lo;
    while (end < this.sorted.length && this.sorted[end]!.startsWith(prefix)) end++;
    return this.sorted.slice(lo, end);
  }
  bytes(path: string): Uint8Array | undefined {
    return this.tree.files.get(path);
  }
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
