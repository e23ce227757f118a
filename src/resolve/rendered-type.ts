// The type of a variable written as one `{{ expr }}` that is not a bare name (`{{ x | default('y') }}`,
// `{{ 'rbd' in stores }}`): Ansible renders the expression's value to text and reads the text back
// only where it begins with `[` or `{` or is 'True'/'False' (ansible-core 2.14's ansible_eval_concat).
// So a boolean comes back a boolean, a number or None as its text, and a plain str as itself.
// Only expressions whose own type is certain are typed; anything else is unknown.
import type { Expr } from '../load/jinja/ast.js';
import { ANY, interpolationType, isPlainText, joinTypes, type VarType } from './types.js';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in', 'not in']);
// Python's operators that give an int when both operands are ints (`**` may give a float).
const INT_OPS = new Set(['+', '-', '*', '//', '%']);
const DEFAULT_FILTERS = new Set(['default', 'd', 'ansible.builtin.default']);
// Ansible's result tests that give back the result's own field (`result.get('changed', False)`),
// which need not be a bool; negated (`is not`), Jinja's `not` makes it one.
const FIELD_TESTS = new Set(['failed', 'failure', 'unreachable', 'changed', 'change', 'skipped', 'skip']);

/** The value's type before rendering, where it is certain. */
export function exprType(e: Expr, typeOf: (name: string) => VarType): VarType {
  switch (e.kind) {
    case 'const':
      if (e.value === null) return { t: 'none' };
      if (typeof e.value === 'string') return isPlainText(e.value) ? { t: 'str', plain: true } : { t: 'str' };
      if (typeof e.value === 'boolean') return { t: 'bool' };
      return Number.isInteger(e.value) && !e.float ? { t: 'int' } : { t: 'float' };
    case 'name':
      return typeOf(e.name);
    // `ansible_facts['x']` / `ansible_facts.x`: the fact itself (never a variable of the project),
    // asked by a name no variable can have (factName).
    case 'getitem':
    case 'getattr': {
      const key = e.kind === 'getattr' ? e.attr : e.arg.kind === 'const' && typeof e.arg.value === 'string' ? e.arg.value : undefined;
      return e.node.kind === 'name' && e.node.name === 'ansible_facts' && key !== undefined ? typeOf(factName(key)) : ANY;
    }
    // Python's comparisons and membership tests, `not` and Jinja/Ansible tests give a bool (but FIELD_TESTS).
    case 'test':
      return e.negated || !FIELD_TESTS.has(e.name.replace(/^ansible\.builtin\./, '')) ? { t: 'bool' } : ANY;
    case 'unary':
      if (e.op === 'not') return { t: 'bool' };
      return exprType(e.node, typeOf).t === 'int' ? { t: 'int' } : ANY;
    // `a if c else b`: one of the two (without `else`, an undefined value).
    case 'condexpr':
      return e.otherwise ? joinTypes(exprType(e.then, typeOf), exprType(e.otherwise, typeOf)) : ANY;
    case 'binop': {
      if (COMPARISONS.has(e.op)) return { t: 'bool' };
      if (INT_OPS.has(e.op) || e.op === '/') {
        const ints = exprType(e.left, typeOf).t === 'int' && exprType(e.right, typeOf).t === 'int';
        // Python's arithmetic on two ints: an int, but true division gives a float.
        return ints ? { t: e.op === '/' ? 'float' : 'int' } : ANY;
      }
      // `~` joins the operands' str() into text: plain where an interpolation of them would be.
      if (e.op === '~') return concatType(e, typeOf);
      // `and`/`or` give an operand: a bool where both are.
      if (e.op !== 'and' && e.op !== 'or') return ANY;
      const [a, b] = [exprType(e.left, typeOf), exprType(e.right, typeOf)];
      return a.t === 'bool' && b.t === 'bool' ? { t: 'bool' } : ANY;
    }
    case 'filter': {
      if (e.dynArgs || e.dynKwargs || e.kwargs.length > 0) return ANY;
      const bare = e.name.replace(/^ansible\.builtin\./, '');
      // Jinja's int gives 0 for what it cannot convert; length and count an int or an error.
      if ((bare === 'int' || bare === 'length' || bare === 'count') && e.args.length === 0) return { t: 'int' };
      // Ansible's bool gives None back for None, and a bool for any other value.
      if (bare === 'bool' && e.args.length === 0) {
        const t = exprType(e.node, typeOf).t;
        return t === 'none' || t === 'any' ? ANY : { t: 'bool' };
      }
      // Ansible's ternary: the second value where the first is false (a third only for None).
      if (bare === 'ternary' && (e.args.length === 2 || e.args.length === 3))
        return e.args.map((a) => exprType(a, typeOf)).reduce<VarType | undefined>((acc, t) => joinTypes(acc, t), undefined)!;
      // `[a, 1] | max` of a list written with items that are all ints: one of them (an empty list's is undefined).
      if ((bare === 'min' || bare === 'max') && e.args.length === 0 && e.node.kind === 'list' && e.node.items.length > 0)
        return e.node.items.every((i) => exprType(i, typeOf).t === 'int') ? { t: 'int' } : ANY;
      // `[a, b] | join('_')` of a written list: the text `a ~ '_' ~ b` gives (both str() each part).
      if (bare === 'join' && e.node.kind === 'list') return joinType(e.node.items, e.args, typeOf);
      if (!DEFAULT_FILTERS.has(e.name) || e.args.length !== 1) return ANY;
      // `(a // b) | default(v)`: an undefined operand fails the operation before default() (StrictUndefined).
      if (neverUndefined(e.node)) return exprType(e.node, typeOf);
      // `name | default(v)`: the variable where it is defined, else v (`boolean` changes the rule).
      if (e.node.kind !== 'name') return ANY;
      return joinTypes(exprType(e.node, typeOf), exprType(e.args[0]!, typeOf));
    }
    default:
      return ANY;
  }
}

