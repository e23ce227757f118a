// Plugins join a module table as entries whose translator is the plugin.
import type { Diagnostic } from '../diagnostics.js';
import type { ModuleTable } from '../mapping/modules.js';
import { mergeModuleTables } from '../mapping/merge.js';
import type { ModulePlugin } from './api.js';
import { pluginSpec, pluginTranslator } from './adapter.js';

export function withPlugins(table: ModuleTable, plugins: ReadonlyArray<{ plugin: ModulePlugin; file: string }>, diagnostics: Diagnostic[] = []): ModuleTable {
  let out = table;
  for (const { plugin, file } of plugins) {
    const spec = pluginSpec(plugin, pluginTranslator(plugin, file), file);
    const overlay: ModuleTable = { modules: new Map([[spec.fqcn, spec]]), aliases: new Map([spec.fqcn, ...spec.short].map((n) => [n, spec.fqcn])) };
    out = mergeModuleTables(out, overlay, { file, text: '' }, diagnostics);
  }
  return out;
}
