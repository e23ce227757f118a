// Loads a TOML table from the package's mappings/ folder (next to src/ and dist/).
import { readFileSync } from 'node:fs';
import TOML from '@iarna/toml';

const cache = new Map<string, unknown>();

// User tables merged over the built-in ones (src/mapping/user.ts), in force while one conversion
// translates. Translation is synchronous, so no other conversion can see them.
let overlay: ReadonlyMap<string, unknown> | undefined;

export function withMappingOverlay<T>(tables: ReadonlyMap<string, unknown> | undefined, fn: () => T): T {
  const before = overlay;
  overlay = tables;
  try {
    return fn();
  } finally {
    overlay = before;
  }
}

export function loadMapping(file: string): unknown {
  const user = overlay?.get(file);
  if (user !== undefined) return user;
  let t = cache.get(file);
  if (t === undefined) {
    t = TOML.parse(readFileSync(new URL(`../../../mappings/${file}`, import.meta.url), 'utf8'));
    cache.set(file, t);
  }
  return t;
}
