// The static type (resolve/types.ts) of a value the translator wrote out as a Ruby literal: a loop
// over a literal list (`loop: [{name: a, port: 1}]`) gives its variable the join of its items'
// types, so `item.name` reads as `item['name']` and prints plain where the type allows.
import { typeOf, type RExpr } from '../ir/ruby-ast.js';
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
      const item = e.items.map(literalType).reduce<VarType | undefined>((acc, t) => joinTypes(acc, t), undefined);
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
