// A templated boolean module argument that may be omitted (`daemon_reload: "{{ (x == 'systemd') |
// ternary('yes', omit) }}"`, `update_cache` likewise) becomes a guard: run where the argument reads as true
// (`A2C::Tasks.boolean(A2C::Tasks.omit(value)) == true`). Where the value is a ternary between literal text and
// `omit` on a condition that is a Ruby boolean, each branch's answer is known when converting, and the
// guard is the condition itself (or its negation, or a constant); so it is for Ruby's `c ? 'yes' : omit`,
// a lone ternary of a condition whose truth Ruby's is (jinja-to-ruby/string-value.ts).
import { call, type RExpr } from '../ir/ruby-ast.js';
import { isConstCall } from '../ir/ruby-ast.js';
import { booleanWord } from './modules/coerce.js';
import { isOmit } from './omit-value.js';

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** `A2C::Tasks.boolean(A2C::Tasks.omit(value)) == true`, folded where the answer per branch is known. */
export function omittableTrue(value: RExpr): RExpr {
  const folded = foldTernary(value);
  if (folded) return folded;
  return { k: 'binop', op: '==', l: call(TASKS, 'boolean', [call(TASKS, 'omit', [value])]), r: { k: 'bool', v: true } };
}

function foldTernary(value: RExpr): RExpr | undefined {
  const choice = ternaryOf(value);
  if (!choice) return undefined;
  const [c, a, b, ruby] = choice;
  // The helper's condition is a Python value (its truth is Python's); Ruby's `?:` has Ruby's truth.
  if (!ruby && !isRubyBoolean(c)) return undefined;
  const ta = branchTrue(a);
  const tb = branchTrue(b);
  if (ta === undefined || tb === undefined) return undefined;
  if (ta && tb) return { k: 'bool', v: true };
  if (!ta && !tb) return { k: 'bool', v: false };
  // A guard (only_if) reads the condition's truth: a Ruby `?:`'s condition needs no boolean of its own.
  return ta ? c : { k: 'not', e: c };
}

/**
 * The condition and the two values of a lone `{{ c | ternary(a, b) }}` argument: Ruby's `c ? a : b` of
 * the rendered values (string-value.ts), or `convert_data(out(ternary(c, a, b)))` of the values
 * themselves, as the helper form translates.
 */
function ternaryOf(value: RExpr): [RExpr, RExpr, RExpr, boolean] | undefined {
  if (value.k === 'ternary') return [value.c, value.t, value.f, true];
  if (!isConstCall(value, 'A2C::Jinja', 'convert_data') || value.k !== 'call') return undefined;
  const out = value.args[0];
  if (!out || !isConstCall(out, 'A2C::Jinja', 'out') || out.k !== 'call') return undefined;
  const t = out.args[0];
  if (!t || !isConstCall(t, 'A2C::Jinja', 'ternary') || t.k !== 'call' || t.args.length !== 3) return undefined;
  const [c, a, b] = t.args as [RExpr, RExpr, RExpr];
  return [c, a, b, false];
}

/**
 * Whether `boolean(omit(convert_data(out(x)))) == true` for a branch x: literal text (Jinja's text of it is
 * itself; 'True' reads back as true; text starting with `[` or `{` is left to run time) or `omit` (no value).
 */
function branchTrue(x: RExpr): boolean | undefined {
  if (isOmit(x)) return false;
  // A rendered 'True'/'False' read back (the `?:` form's branches are already rendered).
  if (x.k === 'bool') return x.v;
  if (x.k !== 'str' || x.v.startsWith('[') || x.v.startsWith('{')) return undefined;
  if (x.v === 'True') return true;
  if (x.v === 'False') return false;
  // A2C::Tasks.boolean's words (the module's boolean()); anything else is false or no answer, never true.
  return booleanWord(x.v) === true;
}

/** An expression Ruby evaluates to true or false (Jinja's ternary tests the same truth). */
function isRubyBoolean(e: RExpr): boolean {
  if (e.k === 'bool') return true;
  if (e.k === 'not') return isRubyBoolean(e.e);
  if (e.k === 'binop') return COMPARISONS.has(e.op) || ((e.op === '&&' || e.op === '||') && isRubyBoolean(e.l) && isRubyBoolean(e.r));
  return false;
}
