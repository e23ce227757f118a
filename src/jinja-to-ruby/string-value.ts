// A YAML string value that may hold Jinja (module arguments, vars) -> Ruby value.
//
// Ansible 2.14 renders such strings with convert_data on: the rendered text is
// turned back into a list/dict/bool by ast.literal_eval when it starts with
// `{` or `[` or is `True`/`False` (so `'{{ x }}'` with a list x stays a list,
// and a string variable holding "[1, 2]" becomes a list). Reproducing that
// needs a Python literal parser at run time: A2C::Jinja.convert_data keeps
// lists, dicts and booleans, turns 'True'/'False' into booleans, and reads
// text that starts with `[` or `{` with A2C::PyLiteral (ast.literal_eval), keeping
// the text where Python cannot read it (`[2001:db8::1]`). Backslashes in string literals
// inside `{{ }}` are doubled first, as Ansible's escape_backslashes does before parsing.
import { ANSIBLE_JINJA_SETTINGS, applyWhitespace, containsJinja, escapeBackslashes, parseString, type Node } from '../load/jinja/index.js';
import { call, isConstCall, str, typeOf, type RExpr } from '../ir/ruby-ast.js';
import { translateTyped } from './expr.js';
import { keepsText } from './filters.js';
import { isBoolFilterCall, J, printable, pyTruthy, type Typed } from './rb.js';
import { OMIT } from './magic.js';
import type { Expr } from '../load/jinja/ast.js';
import { interpolationType, isPlainLead, PLAIN_STR, type VarType } from '../resolve/types.js';
import { capture, untranslatable, type JinjaScope, type Translation } from './scope.js';
import { translateStatementString } from './string-statements.js';

export function translateStringValue(text: string, scope: JinjaScope): Translation<RExpr> {
  return capture(() => {
    const start = { line: 1, col: 1 };
    if (!containsJinja(text)) return str(text);
    const escaped = escapeBackslashes(text);
    if (escaped === undefined)
      return untranslatable(
        'string:backslash',
        'Ansible rewrites backslashes inside Jinja in variable strings; this text does not lex',
        start,
      );
    const parsed = parseString(escaped);
    if (!parsed.ok) return untranslatable('string:syntax', parsed.error.message, parsed.error.pos);
    if (parsed.value.some((n) => n.kind !== 'text' && n.kind !== 'output'))
      return translateStatementString(text, escaped, parsed.value, scope);
    // Jinja's `{{-`/`-}}` strip the text beside the tag, and its lexer writes every newline as
    // `\n`; the trailing newline stays (Ansible gives back the one Jinja drops, see below).
    const nodes = applyWhitespace(parsed.value, TEXT_SETTINGS);
    const fix = outputFixer(text, escaped, nodes, scope);
    const first = nodes[0];
    const lead = first?.kind === 'text' ? first.text : '';
    // The text of a string-type filter (`{{ x | to_json }}`) as the whole value stays text. So does
    // one trailing newline (a block scalar's): Jinja's lexer drops it and Ansible appends it to the
    // rendered text afterwards, without literal_eval.
    if (first?.kind === 'output' && keepsText(first.expr, scope.tables)) {
      const tail = nodes[1];
      const v = fix(first, translateTyped(first.expr, scope).e);
      if (nodes.length === 1) return v;
      if (nodes.length === 2 && tail?.kind === 'text' && tail.text === '\n') return { k: 'interp', parts: [v, '\n'] };
    }
    // A lone `{{ expr }}` keeps its value (convert_data turns the text back into the list/dict/bool).
    if (nodes.length === 1 && first?.kind === 'output') {
      const choice = loneTernary(first.expr, scope);
      if (choice) return fix(first, choice);
      const v = translateTyped(first.expr, scope);
      // `omit` (a default() of a key no item has, `{{ omit }}`): its placeholder text, which convert_data leaves as it is.
      if (isOmitConst(v.e)) return v.e;
      return loneValue(v, SINGLE_VAR.test(text), (e) => fix(first, e), scope.fixCopied);
    }
    const parts: Array<string | RExpr> = [];
    const shape: Array<string | { name: string }> = [];
    const types = new Map<string, VarType>();
    for (const n of nodes) {
      if (n.kind === 'text') {
        parts.push(n.text);
        shape.push(n.text);
      } else if (n.kind === 'output') {
        const v = translateTyped(n.expr, scope);
        const printed = fix(n, printable(v));
        // Text that is itself interpolated (a var holding `/srv/{{ x }}`) is its parts, in line.
        if (printed.k === 'interp') parts.push(...printed.parts);
        else parts.push(printed);
        const key = `#${types.size}`;
        types.set(key, { t: v.t, ...(v.plain ? { plain: true } : {}) });
        shape.push({ name: key });
      }
    }
    // Rendered text that may look like a Python literal goes through convert_data at run time;
    // what the values' types show cannot (resolve/types.ts interpolationType) stays text.
    const convertible = !isPlainLead(lead) && !interpolationType(shape, (k) => types.get(k) ?? { t: 'any' }).plain;
    if (convertible) return J('convert_data', [{ k: 'interp', parts }]);
    // Text convert_data keeps, noted so that a var holding it reads back as that text (`{{ path }}`).
    return { k: 'interp', parts, vt: PLAIN_STR };
  });
}

