// Where the built-in mapping tables live, in a module of its own: the no-change re-run hashes them
// without loading the tables' parsers and plugins.
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/** mappings/ sits two levels above this module both in src/mapping and in dist/mapping. */
export function builtinMappingsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../mappings');
}
