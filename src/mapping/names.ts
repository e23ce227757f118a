// Names a table uses that code must define: a module's `translator`, a parameter's `transform`, a
// filter's `plugin`. The registries are passed in (the translate stage owns them); a user table naming
// something unknown fails at load with its file and key, not per task during a conversion.
import type { ModuleTable } from './modules.js';
import type { FilterEntry } from './jinja-tables.js';
import { fail } from '../config/table-schema.js';

export interface CodeNames {
  translators: { has(name: string): boolean };
  transforms: { has(name: string): boolean };
  filterPlugins: { has(name: string): boolean };
}

export function checkModuleNames(table: ModuleTable, names: CodeNames): void {
  for (const spec of table.modules.values()) {
    if (spec.plugin) continue;
    const file = spec.file ?? 'modules.toml';
    const at = (...path: string[]) => ({ file, path: ['module', spec.fqcn, ...path] });
    if (spec.translator !== undefined && !names.translators.has(spec.translator))
      fail(at('translator'), `no translator named "${spec.translator}"`);
    for (const [p, ps] of spec.params) {
      if (ps.kind === 'property' && ps.transform !== undefined && !names.transforms.has(ps.transform))
        fail(at('params', p, 'transform'), `no transform named "${ps.transform}"`);
    }
  }
}

export function checkFilterNames(filters: Readonly<Record<string, FilterEntry>>, file: string, names: CodeNames): void {
  for (const [name, entry] of Object.entries(filters)) {
    if (entry.plugin !== undefined && !names.filterPlugins.has(entry.plugin))
      fail({ file, path: [name, 'plugin'] }, `no filter plugin named "${entry.plugin}"`);
  }
}
