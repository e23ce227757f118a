// User mapping directories: modules.toml, filters.toml, facts.toml, ipv6.toml, tls.toml and
// plugins/*.ts, each optional, merged over the built-in tables in the order given (a later
// directory wins). Every user table is checked by the same schema as the built-in one, its errors
// naming the user's file and key. Returns diagnostics instead of throwing; with any error there is
// no mapping set, and callers convert nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../base/diagnostics.js';
import { parseModuleTable } from './modules.js';
import { mergeEntries, mergeModuleTables, mergeRuleDocs } from './merge.js';
import { atRoot, MappingError, parseToml } from '../config/table-schema.js';
import { named } from './jinja-tables.js';
import { checkShape, compileRules, RULE_SHAPES } from './rule-tables.js';
import { builtinRuleDocs, builtinTables, factEntries, filterEntries, type Tables } from './tables.js';
import { checkFilterNames, checkModuleNames, type CodeNames } from './names.js';
import { loadPlugins } from './plugins/load.js';
import { withPlugins } from './plugins/register.js';

/** Everything a conversion reads from mapping tables, after merging. */
export type MappingSet = Tables;

export interface MappingLoad {
  set?: MappingSet;
  diagnostics: Diagnostic[];
}

/** Plugin files of a mapping directory: plugins/*.ts (not .d.ts), sorted. */
export function pluginFilesIn(dir: string): string[] {
  const p = join(dir, 'plugins');
  if (!existsSync(p)) return [];
  return readdirSync(p)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => join(p, f));
}

/**
 * codeNames: the translate stage's translators, transforms and filter plugins the tables may name;
 * dirs: user mapping directories (absolute); extraPlugins: plugin files named one by one (config
 * `plugins`); shown: how a path is named in diagnostics.
 */
export async function loadMappings(
  codeNames: CodeNames,
  dirs: string[],
  extraPlugins: string[] = [],
  shown: (p: string) => string = (p) => p,
): Promise<MappingLoad> {
  const diagnostics: Diagnostic[] = [];
  const builtin = builtinTables();
  let { modules, facts } = builtin;
  let filters = builtin.filters.entries;
  const read = (file: string) => readFileSync(file, 'utf8');
  /** The checked table, or undefined with the error as a diagnostic (on file, when the table is one file). */
  const checked = <T>(file: string | undefined, check: () => T): T | undefined => {
    try {
      return check();
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      if (file === undefined) diagnostics.push(diagnostic('A2C-MAPPING-INVALID', e.message));
      else if (e.pos) diagnostics.push(diagnostic('A2C-MAPPING-SYNTAX', e.detail, { file: shown(file), ...e.pos }));
      else diagnostics.push(diagnostic('A2C-MAPPING-INVALID', `${e.key}: ${e.detail}`, { file: shown(file), line: 1, col: 1 }));
      return undefined;
    }
  };
  const each = (dir: string, name: string, use: (file: string, text: string) => void) => {
    const file = join(dir, name);
    if (existsSync(file)) use(file, read(file));
  };
  let ruleDocs: { ipv6: Record<string, unknown>; tls: Record<string, unknown> } | undefined;
  for (const dir of dirs) {
    each(dir, 'modules.toml', (file, text) => {
      const user = checked(file, () => {
        const t = parseModuleTable(text, shown(file));
        checkModuleNames(t, codeNames);
        return t;
      });
      if (user) modules = mergeModuleTables(modules, user, { file: shown(file), text }, diagnostics);
    });
    each(dir, 'filters.toml', (file, text) => {
      const user = checked(file, () => {
        const t = filterEntries(text, shown(file));
        checkFilterNames(t, shown(file), codeNames);
        return t;
      });
      if (user) filters = mergeEntries(filters, 'mappings/filters.toml', user, { file: shown(file), text }, diagnostics);
    });
    each(dir, 'facts.toml', (file, text) => {
      const user = checked(file, () => factEntries(text, shown(file)));
      if (user) facts = mergeEntries(facts, 'mappings/facts.toml', user, { file: shown(file), text }, diagnostics);
    });
    for (const name of ['ipv6', 'tls'] as const) {
      each(dir, `${name}.toml`, (file, text) => {
        const doc = checked(file, () => {
          const d = parseToml(text, shown(file));
          checkShape(d, RULE_SHAPES[name], atRoot(shown(file)), true);
          return d;
        });
        if (!doc) return;
        ruleDocs ??= builtinRuleDocs();
        ruleDocs[name] = mergeRuleDocs(ruleDocs[name], `mappings/${name}.toml`, doc, { file: shown(file), text }, diagnostics);
      });
    }
  }
  let rules = builtin.rules;
  if (ruleDocs) {
    const merged = ruleDocs;
    // Each user table was checked on its own; what merging yields is checked whole once more.
    rules = checked(undefined, () => compileRules(merged.ipv6, merged.tls, { ipv6: 'merged ipv6.toml', tls: 'merged tls.toml' })) ?? rules;
  }
  const pluginFiles = [...dirs.flatMap(pluginFilesIn), ...extraPlugins.map((p) => resolve(p))];
  const loaded = await loadPlugins(pluginFiles, shown);
  diagnostics.push(...loaded.diagnostics);
  modules = withPlugins(modules, loaded.plugins, diagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return {
    set: { ...builtin, modules, filters: filters === builtin.filters.entries ? builtin.filters : named(filters), facts, rules },
    diagnostics,
  };
}
