// Where the shipped tables are, with nothing else imported: the loader stage reads keywords.toml, and the
// no-change re-run hashes the tables, without pulling in their parsers or the plugins builtin.ts registers.
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/** mappings/ sits two levels above this module both in src/mapping and in dist/mapping. */
export function builtinMappingsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../mappings');
}
