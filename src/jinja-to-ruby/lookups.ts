// Lookup plugins -> the support cookbook's A2C::Lookup, driven by mappings/lookups.toml. A pure
// plugin reads only its terms, so it gives the same list on the Chef node; the others read the
// Ansible controller and stay TODOs that say so.
import { call, type RExpr } from '../ir/ruby-ast.js';
import type { JinjaTables, LookupEntry } from '../mapping/jinja-tables.js';

const LOOKUP: RExpr = { k: 'const', path: ['A2C', 'Lookup'] };

/** The table entry of a lookup plugin by the name a task or template uses (FQCN or short). */
export function lookupEntry(tables: JinjaTables, plugin: string): { name: string; entry: LookupEntry } | undefined {
  return tables.lookups.byName.get(plugin.replace(/^ansible\.builtin\./, ''));
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
export function lookupRefusal(tables: JinjaTables, plugin: string): string {
  const reason = lookupEntry(tables, plugin)?.entry.controller;
  return reason
    ? `lookup('${plugin}') ${reason}`
    : `lookup('${plugin}') runs on the Ansible controller; no equivalent on the Chef node is known`;
}
