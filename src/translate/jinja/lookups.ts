// Lookup plugins -> the support cookbook's A2C::Lookup, driven by mappings/lookups.toml. A pure
// plugin reads only its terms, so it gives the same list on the Chef node; the others read the
// Ansible controller and stay TODOs that say so.
import { call, type RExpr } from '../../ruby/ast.js';
import { loadMapping } from './table.js';

export interface LookupEntry {
  ruby?: string;
  controller?: string;
  aliases?: string[];
}

const LOOKUP: RExpr = { k: 'const', path: ['A2C', 'Lookup'] };

let byName: Map<string, { name: string; entry: LookupEntry }> | undefined;
let builtFrom: unknown;

function lookupTable(): Map<string, { name: string; entry: LookupEntry }> {
  const table = loadMapping('lookups.toml');
  if (!byName || builtFrom !== table) {
    byName = new Map();
    builtFrom = table;
    for (const [name, entry] of Object.entries(table as Record<string, LookupEntry>)) {
      for (const n of [name, ...(entry.aliases ?? [])]) byName.set(n, { name, entry });
    }
  }
  return byName;
}

/** The table entry of a lookup plugin by the name a task or template uses (FQCN or short). */
export function lookupEntry(plugin: string): { name: string; entry: LookupEntry } | undefined {
  return lookupTable().get(plugin.replace(/^ansible\.builtin\./, ''));
}

/** The plugin's list for terms (a Ruby array, or a value listified as with_<lookup> does). */
export function pureLookupCall(ruby: string, terms: RExpr, listify: boolean): RExpr {
  const t = listify && terms.k !== 'array' ? call(LOOKUP, 'listify', [terms]) : terms;
  return call(LOOKUP, ruby, [t]);
}

/** What plain lookup() (no wantlist) makes of the plugin's list. */
export function lookupValue(ran: RExpr): RExpr {
  return call(LOOKUP, 'value', [ran]);
}

/** Why a lookup is not converted: the table's reason for controller plugins, a generic one otherwise. */
export function lookupRefusal(plugin: string): string {
  const reason = lookupEntry(plugin)?.entry.controller;
  return reason ? `lookup('${plugin}') ${reason}` : `lookup('${plugin}') runs on the Ansible controller; no equivalent on the Chef node is known`;
}
