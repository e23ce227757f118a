// Plugins join a module table as entries that name the plugin; the translator adapts it (adapter.ts).
import type { Diagnostic } from '../../base/diagnostics.js';
import type { ModuleSpec, ModuleTable } from '../modules.js';
import { mergeModuleTables } from '../merge.js';
import type { ModulePlugin } from './api.js';

/** The table entry that makes a plugin's module (and its aliases) known to the loader and translator. */
function pluginSpec(plugin: ModulePlugin, origin: string): ModuleSpec {
  return {
    fqcn: plugin.module,
    short: plugin.aliases ?? [],
    note: plugin.description,
    params: new Map(
      Object.entries(plugin.params).map(([k, p]) => [
        k,
        p.status === 'unsupported' ? { kind: 'unsupported', reason: p.reason ?? '' } : { kind: 'ignore', reason: p.reason ?? p.status },
      ]),
    ),
    plugin: { plugin, origin, support: plugin.params },
  };
}

export function withPlugins(
  table: ModuleTable,
  plugins: ReadonlyArray<{ plugin: ModulePlugin; file: string }>,
  diagnostics: Diagnostic[] = [],
): ModuleTable {
  let out = table;
  for (const { plugin, file } of plugins) {
    const spec = pluginSpec(plugin, file);
    const overlay: ModuleTable = {
      modules: new Map([[spec.fqcn, spec]]),
      aliases: new Map([spec.fqcn, ...spec.short].map((n) => [n, spec.fqcn])),
    };
    out = mergeModuleTables(out, overlay, { file, text: '' }, diagnostics);
  }
  return out;
}
