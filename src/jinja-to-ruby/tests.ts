// Jinja tests (`x is defined`, `v is version('2', '>=')`) -> Ruby booleans.
import type { Expr, Pos } from '../load/jinja/ast.js';
import { bool, int, nil, type RExpr } from '../ir/ruby-ast.js';
import { translateTyped } from './expr.js';
import { isBoolFilterCall, J, pyTruthy } from './rb.js';
import { translateRegex } from './regex.js';
import { untranslatable, type JinjaScope } from './scope.js';
import { maybeUndefined, definedQuestion } from './undef.js';

type TestExpr = Extract<Expr, { kind: 'test' }>;

/** Tests that look at an undefined value without failing (isinstance checks, definedness). */
const UNDEFINED_SAFE: Record<string, string> = {
  defined: 'is_defined',
  none: 'is_none',
  string: 'is_string',
  number: 'is_number',
  integer: 'is_integer',
  float: 'is_float',
  mapping: 'is_mapping',
  boolean: 'is_boolean',
};

/** Tests whose operand must be defined; value -> helper. */
const PLAIN: Record<string, string> = { sequence: 'is_sequence', iterable: 'is_iterable' };

const COMPARE: Record<string, string> = {
  eq: 'eq',
  equalto: 'eq',
  '==': 'eq',
  ne: 'ne',
  '!=': 'ne',
  lt: 'lt',
  lessthan: 'lt',
  '<': 'lt',
  le: 'le',
  '<=': 'le',
  gt: 'gt',
  greaterthan: 'gt',
  '>': 'gt',
  ge: 'ge',
  '>=': 'ge',
};

/** Tests on registered task results, answered by the register translator through the scope. */
const RESULT_TESTS = new Set([
  'success',
  'succeeded',
  'failed',
  'failure',
  'changed',
  'change',
  'skipped',
  'skip',
  'finished',
  'unreachable',
  'started',
  'reachable',
]);

export function translateTest(t: TestExpr, scope: JinjaScope): RExpr {
  const name = t.name.replace(/^ansible\.builtin\./, '');
  if (RESULT_TESTS.has(name)) {
    const hooked = scope.resultTest?.(name, t.node, t.negated);
    if (hooked && !('why' in hooked)) return hooked;
    return untranslatable(
      `test:${name}`,
      `'is ${name}' on a registered result: ${hooked?.why ?? 'needs the register translation'}`,
      t.pos,
      hooked?.followsTodo,
    );
  }
  const r = translateTestOn(t.node, undefined, name, t.args, t.kwargs, scope, t.pos);
  // `x is not defined` of a test decided now is the opposite literal, not a negated literal condition.
  if (t.negated) return r.k === 'bool' ? bool(!r.v) : { k: 'not', e: r };
  return r;
}

/**
 * The test `name` applied to `operand`. `ruby`, when given, is the operand's Ruby
 * (a block parameter, which may hold an A2C::Jinja::Undefined value).
 */
