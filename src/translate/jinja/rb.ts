// Small builders for the Ruby the Jinja translator emits, and the static
// types it tracks so that helpers are skipped only where Ruby already agrees
// with Python (e.g. printing a value known to be a string).
import { call, str, type RExpr } from '../../ruby/ast.js';

/** What is statically known about a translated value's Python type. */
export type SType = 'str' | 'int' | 'float' | 'bool' | 'none' | 'list' | 'dict' | 'any';

export interface Typed {
  e: RExpr;
  t: SType;
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

/** Python str() of a value, skipping the helper for values already strings (a string literal is one, whatever its source typed it). */
export function pyStr(v: Typed): RExpr {
  return v.t === 'str' || v.e.k === 'str' ? v.e : J('str', [v.e]);
}

/** Python bool() of a value as a Ruby boolean. */
export function pyTruthy(v: Typed): RExpr {
  return v.t === 'bool' ? v.e : J('truthy', [v.e]);
}

export function literalString(e: RExpr): string | undefined {
  return e.k === 'str' ? e.v : undefined;
}

export { str };
