// A module argument that may be `omit` reaches its Chef property as nil where it is omitted
// (A2C::Tasks.omit at run time). Where the choice is a Ruby `?:` (a lone `{{ c | ternary(a, omit) }}`),
// each branch is settled when converting: the omit branch is nil itself and the other is its value,
// so the property reads `c ? value : nil` instead of passing both through the helper.
import { call, isConstCall, someExpr, type RExpr } from '../ir/ruby-ast.js';
import { OMIT } from '../jinja-to-ruby/magic.js';

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };

export function isOmit(e: RExpr): boolean {
  return e.k === 'const' && OMIT.k === 'const' && e.path.join('::') === OMIT.path.join('::');
}

/** The value with `omit` as nil: folded through `?:`, else A2C::Tasks.omit where it may be omit. */
export function omitAsNil(v: RExpr): RExpr {
  if (isOmit(v)) return { k: 'nil' };
  if (!someExpr(v, isOmit) || isConstCall(v, 'A2C::Tasks', 'omit')) return v;
  if (v.k === 'ternary') return { k: 'ternary', c: v.c, t: omitAsNil(v.t), f: omitAsNil(v.f) };
  return call(TASKS, 'omit', [v]);
}
