// The built-in mapping tables shipped in mappings/ (package data, read once per process).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { parseModuleTable, type ModuleTable } from './modules.js';

/** mappings/ sits two levels above this module both in src/mapping and in dist/mapping. */
export function builtinMappingsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../mappings');
}

let cached: ModuleTable | undefined;

export function builtinModuleTable(): ModuleTable {
  if (!cached) {
    const file = resolve(builtinMappingsDir(), 'modules.toml');
    cached = parseModuleTable(readFileSync(file, 'utf8'), 'mappings/modules.toml');
  }
  return cached;
}
