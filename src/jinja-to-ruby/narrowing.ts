// What a Jinja test proves of a template local inside the branch of an if it guards (issue 14): in
// `{% if x is string %}`, x is a Python str, so the Ruby local (the same value, tested by
// A2C::Jinja.is_string, Ruby's String) prints and concatenates as plain Ruby there. Only what the
// test proves: the branch where `x is string` holds, where `x is not string` fails, both sides of a
// true `and`, both of a false `or`, and for an elif or else every earlier test false. The else branch
// of `x is not string and x is mapping` proves nothing of x (it may be text, a list, an int, None).
import type { Expr } from '../load/jinja/ast.js';
import type { VarType } from '../resolve/types.js';

const STR: VarType = { t: 'str' };

/** The names `e` proves are Python str where its value is `holds` (Python truthiness of a test's bool). */
export function narrowedBy(e: Expr, holds: boolean): Array<[string, VarType]> {
  if (e.kind === 'test' && e.name === 'string' && e.node.kind === 'name' && e.args.length === 0 && e.kwargs.length === 0)
    return holds !== e.negated ? [[e.node.name, STR]] : [];
  if (e.kind === 'unary' && e.op === 'not') return narrowedBy(e.node, !holds);
  if (e.kind === 'binop' && ((e.op === 'and' && holds) || (e.op === 'or' && !holds)))
    return [...narrowedBy(e.left, holds), ...narrowedBy(e.right, holds)];
  return [];
}

/** Per branch of an if (its tests in order, then the else): what holds in it. */
export function branchNarrowing(tests: readonly Expr[]): {
  branches: Array<Array<[string, VarType]>>;
  otherwise: Array<[string, VarType]>;
} {
  const failed = (k: number) => tests.slice(0, k).flatMap((t) => narrowedBy(t, false));
  return { branches: tests.map((t, i) => [...failed(i), ...narrowedBy(t, true)]), otherwise: failed(tests.length) };
}
