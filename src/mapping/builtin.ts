// The built-in mapping tables shipped in mappings/ (package data, read once per process), with the
// built-in plugins (src/mapping/plugins/builtin) registered in the module table.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseModuleTable, type ModuleTable } from './modules.js';
import { withPlugins } from './plugins/register.js';
import { BUILTIN_PLUGINS } from './plugins/builtin/index.js';
import { builtinMappingsDir } from '../config/mappings-dir.js';

export { builtinMappingsDir };

let cached: ModuleTable | undefined;

/** modules.toml alone, without plugins (for lint and the support matrix). */
export function builtinTableOnly(): ModuleTable {
  const file = resolve(builtinMappingsDir(), 'modules.toml');
  return parseModuleTable(readFileSync(file, 'utf8'), 'mappings/modules.toml');
}

export function builtinModuleTable(): ModuleTable {
  if (!cached) cached = withPlugins(builtinTableOnly(), BUILTIN_PLUGINS);
  return cached;
}