/** What a lone `{{ expr }}` gives, from the expression's translation (`single`: Templar's `{{ name }}`). */
function loneValue(v: Typed, single: boolean, fix: (e: RExpr) => RExpr = (e) => e, copied?: (from: RExpr, to: RExpr) => void): RExpr {
  const e = fix(v.e);
  if (v.t === 'list' || v.t === 'dict' || v.t === 'bool' || (v.t === 'str' && v.plain)) {
    // The noted copy is what the project holds: an IPv6 fix made on e is found there (fixes.ts collect).
    const n = noted(e, v);
    copied?.(e, n);
    return n;
  }
  // Text or an integer: `{{ name }}` of one not written as a template keeps it whole (convert_data
  // keeps a plain str as text); anything else renders it to text, its digits or itself.
  if (v.t === 'strint') {
    if (single && !v.vt?.rendered) return e;
    // A value that may be an A2C::Jinja::Undefined (`a | default(b)`, both unset) stays one: Ansible
    // fails only where the variable is used, and Undefined#to_s fails there (never its inspect text).
    if (yieldsTry(e)) return J('text', [e], { vt: { t: 'str', plain: true } });
    return call(e, 'to_s', [], { vt: { t: 'str', plain: true } });
  }
  return loneScalar(single, v, e) ?? loneUnknown(single, v, e);
}

/** Whether the value can be an A2C::Jinja.try result (itself, or a branch of a choice). */
function yieldsTry(e: RExpr): boolean {
  if (e.k === 'ternary') return yieldsTry(e.t) || yieldsTry(e.f);
  return isConstCall(e, 'A2C::Jinja', 'try');
}

const TERNARY = new Set(['ternary', 'ansible.builtin.ternary']);

/**
 * A lone `{{ c | ternary(a, b) }}` (a module argument such as `cache_valid_time: "{{ (pkg_mgr == 'apt')
 * | ternary(cache_timeout, omit) }}"`) as Ruby's `c ? a' : b'`, where a' and b' are what `{{ a }}`
 * and `{{ b }}` would give rendered (not as Templar's lone `{{ name }}`): Ansible renders the
 * chosen value to text and reads the whole text back, which is that value's own text read back.
 * Only where the condition's Python truth is plain Ruby (its type is known) and each value is a
 * literal, `omit`, a loop or set local, or a variable read: Jinja evaluates both values, but such a
 * read gives a value or an undefined one, which fails only where the chosen one is printed, as the
 * chosen branch's read fails here; the other is never read, as Jinja never fails on it.
 */
function loneTernary(e: Expr, scope: JinjaScope): RExpr | undefined {
  if (e.kind !== 'filter' || !TERNARY.has(e.name) || e.args.length !== 2 || e.kwargs.length > 0 || e.dynArgs || e.dynKwargs)
    return undefined;
  if (!e.args.every((a) => a.kind === 'const' || (a.kind === 'name' && readsOnlyAValue(a.name, scope)))) return undefined;
  const c = translateTyped(e.node, scope);
  const known = c.t === 'bool' || c.t === 'str' || c.t === 'int' || c.t === 'list' || c.t === 'dict' || isBoolFilterCall(c.e);
  if (!known) return undefined;
  const [t, f] = e.args.map((a) => {
    // Literal 'True'/'False' is read back as the boolean.
    if (a.kind === 'const' && (a.value === 'True' || a.value === 'False')) return { k: 'bool', v: a.value === 'True' } as RExpr;
    const v = translateTyped(a, scope);
    // `omit` is its placeholder text, which convert_data leaves as it is.
    return isOmitConst(v.e) ? v.e : loneValue(v, false);
  }) as [RExpr, RExpr];
  return { k: 'ternary', c: pyTruthy(c), t, f };
}

