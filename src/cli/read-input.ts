// Read an input directory (or a playbook's directory) into memory for convert().
// Symlinks are followed only when they stay inside the input root; nothing outside it is read.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { EntryKind, InputTree } from '../ansible/input.js';
import type { ConvertOptions } from '../convert.js';

export interface ReadInput {
  tree: InputTree;
  root: string;
  kind?: EntryKind;
  entry?: string;
  rootName: string;
  /** Problems found while reading (symlinks out of the root, unreadable files). */
  warnings: string[];
}

/** What convert() needs to know of how the input was read: its name, and what kind of entry it is. */
export function inputOptions(input: ReadInput): Pick<ConvertOptions, 'rootName' | 'kind' | 'entry'> {
  return { rootName: input.rootName, ...(input.kind ? { kind: input.kind } : {}), ...(input.entry ? { entry: input.entry } : {}) };
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.ansible2chef']);
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function readInput(path: string): ReadInput {
  const abs = resolve(path);
  const st = statSync(abs);
  const root = st.isDirectory() ? abs : dirname(abs);
  const realRoot = realpathSync(root);
  const files = new Map<string, Uint8Array>();
  const warnings: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const rel = relative(root, full).split(sep).join('/');
      let info = lstatSync(full);
      if (info.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(full);
        } catch {
          warnings.push(`${rel}: broken symlink skipped`);
          continue;
        }
        if (target !== realRoot && !target.startsWith(realRoot + sep)) {
          warnings.push(`${rel}: symlink points outside the input (${relative(realRoot, target)}); not followed`);
          continue;
        }
        info = statSync(full);
      }
      if (info.isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(full);
      } else if (info.isFile()) {
        if (info.size > MAX_FILE_BYTES) {
          warnings.push(`${rel}: larger than ${MAX_FILE_BYTES} bytes; skipped`);
          continue;
        }
        files.set(rel, readFileSync(full));
      }
    }
  };
  walk(root);
  const out: ReadInput = { tree: { files }, root, rootName: basename(root), warnings };
  if (!st.isDirectory()) {
    out.kind = 'playbook';
    out.entry = basename(abs);
  }
  return out;
}
