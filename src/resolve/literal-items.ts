// Lists whose sources are literal lists of dicts (issue 14): a role default such as
// `apache_vhosts: [{servername: local.dev, documentroot: /var/www/html}]` is an example the estate's
// group_vars replace, and the fields its items lack (`serveralias`) are read through the helpers.
// Such a list gets item-field contracts from use as a `[]` list does (item-contracts.ts) where every
// literal item is inside them (the run-time check, check_items!, reads the default too: a literal
// value outside leaves the list as it was, never a failing run) and each key all the items hold has
// one (the items' own type read `item['f']` plainly: the rule takes nothing away). The list's type
// is then the contracts' alone (symbols.ts contractWins): every value the list can hold, the input's
// or the outside's, is inside them.
import type { YMap, YNode } from '../load/ansible/yaml.js';
import { containsJinja } from '../load/jinja/index.js';
import type { Definition } from './symbols.js';
import type { FieldUse } from './use-contracts.js';

/** A key Ansible would template is known only once rendered. */
const plainKey = (k: YNode) => k.kind === 'scalar' && k.type === 'str' && typeof k.value === 'string' && !containsJinja(k.value);

/** Every definition a literal list of dicts (or `[]`), one at least not empty; each dict's keys plain text, no Jinja. */
export function literalDictItems(defs: readonly Definition[]): YMap[] | undefined {
  const items: YMap[] = [];
  for (const d of defs) {
    if (d.kind === 'set_fact' || d.kind === 'undeclared' || d.vaulted || d.value?.kind !== 'seq') return undefined;
    for (const i of d.value.items) {
      if (i.kind !== 'map' || !i.entries.every((e) => plainKey(e.key))) return undefined;
      items.push(i);
    }
  }
  return items.length > 0 ? items : undefined;
}

/**
 * Whether the contracts hold of every literal item, and lose none of what the items' own type knew:
 * each key every item holds has a contract (else the rule leaves the list as its items type it:
 * `item['f']` where the literal gives f to every item). A field only tested with `is defined` holds of any value.
 */
export function literalItemsFit(items: readonly YMap[], fields: ReadonlyMap<string, FieldUse>): boolean {
  const keys = (i: YMap) => i.entries.map((e) => String((e.key as { value: unknown }).value));
  const shared = keys(items[0]!).filter((k) => items.every((i) => keys(i).includes(k)));
  if (shared.some((k) => !fields.has(k))) return false;
  for (const [name, use] of fields)
    for (const item of items) {
      const value = item.entries.find((e) => e.key.kind === 'scalar' && e.key.value === name)?.value;
      if (value !== undefined && !fits(value, use)) return false;
    }
  return true;
}

function fits(v: YNode, use: FieldUse): boolean {
  // A dict iterated: its values' fields would need the same reading; left to the helpers.
  if (use.dict) return false;
  switch (use.type) {
    case undefined:
      return true;
    case 'str|int':
      return strInt(v);
    case 'bool':
      return v.kind === 'scalar' && v.type === 'bool';
    case 'list[str|int]':
      return v.kind === 'seq' && v.items.every(strInt);
  }
}

/**
 * An int, or text Ansible keeps as written and check_items! takes as text: no Jinja (templated when
 * read), not `!unsafe`, not beginning with '[' or '{', not 'True' or 'False' (a2c_inputs.rb plain_text?).
 */
function strInt(v: YNode): boolean {
  if (v.kind !== 'scalar') return false;
  if (v.type === 'int') return typeof v.value === 'number' && Number.isSafeInteger(v.value);
  if (v.type !== 'str' || typeof v.value !== 'string' || v.unsafe) return false;
  const s = v.value;
  return !containsJinja(s) && !s.startsWith('[') && !s.startsWith('{') && s !== 'True' && s !== 'False';
}
