// `v.split('.')[1]` (geerlingguy apache's `apache_version.split('.')[1] == '4'`) as Ruby's
// `v.split('.', -1).fetch(1)`, where Ruby gives what Python gives or fails where it fails.
//
// Python's str.split(sep) keeps every field, trailing empty ones too: Ruby's String#split with a
// limit of -1 does the same for any separator text but a single space (Ruby splits on runs of
// whitespace then). One difference is left: Python splits '' into [''], Ruby into [], so only an
// index that no one-item list has (>= 1 or <= -2) is taken; both lists then lack it alike.
// The index is read where Jinja's undefined element fails (A2C::Jinja.item raises there too), so
// Array#fetch, which raises on a missing index, is the same read.
// The receiver is a str by its type, or a value a task stored (A2C::Tasks.registered): a set_fact's
// text or what Ansible read back from it (a bool, list or dict), a registered result (a dict). Of
// such data only a str has a split method in Python and only a String in Ruby, so any other value
// fails in both (Jinja's undefined method call, Ruby's NoMethodError).
import type { Expr } from '../load/jinja/ast.js';
import { call, int, isConstCall, str, type RExpr } from '../ir/ruby-ast.js';
import type { Typed } from './rb.js';

/**
 * The plain Ruby of `recv.split(sep)[i]`, or undefined where the helpers stay: `node` is the
 * indexed expression, `arg` the index, `translate` the translator of the receiver.
 */
export function splitIndex(node: Expr, arg: Expr, translate: (e: Expr) => Typed): Typed | undefined {
  const i = intIndex(arg);
  if (i === undefined || (i > -2 && i < 1)) return undefined;
  if (node.kind !== 'call' || node.node.kind !== 'getattr' || node.node.attr !== 'split') return undefined;
  if (node.kwargs.length > 0 || node.dynArgs || node.dynKwargs || node.args.length !== 1) return undefined;
  const sep = node.args[0]!;
  if (sep.kind !== 'const' || typeof sep.value !== 'string' || sep.value === '' || sep.value === ' ') return undefined;
  const recv = translate(node.node.node);
  if (recv.t !== 'str' && !isConstCall(recv.e, 'A2C::Tasks', 'registered')) return undefined;
  const fields: RExpr = call(recv.e, 'split', [str(sep.value), int(-1)]);
  return { e: call(fields, 'fetch', [int(i)]), t: 'str' };
}

/** An int written in the template (`1`, `-2`: Jinja's unary minus of one). */
function intIndex(arg: Expr): number | undefined {
  if (arg.kind === 'unary' && arg.op === '-') {
    const n = intIndex(arg.node);
    return n === undefined ? undefined : -n;
  }
  if (arg.kind !== 'const' || typeof arg.value !== 'number' || arg.float || !Number.isInteger(arg.value)) return undefined;
  return arg.value;
}
