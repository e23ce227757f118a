// Every mapping table, loaded and checked in one place: the built-in ones of mappings/ (read once per
// process) and, through user.ts, user tables merged over them. A conversion receives one Tables
// value and passes it down; no stage reads a table file itself.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ModuleTable } from './modules.js';
import { builtinMappingsDir, builtinModuleTable } from './builtin.js';
import { atRoot, parseToml } from '../config/table-schema.js';
import {
  checkFact,
  checkFactNames,
  checkFilter,
  checkLookup,
  entries,
  named,
  type FactEntry,
  type FilterEntry,
  type JinjaTables,
  type LookupEntry,
} from './jinja-tables.js';
import { compileRules, type Rules } from './rule-tables.js';
import { checkShimReasons, type ShimReasons } from './shim-reasons.js';
import { builtinKeywords, type KeywordTable } from '../load/ansible/keyword-table.js';

export interface Tables extends JinjaTables {
  /** modules.toml with the plugins registered in it. */
  modules: ModuleTable;
  /** ipv6.toml and tls.toml, compiled for the audit. */
  rules: Rules;
  /** shim-reasons.toml: why each A2C::Jinja helper call left in the output is there (CONVERSION.md). */
  shimReasons: ShimReasons;
  /** keywords.toml: every Ansible keyword, where it is accepted and what it becomes (not user-extensible). */
  keywords: KeywordTable;
}

export function filterEntries(text: string, file: string): Record<string, FilterEntry> {
  return entries(parseToml(text, file), atRoot(file), checkFilter);
}

export function factEntries(text: string, file: string): Record<string, FactEntry> {
  return entries(parseToml(text, file), atRoot(file), checkFact);
}

export function lookupEntries(text: string, file: string): Record<string, LookupEntry> {
  return entries(parseToml(text, file), atRoot(file), checkLookup);
}

let cached: Tables | undefined;

/** The shipped tables and plugins. A malformed shipped table is a bug of the tool: this throws. */
export function builtinTables(): Tables {
  if (cached) return cached;
  const dir = builtinMappingsDir();
  const read = (f: string) => readFileSync(resolve(dir, f), 'utf8');
  const shown = (f: string) => `mappings/${f}`;
  cached = {
    modules: builtinModuleTable(),
    filters: named(filterEntries(read('filters.toml'), shown('filters.toml'))),
    facts: factEntries(read('facts.toml'), shown('facts.toml')),
    factNames: checkFactNames(parseToml(read('fact-names.toml'), shown('fact-names.toml')), atRoot(shown('fact-names.toml'))),
    lookups: named(lookupEntries(read('lookups.toml'), shown('lookups.toml'))),
    rules: compileRules(parseToml(read('ipv6.toml'), shown('ipv6.toml')), parseToml(read('tls.toml'), shown('tls.toml')), {
      ipv6: shown('ipv6.toml'),
      tls: shown('tls.toml'),
    }),
    shimReasons: checkShimReasons(parseToml(read('shim-reasons.toml'), shown('shim-reasons.toml')), atRoot(shown('shim-reasons.toml'))),
    keywords: builtinKeywords(),
  };
  return cached;
}

/** The raw documents of the built-in rule tables (user rule tables are merged into them before compiling). */
export function builtinRuleDocs(): { ipv6: Record<string, unknown>; tls: Record<string, unknown> } {
  const dir = builtinMappingsDir();
  return {
    ipv6: parseToml(readFileSync(resolve(dir, 'ipv6.toml'), 'utf8'), 'mappings/ipv6.toml'),
    tls: parseToml(readFileSync(resolve(dir, 'tls.toml'), 'utf8'), 'mappings/tls.toml'),
  };
}
