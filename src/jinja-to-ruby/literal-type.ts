// The static type (resolve/types.ts) of a value the translator wrote out as a Ruby literal: a loop
// over a literal list (`loop: [{name: a, port: 1}]`) gives its variable the join of its items'
// types, so `item.name` reads as `item['name']` and prints plain where the type allows.
import { typeOf, type RExpr } from '../ir/ruby-ast.js';
import { PY_DICT_METHOD_NAMES } from '../base/dict-methods.js';
import { ANY, isPlainLead, isPlainText, joinTypes, type VarType } from '../resolve/types.js';

/**
 * A literal's type. Interpolated text is a str; it is plain (convert_data leaves it as it is when
 * it is rendered alone again) only where it starts with literal text that opens no list or dict
 * and cannot begin 'True' or 'False'. Anything computed has the type its translation noted.
 */
export function literalType(e: RExpr): VarType {
  switch (e.k) {
    case 'str':
      return isPlainText(e.v) ? { t: 'str', plain: true } : { t: 'str' };
    case 'int':
      return { t: 'int' };
    case 'float':
      return { t: 'float' };
    case 'bool':
      return { t: 'bool' };
    case 'nil':
      return { t: 'none' };
    case 'interp': {
      // What the translation that built it proved (its parts' types: string-value.ts).
      if (e.vt) return e.vt;
      const lead = e.parts[0];
      const plain = typeof lead === 'string' && isPlainLead(lead);
      return plain ? { t: 'str', plain: true } : { t: 'str' };
    }
    case 'array': {
      const item = literalDicts(e.items) ?? e.items.map(literalType).reduce<VarType | undefined>((acc, t) => joinTypes(acc, t), undefined);
      return { t: 'list', ...(item && item.t !== 'any' ? { item } : {}) };
    }
    case 'hash': {
      const fields: Record<string, VarType> = {};
      for (const [k, v] of e.pairs) {
        if (k.k !== 'str' || Object.hasOwn(fields, k.v)) return { t: 'dict' };
        fields[k.v] = literalType(v);
      }
      return { t: 'dict', ...(Object.keys(fields).length > 0 ? { fields } : {}) };
    }
    default:
      return typeOf(e) ?? ANY;
  }
}

/**
 * The item type of a literal list of dicts written with string keys (`loop: [{src: a, dest: b},
 * {src: c, dest: d, mode: '0644'}]`): a key every item has is a field; a key only some have is one an
 * item may lack (VarType.optional), typed as where it is present, so `item.mode | default('0640')`
 * is `item.fetch('mode', '0640')` and `item.mode is defined` is `item.key?('mode')`; a key none has is
 * undefined in each (VarType.closed), so `item.owner | default(x)` is x. A dict method's name is left
 * out: Jinja finds the method where the key is missing. Undefined where an item is not such a dict.
 */
function literalDicts(items: readonly RExpr[]): VarType | undefined {
  if (items.length === 0) return undefined;
  const dicts: Array<Map<string, VarType>> = [];
  for (const i of items) {
    if (i.k !== 'hash') return undefined;
    const d = new Map<string, VarType>();
    for (const [k, v] of i.pairs) {
      if (k.k !== 'str' || d.has(k.v)) return undefined;
      d.set(k.v, literalType(v));
    }
    dicts.push(d);
  }
  const keys = new Set(dicts.flatMap((d) => [...d.keys()]));
  const fields: Record<string, VarType> = {};
  const optional: Record<string, VarType> = {};
  for (const k of keys) {
    const having = dicts.filter((d) => d.has(k));
    const t = having.map((d) => d.get(k)!).reduce<VarType | undefined>((acc, x) => joinTypes(acc, x), undefined)!;
    if (having.length === dicts.length) fields[k] = t;
    else if (!PY_DICT_METHOD_NAMES.has(k)) optional[k] = t;
    // A dict method's name some items lack: what a read gives depends on the item; not closed.
    else return undefined;
  }
  return {
    t: 'dict',
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(Object.keys(optional).length > 0 ? { optional } : {}),
    closed: true,
  };
}