// The same test as comparing both texts, but only a constant (a few bytes) is turned into text: every
// string value's translation asks, and the value can be a whole dict (issue 17).
const OMIT_TEXT = JSON.stringify(OMIT);
const isOmitConst = (e: RExpr): boolean => e.k === OMIT.k && JSON.stringify(e) === OMIT_TEXT;

/** A name whose read in Ruby gives its value or fails as an undefined one does: nothing else runs. */
function readsOnlyAValue(name: string, scope: JinjaScope): boolean {
  if (scope.locals.has(name)) return true;
  const ref = scope.lookupVar(name);
  if (ref) return ref.kind === 'attribute';
  const magic = name === 'omit' ? scope.lookupMagic?.(name) : undefined;
  return magic !== undefined && 'k' in magic && isOmitConst(magic);
}

const TEXT_SETTINGS = { ...ANSIBLE_JINJA_SETTINGS, keepTrailingNewline: true };

/**
 * The value whole, with its type noted where the Ruby node can carry one (ir/ruby-ast.ts typeOf):
 * a variable or task var whose value this is (`is_first: "{{ a in b and c == d }}"`) is read
 * through the binding (jinja-to-ruby/expr.ts rubyValue), where only the node is left to say it is
 * a bool, a list or plain text, and `is_first | bool` is then the value itself.
 */
function noted(e: RExpr, v: Typed): RExpr {
  if (typeOf(e) !== undefined || (e.k !== 'call' && e.k !== 'binop' && e.k !== 'index' && e.k !== 'interp')) return e;
  const vt: VarType = v.vt ?? { t: v.t, ...(v.plain ? { plain: true as const } : {}) };
  return { ...e, vt };
}

/**
 * The audit's fix for each `{{ }}` of the string, keyed by its position in the text as written
 * (before backslashes were doubled, which moves later outputs of a line).
 */
function outputFixer(text: string, escaped: string, nodes: Node[], scope: JinjaScope): (n: Node, e: RExpr) => RExpr {
  const fixOutput = scope.fixOutput;
  if (!fixOutput) return (_n, e) => e;
  const outputs = (list: Node[]): Node[] => list.filter((n) => n.kind === 'output');
  const original = escaped === text ? undefined : parseString(text);
  const written = original?.ok ? outputs(original.value) : undefined;
  const mine = outputs(nodes);
  return (n, e) => {
    const i = mine.indexOf(n);
    const pos = written && written.length === mine.length ? written[i]!.pos : n.pos;
    return fixOutput({ pos }, e);
  };
}

// Templar.template's test for a template that only names a variable (SINGLE_VAR), on the text as written.
const SINGLE_VAR = /^\{\{\s*\w*\s*\}\}$/;

/**
 * A lone `{{ expr }}` of an int, float or None. Templar.template returns a variable whole only for
 * `{{ name }}` (SINGLE_VAR) whose value is written as a number or None (not a template:
 * VarType.rendered); anything else renders to text (None as ''), which convert_data leaves as
 * text (digits, `1.5`).
 */
function loneScalar(single: boolean, v: Typed, e: RExpr): RExpr | undefined {
  if (v.t !== 'int' && v.t !== 'float' && v.t !== 'none') return undefined;
  if (single && !v.vt?.rendered) return e;
  // An int literal (a folded `{{ 1 + 2 }}`) is its digits already.
  if (v.t === 'int' && e.k === 'int') return str(String(e.v));
  return v.t === 'int' ? call(e, 'to_s') : J('out', [e]);
}

/**
 * A lone `{{ expr }}` of unknown type. Only `{{ name }}` of a variable not written as a template
 * comes back whole (convert_data keeps a number, None, list or dict); any other expression is
 * rendered to text first (None as '', 42 as '42', a list as its repr), which convert_data reads
 * back only where it starts with `[`/`{` or is True/False.
 */
function loneUnknown(single: boolean, v: Typed, e: RExpr): RExpr {
  // Text (a str) renders as itself: only the re-reading is left. A value convert_data already gave
  // (a var holding `[{{ x }}]`) is one it gives back as it is: a list, dict or bool stays, and text
  // it could not read stays text.
  if (v.t === 'str' || (single && !v.vt?.rendered)) return isConstCall(e, 'A2C::Jinja', 'convert_data') ? e : J('convert_data', [e]);
  return J('convert_data', [J('out', [e])]);
}