/** The name a fact is asked by (`ansible_facts.x`): a dot is in no variable's name. */
export const factName = (key: string): string => `ansible_facts.${key}`;

/** Arithmetic, `~`, comparisons, membership and `not`: a value, or a failure on an undefined operand (never undefined). */
function neverUndefined(e: Expr): boolean {
  if (e.kind === 'binop') return e.op !== 'and' && e.op !== 'or';
  return e.kind === 'unary';
}

/**
 * `a ~ b ~ ...`: a str, plain where its start cannot be `[` or `{` and it cannot be 'True' or
 * 'False' (interpolationType: str constants are literal text; int, str and text-or-integer
 * operands print as str() gives them; others leave it a str of unknown shape).
 */
function concatType(e: Expr, typeOf: (name: string) => VarType): VarType {
  const operands = (x: Expr): Expr[] => (x.kind === 'binop' && x.op === '~' ? [...operands(x.left), ...operands(x.right)] : [x]);
  const types = new Map<string, VarType>();
  const shape = operands(e).map((x): string | { name: string } => {
    if (x.kind === 'const' && typeof x.value === 'string') return x.value;
    const key = `#${types.size}`;
    types.set(key, exprType(x, typeOf));
    return { name: key };
  });
  const t = interpolationType(shape, (k) => types.get(k) ?? ANY);
  return t.t === 'str' ? t : { t: 'str' };
}

/**
 * `[a, b, ...] | join(sep)` of a list written with at least one item and a literal separator (or
 * none): Jinja's join puts str() of each item between the separators, as `a ~ sep ~ b` does, so it
 * is typed as that concatenation is.
 */
function joinType(items: Expr[], args: Expr[], typeOf: (name: string) => VarType): VarType {
  const sep = args.length === 0 ? '' : args.length === 1 && args[0]!.kind === 'const' ? args[0]!.value : undefined;
  if (items.length === 0 || typeof sep !== 'string') return { t: 'str' };
  const types = new Map<string, VarType>();
  const shape = items.flatMap((x, i): Array<string | { name: string }> => {
    let part: string | { name: string };
    if (x.kind === 'const' && typeof x.value === 'string') part = x.value;
    else {
      part = { name: `#${i}` };
      types.set(part.name, exprType(x, typeOf));
    }
    return i === 0 ? [part] : [sep, part];
  });
  const t = interpolationType(shape, (k) => types.get(k) ?? ANY);
  return t.t === 'str' ? t : { t: 'str' };
}

/** What Ansible gives for a variable whose whole value is `{{ e }}` with e not a bare name. */
export function renderedExprType(e: Expr, typeOf: (name: string) => VarType): VarType {
  if (e.kind === 'name') return ANY;
  const t = exprType(e, typeOf);
  switch (t.t) {
    case 'bool':
      return { t: 'bool' };
    // Digits, a float's repr or '' (None): text nothing reads back.
    case 'int':
    case 'float':
    case 'none':
    // An int's digits or a plain str: text either way.
    case 'strint':
      return { t: 'str', plain: true };
    case 'str':
      return t.plain ? { t: 'str', plain: true } : ANY;
    default:
      return ANY;
  }
}
