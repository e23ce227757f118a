// AnsibleModule converts every argument to its argument_spec type before the module runs
// (module_utils/common/validation.py check_type_*); Chef validates property classes strictly when
// the recipe compiles. So the value a mapped argument gives a Chef property is the converted one:
// a literal is converted now, exactly as the module would (one the module rejects is a TODO with
// its own message); a templated value whose type is not known goes through the same conversion in
// the support library (A2C::Tasks.to_bool/to_int/to_str) when the recipe compiles.
import { isPlainText } from '../../resolve/types.js';
import type { ArgType } from '../../mapping/modules.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { call, str, typeOf, type RExpr } from '../../ir/ruby-ast.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import type { JinjaTables } from '../../mapping/jinja-tables.js';

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };
const TRUE = new Set(['y', 'yes', 'on', '1', 'true', 't']);
const FALSE = new Set(['n', 'no', 'off', '0', 'false', 'f']);

/** Ansible's boolean() of text (lower-cased and stripped): true, false, or undefined where it raises. */
export function booleanWord(text: string): boolean | undefined {
  const s = text.toLowerCase().trim();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : undefined;
}

/** A literal path os.path.expanduser/expandvars would change, depending on the node's user and environment. */
function expandsOnNode(v: RExpr): boolean {
  return v.k === 'str' && (v.v.startsWith('~') || /\$(?:[A-Za-z_]|\{)/.test(v.v));
}

/** What conversion to str reads: the filter table (which helpers return text). */
export interface TextKnowledge {
  tables: JinjaTables;
}

/** The value converted to the argument's type, or a TODO carrying the module's own error. */
export function coerceArg(type: ArgType | undefined, key: string, value: RExpr, node: YNode, known: TextKnowledge): Result<RExpr> {
  // A constant is `omit` (the property is dropped): nothing to convert.
  if (value.k === 'const') return value;
  // A choice between two values (a lone `{{ c | ternary(a, b) }}`): the module converts the chosen one.
  if (value.k === 'ternary' && type !== undefined) {
    const t = coerceArg(type, key, value.t, node, known);
    if (failed(t)) return t;
    const f = coerceArg(type, key, value.f, node, known);
    if (failed(f)) return f;
    return { k: 'ternary', c: value.c, t, f };
  }
  switch (type) {
    case 'bool':
      return toBool(key, value, node);
    case 'int':
      return toInt(key, value, node);
    case 'str':
      return toStr(key, value, node, known);
    case 'path':
      return expandsOnNode(value)
        ? new Untranslatable(
            'A2C-TODO-PARAM',
            `argument '${key}' is a path: the module expands ~ and $VARIABLES in it on the node (check_type_path), for the user the task runs as; write the expanded path`,
            node.span,
          )
        : toStr(key, value, node, known);
    case 'list':
      return toList(key, value, node);
    default:
      // raw, dict, float and untyped arguments reach the module as they are (dict: a k=v string
      // is parsed by the module; not literal-converted here).
      return value;
  }
}

function rejected(key: string, value: RExpr, wanted: string, why: string, node: YNode): Untranslatable {
  const msg = `argument '${key}' is of type <class '${pyType(value)}'> and we were unable to convert to ${wanted}: ${why}`;
  return new Untranslatable('A2C-TODO-PARAM', `the module rejects this value: ${msg}`, node.span);
}

function pyType(v: RExpr): string {
  const names: Partial<Record<RExpr['k'], string>> = {
    str: 'str',
    int: 'int',
    float: 'float',
    bool: 'bool',
    nil: 'NoneType',
    array: 'list',
    hash: 'dict',
  };
  return names[v.k] ?? 'object';
}

/** Literals the printer writes as they are; anything else is computed when the recipe compiles. */
function isLiteral(v: RExpr): boolean {
  return ['str', 'int', 'float', 'bool', 'nil', 'array', 'hash'].includes(v.k);
}

function runtime(helper: string, key: string, value: RExpr): RExpr {
  return call(TASKS, helper, [value, str(key)]);
}

/** `A2C::Jinja.convert_data(A2C::Jinja.<name>(...))`: a Jinja filter whose result type is known. */
function jinjaResult(v: RExpr): string | undefined {
  let e = v;
  if (e.k === 'call' && e.name === 'convert_data' && e.args.length === 1) e = e.args[0]!;
  if (e.k === 'call' && e.recv?.k === 'const' && e.recv.path.join('::') === 'A2C::Jinja') return e.name;
  return undefined;
}

/**
 * The A2C::Jinja helper whose result is the value as it is: convert_data re-reads a helper's text
 * that starts with `[`/`{` or is True/False (`convert_data(out(x))` of a list is the list again).
 */
function textResult(v: RExpr): string | undefined {
  return v.k === 'call' && v.name === 'convert_data' ? undefined : jinjaResult(v);
}

/**
 * A2C::Jinja helpers whose result is text: `out`, and the filters mappings/filters.toml declares as
 * returning str or as string-type (to_json, to_nice_yaml, ...: Ansible never re-reads their text).
 */
function textHelper(helper: string | undefined, tables: JinjaTables): boolean {
  if (helper === undefined) return false;
  if (helper === 'out' || helper === 'str') return true;
  for (const [name, entry] of Object.entries(tables.filters.entries)) {
    if ((entry.ruby ?? entry.plugin ?? name) === helper && (entry.returns === 'str' || entry.string_type === true)) return true;
  }
  return false;
}

export function toBool(key: string, v: RExpr, node: YNode): Result<RExpr> {
  if (v.k === 'bool' || v.k === 'nil') return v;
  if (v.k === 'str') {
    const b = booleanWord(v.v);
    if (b !== undefined) return { k: 'bool', v: b };
    return rejected(key, v, 'bool', `The value '${v.v}' is not a valid boolean.`, node);
  }
  if (v.k === 'int' || v.k === 'float') {
    if (v.v === 1) return { k: 'bool', v: true };
    if (v.v === 0) return { k: 'bool', v: false };
    return rejected(key, v, 'bool', `The value '${pyNumber(v)}' is not a valid boolean.`, node);
  }
  if (isLiteral(v)) return rejected(key, v, 'bool', `<class '${pyType(v)}'> cannot be converted to a bool`, node);
  if (jinjaResult(v) === 'bool' || typeOf(v)?.t === 'bool') return v;
  return runtime('to_bool', key, v);
}

function toInt(key: string, v: RExpr, node: YNode): Result<RExpr> {
  if (v.k === 'int' || v.k === 'nil') return v;
  if (v.k === 'str') {
    const n = pyInt(v.v);
    if (n !== undefined) return { k: 'int', v: n };
    return rejected(key, v, 'int', "<class 'str'> cannot be converted to an int", node);
  }
  // A Python bool is an int: the module receives True/False unchanged, which no Chef Integer takes.
  if (v.k === 'bool')
    return new Untranslatable(
      'A2C-TODO-PARAM',
      `argument '${key}' is a boolean: the module receives ${v.v ? 'True' : 'False'} as its integer; set a number`,
      node.span,
    );
  if (isLiteral(v)) return rejected(key, v, 'int', `<class '${pyType(v)}'> cannot be converted to an int`, node);
  if (jinjaResult(v) === 'int' || typeOf(v)?.t === 'int') return v;
  // The digits of an int (`{{ port }}` rendered to text) convert back to that int.
  if (v.k === 'call' && v.name === 'to_s' && v.args.length === 0 && v.recv && typeOf(v.recv)?.t === 'int') return v.recv;
  return runtime('to_int', key, v);
}

function toStr(key: string, v: RExpr, node: YNode, known: TextKnowledge): Result<RExpr> {
  switch (v.k) {
    case 'str':
    case 'nil':
    case 'interp':
      return v;
    case 'int':
    case 'float':
      return str(pyNumber(v));
    case 'bool':
      return str(v.v ? 'True' : 'False');
    case 'array':
    case 'hash':
      // The module would receive the Python text of the list or dict (str()): not a value anyone means.
      return new Untranslatable(
        'A2C-TODO-PARAM',
        `argument '${key}' is a ${pyType(v)}: the module would receive its Python text (str()); give a string`,
        node.span,
      );
    default:
      if (textHelper(textResult(v), known.tables) || plainText(v) || typeOf(v)?.t === 'str') return v;
      return runtime('to_str', key, v);
  }
}

/** `convert_data(x)` of text convert_data leaves as text (a literal, or interpolated text). */
function plainText(v: RExpr): boolean {
  if (v.k !== 'call' || v.name !== 'convert_data' || v.args.length !== 1) return false;
  const a = v.args[0]!;
  return (a.k === 'str' && isPlainText(a.v)) || plainInterp(a);
}

/**
 * Interpolated text convert_data leaves as text: it starts with literal text that opens no list
 * or dict, and literal text in it cannot be part of 'True' or 'False'.
 */
function plainInterp(e: RExpr): boolean {
  if (e.k !== 'interp') return false;
  const first = e.parts[0];
  if (typeof first !== 'string' || first === '' || /^[[{]/.test(first)) return false;
  return e.parts.some((p) => typeof p === 'string' && /[^TrueFals]/.test(p));
}

/** check_type_list: a string is split at commas, a number becomes a one-item list of its text. */
function toList(key: string, v: RExpr, node: YNode): Result<RExpr> {
  if (v.k === 'str' && v.v.includes(',')) return { k: 'array', items: v.v.split(',').map(str) };
  if (v.k === 'int' || v.k === 'float') return { k: 'array', items: [str(pyNumber(v))] };
  // A Python bool is an int.
  if (v.k === 'bool') return { k: 'array', items: [str(v.v ? 'True' : 'False')] };
  if (v.k === 'hash') return rejected(key, v, 'list', "<class 'dict'> cannot be converted to a list", node);
  // A string without a comma is a one-item list, which Chef's String-or-Array properties take as
  // the string; a templated value keeps the shape it has (these properties take both).
  return v;
}

/** Python's int() of a string: surrounding whitespace, a sign, digits with single underscores. */
export function pyInt(s: string): number | undefined {
  const m = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[2]!.replace(/_/g, ''));
  return Number.isSafeInteger(n) ? (m[1] === '-' ? -n : n) : undefined;
}

/** Python's str() of an int or a float (repr: shortest round trip, exponent outside 1e-4..1e16). */
export function pyNumber(v: Extract<RExpr, { k: 'int' | 'float' }>): string {
  const x = v.v;
  if (v.k === 'int') return String(x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expS] = x.toExponential().split('e') as [string, string];
  const exp = Number(expS);
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const s = x.toFixed(Math.max(0, (mant.split('.')[1]?.length ?? 0) - exp));
  return s.includes('.') ? s : `${s}.0`;
}
