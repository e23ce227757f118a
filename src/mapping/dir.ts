// Where the shipped tables are, with nothing else imported: the loader stage reads keywords.toml
// from here without pulling in the plugins builtin.ts registers.
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/** mappings/ sits two levels above this module both in src/mapping and in dist/mapping. */
export function builtinMappingsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../mappings');
}
