// Ansible facts -> Ohai attributes, driven by mappings/facts.toml.
// All spellings reach the same entry: `ansible_facts['x']`, `ansible_facts.x`,
// `ansible_x`, and nested keys (`ansible_default_ipv4.address`).
import type { Pos } from '../../jinja/ast.js';
import { call, int, nodeRef, str, type RExpr } from '../../ruby/ast.js';
import { J, typed, type SType, type Typed } from './rb.js';
import { untranslatable } from './scope.js';
import { loadMapping } from './table.js';

export interface FactEntry {
  /** The Ohai attribute holding the fact; absent for a computed fact. */
  ohai?: string[];
  /** A fact no Ohai attribute holds, computed on the node by `A2C::Facts.<compute>(node)` with Ansible's rules. */
  compute?: 'pkg_mgr';
  convert?: 'nil_to_empty' | 'downcase' | 'lookup' | 'major_version' | 'kb_to_mb' | 'to_int';
  type: 'str' | 'int' | 'bool';
  table?: Record<string, string>;
  ground_truth: string;
}

/** The A2C::Facts helpers a `compute` entry may name. */
const COMPUTED = new Set(['pkg_mgr']);

export function factTable(): Record<string, FactEntry> {
  return loadMapping('facts.toml') as Record<string, FactEntry>;
}

interface FactNames {
  names: string[];
  interface_patterns: string[];
}

let interfacePatterns: { source: string[]; res: RegExp[] } | undefined;

/** Whether `fact` (a name after `ansible_`) is one of Ansible's facts (mappings/fact-names.toml). */
export function isAnsibleFactName(fact: string): boolean {
  const known = loadMapping('fact-names.toml') as FactNames;
  if (known.names.includes(fact)) return true;
  if (interfacePatterns?.source !== known.interface_patterns) {
    interfacePatterns = { source: known.interface_patterns, res: known.interface_patterns.map((p) => new RegExp(`^(?:${p})$`)) };
  }
  return interfacePatterns.res.some((re) => re.test(fact));
}

/**
 * `ansible_facts`, or `ansible_<fact>` where <fact> starts an entry of the table or is one of
 * Ansible's facts: an unmapped fact is still a fact (a TODO naming it), never a user variable.
 */
export function isFactRoot(name: string): boolean {
  if (name === 'ansible_facts') return true;
  if (!name.startsWith('ansible_')) return false;
  const fact = name.slice('ansible_'.length);
  return Object.keys(factTable()).some((k) => k === fact || k.startsWith(`${fact}.`)) || isAnsibleFactName(fact);
}

/** The value tables of the lookup facts (printed as libraries/a2c_facts.rb of the support cookbook). */
export function factLookupTables(): Record<string, Record<string, string>> {
  return Object.fromEntries(Object.entries(factTable()).filter(([, e]) => e.convert === 'lookup').map(([k, e]) => [k, e.table ?? {}]));
}

/** The Ruby reading one fact entry (named `fact` in the table), with its conversion. */
export function factRuby(entry: FactEntry, fact: string, node: RExpr = nodeRef): RExpr {
  if (entry.compute) return call({ k: 'const', path: ['A2C', 'Facts'] }, entry.compute, [node]);
  const read = J('var', [node, ...(entry.ohai ?? []).map(str)]);
  if (!entry.convert) return read;
  if (entry.convert === 'lookup') return call({ k: 'const', path: ['A2C', 'Facts'] }, 'lookup', [read, str(fact)]);
  return J(`fact_${entry.convert}`, [read]);
}

/** A fact reference: root (`ansible_facts` or `ansible_x`) plus constant keys, read on `node` (default: this node). */
export function translateFact(root: string, keys: Array<string | number>, pos: Pos, node: RExpr = nodeRef): Typed {
  const path = root === 'ansible_facts' ? keys.map(String) : [root.slice('ansible_'.length), ...keys.map(String)];
  const table = factTable();
  for (let n = path.length; n >= 1; n--) {
    const entry = table[path.slice(0, n).join('.')];
    if (!entry) continue;
    if (entry.compute && !COMPUTED.has(entry.compute)) return untranslatable(`fact:${path.join('.')}`, `facts.toml: compute '${entry.compute}' is not a helper of the support cookbook`, pos);
    // A computed fact looks at this host's files: another host's value is not known here.
    if (entry.compute && node !== nodeRef) return untranslatable(`fact:${path.join('.')}`, `fact '${path.join('.')}' is computed on the host itself; another host's value is not known`, pos);
    // Keys past the fact (e.g. `ansible_hostname[0]`) index into its value.
    const rest = keys.slice(keys.length - (path.length - n));
    const value = rest.reduce<RExpr>((acc, k) => J('item', [acc, typeof k === 'number' ? int(k) : str(k)]), factRuby(entry, path.slice(0, n).join('.'), node));
    return typed(value, rest.length === 0 ? (entry.type as SType) : 'any');
  }
  const shown = path.length ? `ansible_${path.join('.')}` : 'ansible_facts';
  return untranslatable(`fact:${path.join('.') || 'ansible_facts'}`, `fact '${shown}' has no Ohai equivalent in mappings/facts.toml`, pos);
}