export function translateTestOn(
  operand: Expr,
  ruby: RExpr | undefined,
  name: string,
  args: Expr[],
  kwargs: Array<{ name: string; value: Expr }>,
  scope: JinjaScope,
  pos: Pos,
): RExpr {
  const construct = `test:${name}`;
  const value = (): RExpr => ruby ?? translateTyped(operand, scope).e;
  // These tests ask whether the operand is defined and of which type, never for its keys: a part of a
  // registered result (VarType.partOf) answers them as Ansible's whole result does.
  const undefinedOk = (): RExpr => ruby ?? maybeUndefined(operand, { ...scope, passesParts: true }, construct);
  const arg = (i: number, kw?: string): RExpr | undefined => {
    const e = args[i] ?? (kw ? kwargs.find((k) => k.name === kw)?.value : undefined);
    return e && translateTyped(e, scope).e;
  };
  const noArgs = () => {
    if (args.length || kwargs.length) untranslatable(construct, `arguments to 'is ${name}' are not translated`, pos);
  };

  const defined = ruby === undefined && (name === 'defined' || name === 'undefined') ? definedQuestion(operand, scope) : undefined;
  if (defined) {
    noArgs();
    return name === 'defined' ? defined : defined.k === 'bool' ? bool(!defined.v) : { k: 'not', e: defined };
  }
  if (name === 'undefined') {
    noArgs();
    return { k: 'not', e: J('is_defined', [undefinedOk()]) };
  }
  if (UNDEFINED_SAFE[name]) {
    noArgs();
    return J(UNDEFINED_SAFE[name] as string, [undefinedOk()]);
  }
  if (PLAIN[name]) {
    noArgs();
    return J(PLAIN[name] as string, [value()]);
  }
  // Jinja's divisibleby/even/odd are `%` comparisons; A2C::Jinja.mod follows Python's `%`.
  if (name === 'divisibleby') {
    if (args.length + kwargs.length !== 1) untranslatable(construct, "'is divisibleby' takes one number", pos);
    return J('eq', [J('mod', [value(), arg(0, 'num')!]), int(0)]);
  }
  if (name === 'even' || name === 'odd') {
    noArgs();
    return J('eq', [J('mod', [value(), int(2)]), int(name === 'even' ? 0 : 1)]);
  }
  if (name === 'truthy' || name === 'falsy') {
    noArgs();
    const t = truthTest(ruby, operand, scope);
    return name === 'truthy' ? t : { k: 'not', e: t };
  }
  if (name === 'true' || name === 'false') {
    noArgs();
    return { k: 'binop', op: '==', l: undefinedOk(), r: bool(name === 'true') };
  }
  if (name === 'sameas') {
    const other = args[0];
    // Identity is only meaningful for the singletons None/True/False.
    if (args.length !== 1 || kwargs.length || other?.kind !== 'const' || (other.value !== null && typeof other.value !== 'boolean')) {
      return untranslatable(construct, "'sameas' is translated only against None, True or False", pos);
    }
    return { k: 'binop', op: '==', l: undefinedOk(), r: other.value === null ? nil : bool(other.value) };
  }
  if (COMPARE[name]) {
    const other = arg(0, 'b');
    if (!other || args.length + kwargs.length !== 1) return untranslatable(construct, `'is ${name}' needs one argument`, pos);
    return J(COMPARE[name] as string, [value(), other]);
  }
  if (name === 'in') {
    const seq = arg(0, 'seq');
    if (!seq || args.length + kwargs.length !== 1) return untranslatable(construct, "'is in' needs one argument", pos);
    return J('contains', [seq, value()]);
  }
  if (name === 'version' || name === 'version_compare') {
    const bad = kwargs.find((k) => k.name !== 'operator');
    if (bad || args.length > 2 || args.length === 0) {
      return untranslatable(construct, 'only loose version comparison (no strict=/version_type=) is translated', pos);
    }
    const op = arg(1, 'operator');
    return J('is_version', [value(), arg(0) as RExpr, ...(op ? [op] : [])]);
  }
  if (name === 'match' || name === 'search' || name === 'regex') {
    return regexTest(name, value(), args, kwargs, pos);
  }
  return untranslatable(construct, `test '${name}' has no translation`, pos);
}

function regexTest(name: string, value: RExpr, args: Expr[], kwargs: Array<{ name: string; value: Expr }>, pos: Pos): RExpr {
  const construct = `test:${name}`;
  const lit = (e: Expr | undefined) => (e?.kind === 'const' ? e.value : undefined);
  const params = name === 'regex' ? ['pattern', 'ignorecase', 'multiline', 'match_type'] : ['pattern', 'ignorecase', 'multiline'];
  const given = new Map<string, unknown>();
  args.forEach((a, i) => given.set(params[i] ?? '?', lit(a)));
  for (const k of kwargs) given.set(k.name, lit(k.value));
  for (const [k, v] of given) {
    if (!params.includes(k) || v === undefined) return untranslatable(construct, `argument '${k}' must be a literal`, pos);
  }
  const pattern = given.get('pattern');
  if (typeof pattern !== 'string') return untranslatable(construct, 'the pattern is not a literal string', pos);
  const matchType = given.get('match_type') ?? (name === 'match' ? 'match' : 'search');
  if (matchType !== 'match' && matchType !== 'search')
    return untranslatable(construct, `match_type '${String(matchType)}' is not translated`, pos);
  const r = translateRegex(pattern, {
    ignorecase: given.get('ignorecase') === true,
    multiline: given.get('multiline') === true,
    anchorStart: matchType === 'match',
  });
  if (!r.ok) return untranslatable(construct, `regex /${pattern}/: ${r.reason}`, pos);
  return J('is_match', [value, r.regex]);
}

/**
 * Ansible's `is truthy` (Python's bool() of the value) as true or false: of a value of known type,
 * the plain Ruby test pyTruthy gives; of `x | bool` (True, False, or None for None), whether it is
 * true; else A2C::Jinja.truthy.
 */
function truthTest(ruby: RExpr | undefined, operand: Expr, scope: JinjaScope): RExpr {
  if (ruby) return J('truthy', [ruby]);
  const v = translateTyped(operand, scope);
  if (isBoolFilterCall(v.e)) return { k: 'binop', op: '==', l: v.e, r: bool(true) };
  if (v.t === 'bool' || v.t === 'str' || v.t === 'list' || v.t === 'dict' || v.t === 'int') return pyTruthy(v);
  return J('truthy', [v.e]);
}
