// The support matrix of the built-in tables and plugins (what docs/support-matrix.md holds).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import TOML from '@iarna/toml';
import { builtinMappingsDir, builtinModuleTable } from './builtin.js';
import { supportMatrix } from './support-matrix.js';

export function builtinSupportMatrix(): string {
  const table = (f: string) => TOML.parse(readFileSync(resolve(builtinMappingsDir(), f), 'utf8')) as Record<string, Record<string, unknown>>;
  return supportMatrix(builtinModuleTable(), table('filters.toml'), table('facts.toml'));
}
