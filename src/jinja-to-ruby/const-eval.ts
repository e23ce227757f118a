// Constant expressions computed at conversion time: `' ' + 'trust'`, `'-' * 3`, `'%s' % 'x'`,
// `['a', 'b'] | join(',')`, `'a' if true else 'b'` have one value whatever the host, so the output
// holds that value as a literal (plain ERB text, a Ruby literal) rather than the computation.
// Only what Python computes exactly as written here folds: strs and ints (no float: JavaScript
// cannot tell 1.0 from 1, and Python's repr of a float is its own), bools and None where only their
// str() is needed, lists only on their way to a join or a concatenation. Anything Python refuses
// (`'a' + 1`, `'%d' % 'x'`) or that is not sure is left alone: the translation of the expression
// keeps its run-time behaviour, error included. fold-differential.test.ts compares with Jinja2.
import type { Expr } from '../load/jinja/ast.js';
import type { JinjaTables } from '../mapping/jinja-tables.js';
import { FOLDS } from './fold.js';

/** A Python value: str, int (a safe JavaScript integer), bool, None, or a list / tuple of those. */
export type PyConst = string | number | boolean | null | PyList;
export interface PyList {
  items: PyConst[];
  tuple: boolean;
}

/** The longest text a fold writes out (`'=' * 80` folds, `'x' * 10**9` does not). */
const MAX_TEXT = 4096;

const isInt = (v: PyConst): v is number => typeof v === 'number';
const isList = (v: PyConst): v is PyList => typeof v === 'object' && v !== null;
const int = (n: number): number | undefined => (Number.isSafeInteger(n) ? n : undefined);
const text = (s: string): string | undefined => (s.length <= MAX_TEXT ? s : undefined);

/** Python's str() of a value, where it is sure: a list's repr quotes its strs in Python's way (not written here). */
export function pyText(v: PyConst): string | undefined {
  if (typeof v === 'string') return v;
  if (isInt(v)) return String(v);
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null) return 'None';
  return undefined;
}

function truthy(v: PyConst): boolean {
  if (isList(v)) return v.items.length > 0;
  if (typeof v === 'string') return v !== '';
  return v !== null && v !== false && v !== 0;
}

/** The value of a constant expression, or undefined where it is not a constant or not sure. */
export function constValue(e: Expr, tables: JinjaTables): PyConst | undefined {
  const v = (x: Expr): PyConst | undefined => constValue(x, tables);
  switch (e.kind) {
    case 'const':
      if (e.float) return undefined;
      return typeof e.value === 'number' ? int(e.value) : e.value;
    case 'list':
    case 'tuple': {
      const items = e.items.map(v);
      return items.every((i) => i !== undefined) ? { items: items as PyConst[], tuple: e.kind === 'tuple' } : undefined;
    }
    case 'binop': {
      const a = v(e.left);
      if (a === undefined) return undefined;
      const b = v(e.right);
      return b === undefined ? undefined : binop(e.op, a, b);
    }
    case 'unary': {
      const a = v(e.node);
      if (a === undefined) return undefined;
      if (e.op === 'not') return !truthy(a);
      return isInt(a) ? int(e.op === '-' ? -a : a) : undefined;
    }
    case 'condexpr': {
      if (e.otherwise === null) return undefined;
      const c = v(e.test);
      if (c === undefined) return undefined;
      return v(truthy(c) ? e.then : e.otherwise);
    }
    case 'filter':
      return filter(e, tables);
    default:
      return undefined;
  }
}

