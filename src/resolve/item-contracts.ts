// Contracts for the fields of list items that only come from outside the input (issue 14): a list
// variable that every source sets to `[]` (a role default the estate's group_vars fill), or none
// sets, has items of unknown shape, so each read of `service.name` kept A2C::Jinja.attr and `out`.
// Where every use of field f of its items (use-scan.ts, through the loop variables item-uses.ts
// follows) means the same for a Python str and int as for a Ruby String and Integer, f's contract is
// "when present, text or an integer": a read is `service.fetch('f')` (a missing key fails, as
// Ansible's undefined does where it is printed), `default(d)` is `service.fetch('f', d)`, `is
// defined` is `service.key?('f')`. A field only tested with `is defined` is known only to be a key
// of a dict. The run-time check (translate/input-checks.ts) fails the run on an item that is not a
// dict, or a field of another type, naming the variable, the item, the field and the use.
// A field a template aliases (`{% set port = service.port | default(80) %}`) is judged by the local's
// uses too; one iterated as a dict (`{% for key, acl in service.acls.items() %}`) has text keys and
// values whose own fields get contracts the same way; a field `| bool` or `default(false)` says is a
// boolean, and every other use of which reads one as Python does, is "when present, a boolean". A
// field only iterated with each element so used, or joined, is a list of text or integers
// (`list[str|int]`, use-contracts.ts scalarLists): `service.fetch('allow').join(' ')`.
import { ANY, BOOL, STRINT, type VarType } from './types.js';
import type { FieldUse, InferredType } from './use-contracts.js';
import type { UseSite } from './use-scan.js';

/**
 * One field's contract: its type in the grammar of `[extra-var-types]` (undefined: only its presence
 * is tested, or a dict iterated), its first use, and for a dict iterated the contracts of its values' fields.
 */
export interface ItemFieldContract {
  type?: FieldUse['type'];
  from: string;
  uses: readonly UseSite[];
  dict?: ReadonlyMap<string, ItemFieldContract>;
}

/** The static type each contract inferred from use gives its variable or field (project-symbols.ts too). */
export const INFERRED_TYPES: Record<InferredType, VarType> = {
  'str|int': STRINT,
  bool: BOOL,
  'list[str|int]': { t: 'list', item: STRINT },
};

/** The list's static type and its fields' contracts, from the uses of each field. */
export function itemContractType(fields: ReadonlyMap<string, FieldUse>): {
  type: VarType;
  fields: Map<string, ItemFieldContract>;
} {
  const { type, contracts } = dictOf(fields);
  return { type: { t: 'list', item: type }, fields: contracts };
}

/**
 * A dict variable every source sets to `{}` (the empty-dict rule): the keys the outside may give it,
 * each of the type its uses prove, read as a list's item's fields are.
 */
export function emptyDictContractType(fields: ReadonlyMap<string, FieldUse>): {
  type: VarType;
  fields: Map<string, ItemFieldContract>;
} {
  const { type, contracts } = dictOf(fields);
  return { type, fields: contracts };
}

/** A dict whose keys `fields` may hold, each of the type its uses prove. */
function dictOf(fields: ReadonlyMap<string, FieldUse>): { type: VarType; contracts: Map<string, ItemFieldContract> } {
  const optional: Record<string, VarType> = {};
  const contracts = new Map<string, ItemFieldContract>();
  for (const [name, use] of fields) {
    const valued = use.sites.find((s) => s.how !== 'tested' && s.how !== 'counted' && (use.type !== 'str|int' || s.how !== 'truth-tested'));
    const first = valued ?? use.sites[0]!;
    const from = `inferred from its use at ${first.file}:${first.line}`;
    if (use.dict) {
      // Text keys (the check says so); values of the fields' shape, or of any type where none is read.
      const inner = use.dict.fields.size > 0 ? dictOf(use.dict.fields) : undefined;
      optional[name] = { t: 'dict', strKeys: true, values: inner?.type ?? ANY };
      contracts.set(name, { from, uses: use.sites, dict: inner?.contracts ?? new Map() });
      continue;
    }
    optional[name] = use.type ? INFERRED_TYPES[use.type] : ANY;
    contracts.set(name, { ...(use.type ? { type: use.type } : {}), from, uses: use.sites });
  }
  return { type: { t: 'dict', optional }, contracts };
}
