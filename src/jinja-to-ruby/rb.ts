// Small builders for the Ruby the Jinja translator emits, and the static
// types it tracks so that helpers are skipped only where Ruby already agrees
// with Python (e.g. printing a value known to be a string).
import { call, str, type RExpr } from '../ir/ruby-ast.js';

import { joinTypes, type SType, type VarType } from '../resolve/types.js';

export type { SType };

export interface Typed {
  e: RExpr;
  t: SType;
  /** A str that convert_data leaves as text (resolve/types.ts VarType.plain). */
  plain?: true;
  /** The whole static type, where a variable or local gave it (list items, dict keys). */
  vt?: VarType;
}

export const JINJA: RExpr = { k: 'const', path: ['A2C', 'Jinja'] };

/** `A2C::Jinja.name(args)` */
export function J(name: string, args: RExpr[], extra: Partial<Extract<RExpr, { k: 'call' }>> = {}): RExpr {
  return call(JINJA, name, args, extra);
}

/** `A2C::Jinja.try { e }`: the value, or an Undefined value when e reads something undefined. */
export function tryBlock(e: RExpr): RExpr {
  return J('try', [], { block: { params: [], body: e } });
}

export const typed = (e: RExpr, t: SType): Typed => ({ e, t });

/**
 * The type of a value that is one of two (`default()`'s value or fallback, a choice): theirs where
 * they agree, text-or-integer where one is and the other an int or a plain str, else unknown. Two
 * lists of known items (or empty: `L | default([])`) are a list of the join of their items.
 */
export function eitherType(a: Typed, b: Typed): Pick<Typed, 't' | 'plain' | 'vt'> {
  if (a.t === 'list' && b.t === 'list' && a.vt?.t === 'list' && b.vt?.t === 'list') {
    const vt = joinTypes(a.vt, b.vt);
    return { t: 'list', ...(vt.t === 'list' && (vt.item || vt.empty) ? { vt } : {}) };
  }
  if (a.t === b.t) return { t: a.t, ...(a.plain && b.plain ? { plain: true } : {}) };
  const strint = (x: Typed) => x.t === 'strint' || x.t === 'int' || (x.t === 'str' && x.plain === true);
  return (a.t === 'strint' || b.t === 'strint') && strint(a) && strint(b) ? { t: 'strint' } : { t: 'any' };
}

/** Python str() of a value, skipping the helper for values already strings (a string literal is one, whatever its source typed it). */
export function pyStr(v: Typed): RExpr {
  // Only interpolated (`"#{v}"`, `~`): Integer#to_s and String print as Python's str() does.
  if (v.t === 'str' || v.t === 'int' || v.t === 'strint' || v.e.k === 'str') return v.e;
  if (v.t === 'bool') return { k: 'ternary', c: v.e, t: str('True'), f: str('False') };
  return J('str', [v.e]);
}

/**
 * What `{{ v }}` prints (Ansible's finalize + str()) as plain Ruby where Ruby prints the same:
 * a str as it is, an int by to_s, None as '' (Ruby prints nil as ''), a boolean with Python's
 * spelling written out; floats, lists and dicts keep A2C::Jinja.out (Python's repr).
 */
export function printable(v: Typed): RExpr {
  switch (v.t) {
    case 'str':
    case 'int':
    case 'strint':
    case 'none':
      return v.e;
    case 'bool':
      return { k: 'ternary', c: v.e, t: str('True'), f: str('False') };
    default:
      return J('out', [v.e]);
  }
}

/**
 * `A2C::Jinja.bool(x)`: Ansible's `| bool`, which gives True, False or None (for None): Ruby's
 * truth of true, false and nil is Python's of True, False and None.
 */
export function isBoolFilterCall(e: RExpr): boolean {
  return e.k === 'call' && e.name === 'bool' && e.recv?.k === 'const' && e.recv.path.join('::') === 'A2C::Jinja';
}

/** Python bool() of a value as a Ruby condition (true or false; nil where it stands for None). */
export function pyTruthy(v: Typed): RExpr {
  if (isBoolFilterCall(v.e)) return v.e;
  switch (v.t) {
    case 'bool':
      return v.e;
    // Python: an empty str, list or dict is false, and 0.
    case 'str':
    case 'list':
    case 'dict':
      return { k: 'not', e: call(v.e, 'empty?') };
    case 'int':
      return { k: 'binop', op: '!=', l: v.e, r: { k: 'int', v: 0 } };
    default:
      return J('truthy', [v.e]);
  }
}

/**
 * Python bool() of a literal whose value the translation already knows (`x is defined` of a
 * variable set in a role's defaults is `true`), or undefined where it is known only at run time.
 * Only literals of their own type: what pyTruthy would compute from them, without running it.
 */
export function knownTruth(v: Typed): boolean | undefined {
  const e = v.e;
  if (e.k === 'bool' && v.t === 'bool') return e.v;
  if (e.k === 'nil' && v.t === 'none') return false;
  if (e.k === 'str' && v.t === 'str') return e.v !== '';
  if (e.k === 'int' && v.t === 'int') return e.v !== 0;
  if (e.k === 'array' && v.t === 'list') return e.items.length > 0;
  if (e.k === 'hash' && v.t === 'dict') return e.pairs.length > 0;
  return undefined;
}

export function literalString(e: RExpr): string | undefined {
  return e.k === 'str' ? e.v : undefined;
}

export { str };
