// User mapping directories: modules.toml, filters.toml, facts.toml, ipv6.toml, tls.toml and
// plugins/*.ts, each optional, merged over the built-in tables in the order given (a later
// directory wins). Returns diagnostics instead of throwing; with any error there is no mapping set,
// and callers convert nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import TOML from '@iarna/toml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { builtinMappingsDir, builtinModuleTable } from './builtin.js';
import { MappingError, parseModuleTable, type ModuleTable } from './modules.js';
import { mergeEntries, mergeModuleTables, mergeRuleDocs } from './merge.js';
import { parseRules, type Rules } from '../analyze/rules.js';
import { loadPlugins } from '../plugins/load.js';
import { withPlugins } from '../plugins/register.js';

/** Everything a conversion reads from mapping tables, after merging. */
export interface MappingSet {
  modules: ModuleTable;
  /** Jinja tables by file name (filters.toml, facts.toml) when a user directory changes them. */
  jinja: Map<string, Record<string, unknown>>;
  /** IPv6/TLS audit rules when a user directory changes them. */
  rules?: Rules;
}

export interface MappingLoad {
  set?: MappingSet;
  diagnostics: Diagnostic[];
}

const JINJA_TABLES = ['filters.toml', 'facts.toml'];

/** Plugin files of a mapping directory: plugins/*.ts (not .d.ts), sorted. */
export function pluginFilesIn(dir: string): string[] {
  const p = join(dir, 'plugins');
  if (!existsSync(p)) return [];
  return readdirSync(p).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort().map((f) => join(p, f));
}

/**
 * dirs: user mapping directories (absolute); extraPlugins: plugin files named one by one (config
 * `plugins`); shown: how a path is named in diagnostics.
 */
export async function loadMappings(dirs: string[], extraPlugins: string[] = [], shown: (p: string) => string = (p) => p): Promise<MappingLoad> {
  const diagnostics: Diagnostic[] = [];
  let modules = builtinModuleTable();
  const jinja = new Map<string, Record<string, unknown>>();
  const builtinDir = builtinMappingsDir();
  const read = (file: string) => readFileSync(file, 'utf8');
  const toml = (file: string, text: string): Record<string, unknown> | undefined => {
    try {
      return TOML.parse(text) as Record<string, unknown>;
    } catch (e) {
      const err = e as { line?: number; col?: number; message: string };
      diagnostics.push(diagnostic('A2C-MAPPING-SYNTAX', err.message.split('\n')[0] ?? 'TOML syntax error', { file: shown(file), line: (err.line ?? 0) + 1, col: (err.col ?? 0) + 1 }));
      return undefined;
    }
  };
  let ruleDocs: { ipv6: Record<string, unknown>; tls: Record<string, unknown> } | undefined;
  for (const dir of dirs) {
    const f = join(dir, 'modules.toml');
    if (existsSync(f)) {
      const text = read(f);
      try {
        modules = mergeModuleTables(modules, parseModuleTable(text, shown(f)), { file: shown(f), text }, diagnostics);
      } catch (e) {
        if (!(e instanceof MappingError)) throw e;
        diagnostics.push(diagnostic('A2C-MAPPING-INVALID', `${e.key}: ${e.message.slice(e.message.lastIndexOf(': ') + 2)}`, { file: shown(f), line: lineFromKey(e.key), col: 1 }));
      }
    }
    for (const name of JINJA_TABLES) {
      const file = join(dir, name);
      if (!existsSync(file)) continue;
      const text = read(file);
      const doc = toml(file, text);
      if (!doc) continue;
      const base = jinja.get(name) ?? (toml(join(builtinDir, name), read(join(builtinDir, name))) as Record<string, unknown>);
      jinja.set(name, mergeEntries(base, `mappings/${name}`, doc, { file: shown(file), text }, diagnostics));
    }
    for (const name of ['ipv6', 'tls'] as const) {
      const file = join(dir, `${name}.toml`);
      if (!existsSync(file)) continue;
      const text = read(file);
      const doc = toml(file, text);
      if (!doc) continue;
      ruleDocs ??= { ipv6: TOML.parse(read(join(builtinDir, 'ipv6.toml'))) as Record<string, unknown>, tls: TOML.parse(read(join(builtinDir, 'tls.toml'))) as Record<string, unknown> };
      ruleDocs[name] = mergeRuleDocs(ruleDocs[name], `mappings/${name}.toml`, doc, { file: shown(file), text }, diagnostics);
    }
  }
  let rules: Rules | undefined;
  if (ruleDocs) {
    try {
      // The analyze stage parses rule text (src/analyze/rules.ts parseRules); the merged documents go back through it.
      rules = parseRules(TOML.stringify(ruleDocs.ipv6 as TOML.JsonMap), TOML.stringify(ruleDocs.tls as TOML.JsonMap));
    } catch (e) {
      diagnostics.push(diagnostic('A2C-MAPPING-INVALID', `merged ipv6.toml/tls.toml: ${(e as Error).message}`));
    }
  }
  const pluginFiles = [...dirs.flatMap(pluginFilesIn), ...extraPlugins.map((p) => resolve(p))];
  const loaded = await loadPlugins(pluginFiles, shown);
  diagnostics.push(...loaded.diagnostics);
  modules = withPlugins(modules, loaded.plugins, diagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { set: { modules, jinja, ...(rules ? { rules } : {}) }, diagnostics };
}

/** MappingError keys start with `line N` for syntax errors. */
function lineFromKey(key: string): number {
  const m = /^line (\d+)/.exec(key);
  return m ? Number(m[1]) : 1;
}
