// Loads a TOML table from the package's mappings/ folder (next to src/ and dist/).
import { readFileSync } from 'node:fs';
import TOML from '@iarna/toml';

const cache = new Map<string, unknown>();

export function loadMapping(file: string): unknown {
  let t = cache.get(file);
  if (t === undefined) {
    t = TOML.parse(readFileSync(new URL(`../../../mappings/${file}`, import.meta.url), 'utf8'));
    cache.set(file, t);
  }
  return t;
}