function binop(op: Extract<Expr, { kind: 'binop' }>['op'], a: PyConst, b: PyConst): PyConst | undefined {
  switch (op) {
    case '~': {
      const l = pyText(a);
      const r = pyText(b);
      return l === undefined || r === undefined ? undefined : text(l + r);
    }
    case '+':
      if (typeof a === 'string' && typeof b === 'string') return text(a + b);
      if (isInt(a) && isInt(b)) return int(a + b);
      if (isList(a) && isList(b) && a.tuple === b.tuple) return { items: [...a.items, ...b.items], tuple: a.tuple };
      return undefined;
    case '-':
      return isInt(a) && isInt(b) ? int(a - b) : undefined;
    case '*':
      if (isInt(a) && isInt(b)) return int(a * b);
      if (typeof a === 'string' && isInt(b)) return repeat(a, b);
      if (isInt(a) && typeof b === 'string') return repeat(b, a);
      return undefined;
    case '//':
      return isInt(a) && isInt(b) && b !== 0 ? int(Math.floor(a / b)) : undefined;
    case '%':
      if (typeof a === 'string') return percent(a, isList(b) && b.tuple ? b.items : [b]);
      // Python's modulo takes the divisor's sign.
      return isInt(a) && isInt(b) && b !== 0 ? int(((a % b) + b) % b) : undefined;
    case 'and':
      return truthy(a) ? b : a;
    case 'or':
      return truthy(a) ? a : b;
    case '==':
    case '!=': {
      // Between a str and an int, or two of the same kind: a bool equals an int in Python (True == 1).
      const same = (typeof a === 'string' || isInt(a)) && (typeof b === 'string' || isInt(b));
      return same ? (a === b) === (op === '==') : undefined;
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (!isInt(a) || !isInt(b)) return undefined;
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    case 'in':
    case 'not in':
      return typeof a === 'string' && typeof b === 'string' ? b.includes(a) === (op === 'in') : undefined;
    default:
      return undefined;
  }
}

function repeat(s: string, n: number): string | undefined {
  if (n <= 0) return '';
  return s.length * n <= MAX_TEXT ? s.repeat(n) : undefined;
}

/**
 * Python's `format % args` for `%s`, `%d`, `%i` without flags, width or key, and `%%`; anything
 * else, or a count of arguments that does not match (a TypeError in Python), does not fold.
 */
function percent(format: string, args: PyConst[]): string | undefined {
  let out = '';
  let next = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const conv = format[++i];
    if (conv === '%') out += '%';
    else if (conv === 's' || conv === 'd' || conv === 'i') {
      const arg = args[next++];
      if (arg === undefined) return undefined;
      const t = conv === 's' ? pyText(arg) : isInt(arg) ? String(arg) : undefined;
      if (t === undefined) return undefined;
      out += t;
    } else return undefined;
  }
  return next === args.length ? text(out) : undefined;
}

function filter(f: Extract<Expr, { kind: 'filter' }>, tables: JinjaTables): PyConst | undefined {
  if (f.dynArgs || f.dynKwargs) return undefined;
  // Jinja's own format has no run-time translation (not in filters.toml): its constant case folds all the same.
  const found =
    f.name === 'format' ? { name: 'format', entry: undefined } : tables.filters.byName.get(f.name.replace(/^ansible\.builtin\./, ''));
  if (!found) return undefined;
  const value = constValue(f.node, tables);
  if (value === undefined) return undefined;
  const args = f.args.map((a) => constValue(a, tables));
  if (args.some((a) => a === undefined)) return undefined;
  if (found.name === 'join') {
    if (f.kwargs.length || args.length > 1) return undefined;
    const sep = args.length ? args[0]! : '';
    const items = isList(value) ? value.items.map(pyText) : typeof value === 'string' ? [...value] : undefined;
    if (typeof sep !== 'string' || !items || items.some((i) => i === undefined)) return undefined;
    return text(items.join(sep));
  }
  // Jinja's format: `str(value) % args` (keyword arguments would format by mapping key: not folded).
  if (found.name === 'format') {
    if (f.kwargs.length || typeof value !== 'string') return undefined;
    return percent(value, args as PyConst[]);
  }
  const fn = found.entry?.fold === undefined ? undefined : FOLDS[found.entry.fold];
  if (!fn || typeof value !== 'string') return undefined;
  const kwargs = new Map<string, PyConst>();
  for (const k of f.kwargs) {
    const v = constValue(k.value, tables);
    if (v === undefined) return undefined;
    kwargs.set(k.name, v);
  }
  const r = fn(value, args as PyConst[], kwargs);
  return r === undefined ? undefined : text(r);
}
