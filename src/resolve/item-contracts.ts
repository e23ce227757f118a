// Contracts for the fields of list items that only come from outside the input (issue 14): a list
// variable that every source sets to `[]` (a role default the estate's group_vars fill), or none
// sets, has items of unknown shape, so each read of `service.name` kept A2C::Jinja.attr and `out`.
// Where every use of field f of its items (use-scan.ts, through the loop variables item-uses.ts
// follows) means the same for a Python str and int as for a Ruby String and Integer, f's contract is
// "when present, text or an integer": a read is `service.fetch('f')` (a missing key fails, as
// Ansible's undefined does where it is printed), `default(d)` is `service.fetch('f', d)`, `is
// defined` is `service.key?('f')`. A field only tested with `is defined` is known only to be a key
// of a dict. The run-time check (translate/input-checks.ts) fails the run on an item that is not a
// dict, or a field of another type, naming the variable, the item, the field and the use. A field
// only iterated with each element so used, or joined, is a list of text or integers (`list[str|int]`,
// use-contracts.ts scalarLists): `service.fetch('allow').join(' ')`.
import { ANY, STRINT, type VarType } from './types.js';
import type { UseSite } from './use-scan.js';

/** One field's contract: its type in the grammar of `[extra-var-types]` (undefined: only its presence is tested), and its first use. */
export interface ItemFieldContract {
  type?: 'str|int' | 'list[str|int]';
  from: string;
  uses: readonly UseSite[];
}

/**
 * The list's static type and its fields' contracts, from the uses of each field; `lists`: the fields
 * that are lists of text or integers where present (iterated with each element printed, joined).
 */
export function itemContractType(
  fields: ReadonlyMap<string, readonly UseSite[]>,
  lists: ReadonlyMap<string, readonly UseSite[]> = new Map(),
): {
  type: VarType;
  fields: Map<string, ItemFieldContract>;
} {
  const optional: Record<string, VarType> = {};
  const out = new Map<string, ItemFieldContract>();
  for (const [name, sites] of fields) {
    const valued = sites.find((s) => s.how !== 'tested');
    const first = valued ?? sites[0]!;
    optional[name] = valued ? STRINT : ANY;
    out.set(name, {
      ...(valued ? { type: 'str|int' as const } : {}),
      from: `inferred from its use at ${first.file}:${first.line}`,
      uses: sites,
    });
  }
  for (const [name, sites] of lists) {
    optional[name] = { t: 'list', item: STRINT };
    out.set(name, { type: 'list[str|int]', from: `inferred from its use at ${sites[0]!.file}:${sites[0]!.line}`, uses: sites });
  }
  return { type: { t: 'list', item: { t: 'dict', optional } }, fields: new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1))) };
}
