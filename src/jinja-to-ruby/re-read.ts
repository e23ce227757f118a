// Ansible's convert_data on the text a string renders (ansible-core 2.14's ansible_eval_concat): text
// that starts with `[` or `{` is read back with ast.literal_eval. Where the text is the Python repr
// of a list or dict whose every value literal_eval gives back as it was, the value is the list or
// dict itself, and the Ruby is the value without A2C::Jinja.out and convert_data.
import { isConstCall, typeOf, type RExpr } from '../ir/ruby-ast.js';
import type { VarType } from '../resolve/types.js';
import { J } from './rb.js';

/** `A2C::Jinja.convert_data(rendered)`, or what it is known to give back. */
export function reRead(rendered: RExpr): RExpr {
  // convert_data gives back what it gave: a list, dict or bool, or text it could not read.
  if (isConstCall(rendered, 'A2C::Jinja', 'convert_data')) return rendered;
  if (rendered.k === 'call' && isConstCall(rendered, 'A2C::Jinja', 'out') && rendered.args.length === 1) {
    const value = rendered.args[0]!;
    const t = typeOf(value);
    if (t && (t.t === 'list' || t.t === 'dict') && reprRoundTrips(t)) return value;
  }
  return J('convert_data', [rendered]);
}

/**
 * literal_eval(repr(v)) == v for every value of type t: text, ints, booleans and None, and lists
 * and dicts of them with text keys. Not a float (repr gives `inf` and `nan`, which literal_eval
 * refuses, so the text stays), nor a value of unknown type (a YAML date's repr is a call).
 */
function reprRoundTrips(t: VarType): boolean {
  switch (t.t) {
    case 'str':
    case 'int':
    case 'strint':
    case 'bool':
    case 'none':
      return true;
    case 'list':
      return t.empty === true || (t.item !== undefined && reprRoundTrips(t.item));
    case 'dict':
      // Every value under any key, and text keys: the values' type holds of keys no source names.
      return t.strKeys === true && t.partOf === undefined && (t.empty === true || (t.values !== undefined && reprRoundTrips(t.values)));
    default:
      return false;
  }
}
