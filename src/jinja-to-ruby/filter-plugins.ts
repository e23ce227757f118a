// Filters that need more than a helper call: undefined handling (default,
// mandatory), a test or filter applied per element (select, map), regex
// translation (regex_*), keyword-only options (combine, to_json, to_yaml).
import type { Expr } from '../load/jinja/ast.js';
import { call, int, rvar, someExpr, str, type RExpr } from '../ir/ruby-ast.js';
import { attributeRead, literalField, translateKeyBase, translateTyped } from './expr.js';
import { dictView, type FilterExpr } from './filters.js';
import { eitherType, isBoolFilterCall, J, pyStr, pyTruthy, typed, type Typed } from './rb.js';
import { parseReplacement, translateRegex } from './regex.js';
import { untranslatable, withLocals, type JinjaScope } from './scope.js';
import { translateTestOn } from './tests.js';
import { alwaysDefinedChain, alwaysSetDict, lazyArg, maybeUndefined, plainAttribute, storedKey, unsetDictField } from './undef.js';
import { firstFree } from '../ir/ruby-names.js';
import { joinTypes, type VarType } from '../resolve/types.js';
import { PY_DICT_METHOD_NAMES, PY_METHOD_NAMES } from './names.js';
import { extractChain } from './extract.js';
import { listResult, mappedAttr, sameItems } from './list-types.js';
import { jmespathFunctions } from './jmespath-scan.js';

type Plugin = (f: FilterExpr, scope: JinjaScope) => Typed;

function arity(f: FilterExpr, min: number, max: number, kwargs: string[] = []): void {
  const bad = f.kwargs.find((k) => !kwargs.includes(k.name));
  if (bad) untranslatable(`filter:${f.name}`, `argument '${bad.name}' of '${f.name}' is not translated`, f.pos);
  if (f.args.length < min || f.args.length > max)
    untranslatable(`filter:${f.name}`, `'${f.name}' with ${f.args.length} arguments is not translated`, f.pos);
}

const kwarg = (f: FilterExpr, name: string): Expr | undefined => f.kwargs.find((k) => k.name === name)?.value;

/** A literal argument (string/number/bool), or undefined when it is not a literal. */
function literal(e: Expr | undefined): string | number | boolean | null | undefined {
  return e?.kind === 'const' ? e.value : undefined;
}

/** A fresh Ruby block parameter name. */
function fresh(scope: JinjaScope): string {
  const used = new Set(scope.locals.values());
  return firstFree('v', (n) => used.has(n), { sep: '', first: 1 });
}

/**
 * `d.k` / `d['k']` where d names a literal dict the caller computed (an unrolled loop's item)
 * written with string keys: the value written there, or 'absent'.
 */
function literalKey(e: Expr, scope: JinjaScope): RExpr | 'absent' | undefined {
  if ((e.kind !== 'getattr' && e.kind !== 'getitem') || e.node.kind !== 'name' || scope.locals.has(e.node.name)) return undefined;
  const ref = scope.lookupVar(e.node.name);
  if (ref?.kind !== 'ruby') return undefined;
  // A Python method's name finds the method where the key is missing: not this case.
  if (e.kind === 'getattr' && !/^\d+$/.test(e.attr) && !PY_DICT_METHOD_NAMES.has(e.attr)) return literalField(ref.expr, e.attr);
  if (e.kind === 'getitem' && e.arg.kind === 'const' && typeof e.arg.value === 'string' && !PY_METHOD_NAMES.has(e.arg.value))
    return literalField(ref.expr, e.arg.value);
  return undefined;
}

/**
 * `x.k` / `x['k']` where x is a local whose items are dicts of a literal list none of which has key k
 * (VarType.closed): undefined in every one. Not a Python method's name, which Jinja may find instead.
 */
function closedAbsent(e: Expr, scope: JinjaScope): boolean {
  if ((e.kind !== 'getattr' && e.kind !== 'getitem') || e.node.kind !== 'name' || !scope.locals.has(e.node.name)) return false;
  const key = e.kind === 'getattr' ? e.attr : e.arg.kind === 'const' && typeof e.arg.value === 'string' ? e.arg.value : undefined;
  if (key === undefined || PY_METHOD_NAMES.has(key) || PY_DICT_METHOD_NAMES.has(key)) return false;
  const t = scope.localTypes?.get(e.node.name);
  return t?.t === 'dict' && t.closed === true && !Object.hasOwn(t.fields ?? {}, key) && !Object.hasOwn(t.optional ?? {}, key);
}

/**
 * `x.k` / `x['k']` where x is a local (always bound: a loop variable, a passed task var) whose known
 * type is a dict that has k in every value: never undefined, so `default` does not apply.
 */
function localField(e: Expr, scope: JinjaScope): { local: Expr; key: string; optional?: true } | undefined {
  // A key a stored registered result may lack (undef.ts storedKey): fetch's fallback is default()'s.
  const stored = storedKey(e, scope);
  if (stored) return { local: stored.base, key: stored.key, ...(stored.always ? {} : { optional: true as const }) };
  if ((e.kind !== 'getattr' && e.kind !== 'getitem') || e.node.kind !== 'name') return undefined;
  const key = e.kind === 'getattr' ? e.attr : e.arg.kind === 'const' && typeof e.arg.value === 'string' ? e.arg.value : undefined;
  if (key === undefined || PY_DICT_METHOD_NAMES.has(key)) return undefined;
  if (!scope.locals.has(e.node.name)) {
    // A dict variable always set whose keys come from contracts (the empty-dict rule): fetch's fallback is default()'s.
    const d = alwaysSetDict(e.node, scope);
    return d?.optional && Object.hasOwn(d.optional, key) ? { local: e.node, key, optional: true } : undefined;
  }
  const t = scope.localTypes?.get(e.node.name);
  if (t?.t !== 'dict') return undefined;
  if (t.fields !== undefined && Object.hasOwn(t.fields, key) && !PY_METHOD_NAMES.has(key)) return { local: e.node, key };
  // A key an item may lack (an item-field contract, resolve/item-contracts.ts): fetch's fallback is
  // default()'s. The run-time check makes the item a dict, so only a dict method's name finds a method.
  return t.optional !== undefined && Object.hasOwn(t.optional, key) ? { local: e.node, key, optional: true } : undefined;
}

/** Values written out as they are: none of them is Jinja's undefined. */
const WRITTEN = new Set<RExpr['k']>(['str', 'int', 'float', 'bool', 'nil', 'array', 'hash', 'interp']);

/** Filters whose result is a list made of their operand's items (list-types.ts sameItems). */
const LIST_RESULTS = new Set(['list', 'select', 'reject', 'selectattr', 'rejectattr', 'unique', 'sort']);

/** default()'s own fallback: Jinja's '', text no reading turns into another type. */
const EMPTY_TEXT: Typed = { e: str(''), t: 'str', plain: true };

const defaultFilter: Plugin = (f, scope) => {
  arity(f, 0, 2, ['default_value', 'boolean']);
  const fallback = f.args[0] ?? kwarg(f, 'default_value');
  const boolean = f.args[1] ?? kwarg(f, 'boolean');
  // A list filter's result (Ansible unrolls it into a list, list-types.ts) is never undefined: default() gives it back, typed.
  if (!boolean && f.node.kind === 'filter' && LIST_RESULTS.has(f.node.name.replace(/^ansible\.builtin\./, ''))) {
    const v = translateTyped(f.node, scope);
    if (v.t === 'list') return v;
  }
  // A key its dict always has, of a variable always set: never undefined, so the value.
  if (!boolean && alwaysDefinedChain(f.node, scope)) return translateTyped(f.node, scope);
  // A comparison, membership or `not` gives a boolean, or fails on an undefined operand before
  // default() is called (Jinja's StrictUndefined): the value, failing where Ansible fails.
  if (!boolean && neverUndefined(f.node)) return translateTyped(f.node, scope);
  // A key a literal dict does not have (an unrolled loop's item): undefined, so the fallback.
  const field = literalKey(f.node, scope);
  if (field === 'absent' || closedAbsent(f.node, scope))
    return fallback ? translateTyped(fallback, scope) : { e: str(''), t: 'str', plain: true };
  // One it has, written as a literal (never undefined): that value, unless `boolean` tests it.
  // So is one written as a comparison or `not` (`condition: "{{ m == 'source' }}"`): Ruby's ==, <, ! give
  // a boolean; an operand that fails made Ansible fail where it templated the item, before default().
  if (field && !boolean && (WRITTEN.has(field.k) || comparison(field))) return translateTyped(f.node, scope);
  // A key every item of a typed local has (a loop over a list of the input's own items): read with
  // Hash#fetch, which gives the fallback for a missing key and the value (None too) for a present
  // one, as default() does; the items' known type decides the printing, and a fallback of another
  // type makes it unknown.
  const known = boolean ? undefined : localField(f.node, scope);
  if (known) {
    const v = translateTyped(f.node, scope);
    // A fallback that is a typed local's field too (`v.f | default(s.g)`): read in fetch's block, only
    // where f is missing, as Jinja's undefined s.g fails only where it is printed.
    const lazyField = fallback ? localField(fallback, scope) : undefined;
    // No fallback: Jinja's '', plain text.
    const fb = fallback ? (lazyField ? translateTyped(fallback, scope) : lazyArg(fallback, scope)) : EMPTY_TEXT;
    // The dict's key read, not a read of it whole (a registered result kept in part refuses that).
    const local = translateKeyBase(known.local, scope).e;
    const e = lazyField
      ? call(local, 'fetch', [str(known.key)], { block: { params: [], body: fb.e } })
      : call(local, 'fetch', [str(known.key), fb.e]);
    // The contract's text-or-integer with an int or plain text fallback is one still (rb.ts eitherType).
    if (known.optional) return { e, ...eitherType(v, fb) };
    const same = v.t === fb.t;
    return {
      e,
      t: same ? v.t : 'any',
      ...(same && v.plain && fb.plain ? { plain: true } : {}),
      ...(same && v.vt ? { vt: v.vt } : {}),
    };
  }
  // A contracted field of a dict that may be unset: Chef's node.exist? of the whole path.
  const unsetField = boolean ? undefined : unsetDictField(f.node, scope);
  if (unsetField) {
    // A typed local's field as the fallback (`d.k | default(s.g)`): read only where the ternary picks
    // it, as in fetch's block above (Jinja's undefined s.g fails only where it is printed).
    const fb = fallback
      ? localField(fallback, scope)
        ? translateTyped(fallback, scope)
        : lazyArg(fallback, scope)
      : typed(str(''), 'str');
    if (!someExpr(fb.e, (x) => x.k === 'ternary')) {
      const v = attributeRead({ ...unsetField.ref, read: 'node', type: unsetField.type });
      return { e: { k: 'ternary', c: unsetField.defined, t: v.e, f: fb.e }, ...eitherType(v, fb) };
    }
  }
  // A variable read as a plain attribute: Chef's own question (node.exist?) decides.
  const plain = boolean ? undefined : plainAttribute(f.node, scope);
  if (plain) {
    const v = attributeRead({ ...plain.ref, read: 'node' });
    if (plain.defined.k === 'bool') return v;
    const fb = fallback ? lazyArg(fallback, scope) : EMPTY_TEXT;
    // A chain of defaults would nest ternaries, which Cookstyle refuses: the helper takes the outer ones.
    if (someExpr(fb.e, (x) => x.k === 'ternary'))
      return typed(J('default', [maybeUndefined(f.node, scope, `filter:${f.name}`), fb.e]), 'any');
    return { e: { k: 'ternary', c: plain.defined, t: v.e, f: fb.e }, ...eitherType(v, fb) };
  }
  const args: RExpr[] = [maybeUndefined(f.node, scope, `filter:${f.name}`)];
  const fb = fallback ? lazyArg(fallback, scope) : typed(str(''), 'str');
  args.push(fb.e);
  if (boolean) args.push(translateTyped(boolean, scope).e);
  return typed(J('default', args), 'any');
};

/** Both operands of a `+` are strs: the concatenation cannot fail. */
function addsAlike(l: Expr, r: Expr, scope: JinjaScope): boolean {
  return translateTyped(l, scope).t === 'str' && translateTyped(r, scope).t === 'str';
}

/**
 * `c | ternary(a, b[, n])`: Ansible's filter returns n where c is None and n is not, else a or b by
 * Python's bool(c). Jinja evaluates every argument, but an undefined one fails only if ternary
 * returns it (each is read lazily). With two literal values of one type and a condition of known
 * type, Ruby's `?:` with Python's truth test is the same choice, and nothing lazy is left to
 * read (so do two variables the cookbook always sets); with values of one type that can never be
 * undefined, the helper's result has that type.
 */
const ternaryFilter: Plugin = (f, scope) => {
  arity(f, 0, 3, ['true_val', 'false_val', 'none_val']);
  const pick = (i: number, name: string): Expr | undefined => f.args[i] ?? kwarg(f, name);
  const [a, b, n] = [pick(0, 'true_val'), pick(1, 'false_val'), pick(2, 'none_val')];
  if (!a || !b) return untranslatable('filter:ternary', "'ternary' needs true_val and false_val", f.pos);
  const c = translateTyped(f.node, scope);
  const vals = [a, b, ...(n ? [n] : [])].map((x) => lazyArg(x, scope));
  const [t, e] = [vals[0]!, vals[1]!];
  const same =
    vals.every((v) => v.t === t.t) && t.t !== 'any' && !vals.some((v) => someExpr(v.e, (x) => x.k === 'call' && x.name === 'try'));
  // Values an int or text Ansible keeps as text (`c | ternary(port, '')`): one of them, a text-or-integer.
  const strint =
    !same &&
    vals.every((v) => v.t === 'strint' || v.t === 'int' || (v.t === 'str' && v.plain)) &&
    !vals.some((v) => someExpr(v.e, (x) => x.k === 'call' && x.name === 'try'));
  const result = (x: RExpr): Typed =>
    same ? { e: x, t: t.t, ...(vals.every((v) => v.plain) ? { plain: true } : {}) } : typed(x, strint ? 'strint' : 'any');
  // `x | bool` gives None only for None, which picks false_val as False does where none_val is not given.
  const known = c.t === 'bool' || c.t === 'str' || c.t === 'int' || c.t === 'list' || c.t === 'dict' || isBoolFilterCall(c.e);
  // Values that read nothing that can fail or be undefined (a literal, a variable the cookbook always
  // sets): evaluating only the chosen one, as `?:` does, is evaluating both, as Jinja does.
  // So is `~` of such values (Python's str() of a defined value never fails) and `+` of two strs
  // (Python's + fails on mixed types, which Jinja would raise even for the value not chosen).
  const settled = (x: Expr): boolean =>
    x.kind === 'const' ||
    plainAttribute(x, scope)?.defined.k === 'bool' ||
    (x.kind === 'binop' && (x.op === '~' || (x.op === '+' && addsAlike(x.left, x.right, scope))) && settled(x.left) && settled(x.right));
  if (!n && known && settled(a) && settled(b)) return result({ k: 'ternary', c: pyTruthy(c), t: t.e, f: e.e });
  return result(J('ternary', [c.e, ...vals.map((v) => v.e)]));
};

const mandatory: Plugin = (f, scope) => {
  arity(f, 0, 1, ['msg']);
  const msg = f.args[0] ?? kwarg(f, 'msg');
  return typed(J('mandatory', [maybeUndefined(f.node, scope, 'filter:mandatory'), ...(msg ? [translateTyped(msg, scope).e] : [])]), 'any');
};

const combine: Plugin = (f, scope) => {
  arity(f, 0, 99, ['recursive']);
  const rec = kwarg(f, 'recursive');
  const dicts = [f.node, ...f.args].map((a) => translateTyped(a, scope));
  const e = J(
    'combine',
    dicts.map((d) => d.e),
    rec ? { kwargs: [['recursive', translateTyped(rec, scope).e]] } : {},
  );
  const vt = rec ? undefined : combinedType(dicts.map((d) => d.vt));
  return vt ? { e, t: 'dict', vt } : typed(e, 'dict');
};

/**
 * The type of a flat combine (dict.update of each in turn) of dicts of string keys: the keys stay
 * strings; a key's value is the last operand's that surely has it, or any operand's after it that
 * may (its `values`); a value under any key is one of some operand's values.
 */
export function combinedType(types: ReadonlyArray<VarType | undefined>): VarType | undefined {
  if (types.length === 0 || !types.every((t) => t?.t === 'dict' && t.strKeys)) return undefined;
  const ts = types as VarType[];
  let fields: Record<string, VarType> = {};
  let values: VarType | undefined;
  for (const [i, t] of ts.entries()) {
    // A later operand may hold a key it does not surely hold: its values' type joins in.
    const next: Record<string, VarType> = {};
    for (const [k, v] of Object.entries(fields)) {
      const over = t.fields?.[k];
      if (over) continue;
      if (t.values) next[k] = joinTypes(v, t.values);
    }
    fields = { ...next, ...(t.fields ?? {}) };
    values = i === 0 ? t.values : values && t.values ? joinTypes(values, t.values) : undefined;
  }
  const known = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.t !== 'any'));
  return {
    t: 'dict',
    strKeys: true,
    ...(Object.keys(known).length > 0 ? { fields: known } : {}),
    ...(values && values.t !== 'any' ? { values } : {}),
  };
}

function jsonPlugin(nice: boolean): Plugin {
  return (f, scope) => {
    arity(f, 0, 0, ['indent', 'sort_keys', 'ensure_ascii']);
    const kw: Array<[string, RExpr]> = f.kwargs.map((k) => [k.name, translateTyped(k.value, scope).e]);
    return typed(J(nice ? 'to_nice_json' : 'to_json', [translateTyped(f.node, scope).e], kw.length ? { kwargs: kw } : {}), 'str');
  };
}

/**
 * to_yaml / to_nice_yaml: yaml.dump keywords that A2C::Yaml.dump reproduces travel as Ruby keywords.
 * allow_unicode, line_break, encoding, version, tags and Dumper change what libyaml is told in ways
 * the helper does not restate; to_nice_yaml already sets default_flow_style (a second one is a
 * TypeError in Python); to_yaml's positional arguments would be yaml.dump's stream.
 */
const YAML_OPTIONS = ['indent', 'width', 'sort_keys', 'explicit_start', 'explicit_end', 'canonical', 'default_style'];

function yamlPlugin(nice: boolean): Plugin {
  return (f, scope) => {
    if (nice) arity(f, 0, 1, YAML_OPTIONS);
    else arity(f, 0, 0, [...YAML_OPTIONS, 'default_flow_style']);
    const args = [translateTyped(f.node, scope).e];
    // to_nice_yaml's indent is its own parameter: positional in Ruby too.
    const indent = nice ? (f.args[0] ?? kwarg(f, 'indent')) : undefined;
    if (nice && f.args[0] && kwarg(f, 'indent')) return untranslatable(`filter:${f.name}`, "indent given twice to 'to_nice_yaml'", f.pos);
    if (indent) args.push(translateTyped(indent, scope).e);
    const kw: Array<[string, RExpr]> = f.kwargs
      .filter((k) => !(nice && k.name === 'indent'))
      .map((k) => [k.name, translateTyped(k.value, scope).e]);
    return typed(J(nice ? 'to_nice_yaml' : 'to_yaml', args, kw.length ? { kwargs: kw } : {}), 'str');
  };
}

/** select/reject: `A2C::Jinja.select(seq) { |v| <test on v> }`. */
function selectPlugin(helper: 'select' | 'reject'): Plugin {
  return (f, scope) => {
    arity(f, 0, 99);
    const seq = iterated(f.node, scope);
    const v = fresh(scope);
    const inner = withLocals(scope, [[v, v]]);
    const operand: Expr = { kind: 'name', name: v, pos: f.pos };
    const [testName, ...testArgs] = f.args;
    let body: RExpr;
    if (!testName) body = J('truthy', [rvar(v)]);
    else {
      const n = literal(testName);
      if (typeof n !== 'string') untranslatable(`filter:${f.name}`, 'the test name is not a literal', f.pos);
      body = translateTestOn(operand, rvar(v), n as string, testArgs, [], inner, f.pos);
    }
    return listResult(J(helper, [seq.e], { block: { params: [v], body } }), sameItems(seq));
  };
}

/** selectattr/rejectattr: the block receives the attribute value, possibly undefined. */
function selectAttrPlugin(helper: 'selectattr' | 'rejectattr'): Plugin {
  return (f, scope) => {
    arity(f, 1, 99);
    const [attr, testName, ...testArgs] = f.args;
    const path = literal(attr);
    if (typeof path !== 'string') return untranslatable(`filter:${f.name}`, 'the attribute name is not a literal string', f.pos);
    const v = fresh(scope);
    const inner = withLocals(scope, [[v, v]]);
    const operand: Expr = { kind: 'name', name: v, pos: f.pos };
    let body: RExpr;
    if (!testName) body = J('truthy', [rvar(v)]);
    else {
      const n = literal(testName);
      if (typeof n !== 'string') return untranslatable(`filter:${f.name}`, 'the test name is not a literal', f.pos);
      body = translateTestOn(operand, rvar(v), n, testArgs, [], inner, f.pos);
    }
    const seq = translateTyped(f.node, scope);
    return listResult(J(helper, [seq.e, str(path)], { block: { params: [v], body } }), sameItems(seq));
  };
}

/**
 * openstack.osa's rejectattr (openstack-ansible-plugins): Jinja's rejectattr, except that an item
 * without the attribute is kept where Jinja would test an undefined value, the attribute is one
 * name (never a dotted path), and the test defaults to `defined`. The block tests the value of
 * an item that has the attribute; A2C::Jinja.osa_rejectattr decides which items have it.
 */
const osaRejectAttr: Plugin = (f, scope) => {
  arity(f, 1, 99);
  const [attr, testName, ...testArgs] = f.args;
  const name = literal(attr);
  if (typeof name !== 'string') return untranslatable(`filter:${f.name}`, 'the attribute name is not a literal string', f.pos);
  const n = testName ? literal(testName) : 'defined';
  if (typeof n !== 'string') return untranslatable(`filter:${f.name}`, 'the test name is not a literal', f.pos);
  const v = fresh(scope);
  const inner = withLocals(scope, [[v, v]]);
  const body = translateTestOn({ kind: 'name', name: v, pos: f.pos }, rvar(v), n, testArgs, [], inner, f.pos);
  const seq = translateTyped(f.node, scope);
  return listResult(J('osa_rejectattr', [seq.e, str(name)], { block: { params: [v], body } }), sameItems(seq));
};

/** map(attribute='x', default=...) or map('filter', args...). */
const mapPlugin: Plugin = (f, scope) => {
  const attribute = kwarg(f, 'attribute');
  if (attribute) {
    const seq = translateTyped(f.node, scope);
    arity(f, 0, 0, ['attribute', 'default']);
    const path = literal(attribute);
    if (typeof path !== 'string') return untranslatable('filter:map', 'the attribute name is not a literal string', f.pos);
    const dflt = kwarg(f, 'default');
    return listResult(J('map_attr', [seq.e, str(path), ...(dflt ? [translateTyped(dflt, scope).e] : [])]), mappedAttr(seq, path));
  }
  const [filterName, ...filterArgs] = f.args;
  const n = literal(filterName);
  if (typeof n !== 'string')
    return untranslatable('filter:map', 'map without a literal filter name or attribute= is not translated', f.pos);
  const items = iterated(f.node, scope);
  const v = fresh(scope);
  const inner = withLocals(scope, [[v, v]]);
  const applied: FilterExpr = {
    kind: 'filter',
    name: n,
    node: { kind: 'name', name: v, pos: f.pos },
    args: filterArgs,
    kwargs: f.kwargs,
    pos: f.pos,
  };
  const body = translateTyped(applied, inner).e;
  return typed(J('map', [items.e], { block: { params: [v], body } }), 'list');
};

/** `item | extract(container, morekeys)`: the subscript chain it stands for (extract.ts). */
const extract: Plugin = (f, scope) => {
  const chain = extractChain(f);
  if ('why' in chain) return untranslatable('filter:extract', chain.why, f.pos);
  return translateTyped(chain, scope);
};

/**
 * The sequence select/reject and map('filter') go through: they only iterate it, so a
 * `d.items()`/keys/values view there is its elements in dict order (pairs as tuples).
 */
function iterated(e: Expr, scope: JinjaScope): Typed {
  return dictView(e, 'list', scope) ?? translateTyped(e, scope);
}

function regexArgs(f: FilterExpr, patternArg: Expr | undefined, anchorStart = false) {
  const pattern = literal(patternArg);
  if (typeof pattern !== 'string') return untranslatable(`filter:${f.name}`, 'the pattern is not a literal string', f.pos);
  const flag = (n: string): boolean => {
    const e = kwarg(f, n);
    if (!e) return false;
    const v = literal(e);
    if (typeof v !== 'boolean') return untranslatable(`filter:${f.name}`, `${n}= is not a literal boolean`, f.pos);
    return v;
  };
  const r = translateRegex(pattern, { ignorecase: flag('ignorecase'), multiline: flag('multiline'), anchorStart });
  if (!r.ok) return untranslatable(`filter:${f.name}`, `regex /${pattern}/: ${r.reason}`, f.pos);
  return r;
}

/** The operands of a chain of `~`, left to right. */
function concatParts(e: Expr): Expr[] {
  return e.kind === 'binop' && e.op === '~' ? [...concatParts(e.left), ...concatParts(e.right)] : [e];
}

/**
 * A replacement built with `~` from literal text and integers (OSA's `'\\1:' ~ memcached_port`):
 * Python parses the joined text, so each literal part parses alone only where it does not end in
 * an escape the next part could extend (`\\1` then digits is another group, `\\g<` unfinished), and
 * an integer's text (digits, a sign) holds no escape. The integer pieces are strings at run time.
 */
function replacementPieces(e: Expr, r: { groups: number; names: Map<string, number> }, scope: JinjaScope): RExpr[] | { reason: string } {
  const parts = concatParts(e);
  const out: RExpr[] = [];
  for (const [i, p] of parts.entries()) {
    const text = literal(p);
    if (typeof text === 'string') {
      if (i < parts.length - 1 && /\\(?:\d{0,2}|g<[^>]*)$/.test(text))
        return { reason: 'a literal part of the replacement ends in an escape the next part could extend' };
      const pieces = parseReplacement(text, r.groups, r.names);
      if (!Array.isArray(pieces)) return pieces;
      for (const x of pieces) out.push(typeof x === 'number' ? int(x) : str(x));
      continue;
    }
    const t = translateTyped(p, scope);
    if (t.t !== 'int') return { reason: 'the replacement is not a literal string (nor literal text joined with integers)' };
    out.push(call(t.e, 'to_s', []));
  }
  return out;
}

const regexReplace: Plugin = (f, scope) => {
  arity(f, 1, 2, ['ignorecase', 'multiline', 'count']);
  const r = regexArgs(f, f.args[0]);
  const repl = f.args[1] === undefined ? { kind: 'const' as const, value: '', pos: f.pos } : f.args[1];
  const pieces = replacementPieces(repl, r, scope);
  if (!Array.isArray(pieces)) return untranslatable('filter:regex_replace', pieces.reason, f.pos);
  const count = kwarg(f, 'count');
  const args = [translateTyped(f.node, scope).e, r.regex, { k: 'array', items: pieces } as RExpr];
  if (count) args.push(translateTyped(count, scope).e);
  return typed(J('regex_replace', args), 'str');
};

// Ansible's default re_type is Python's re.escape; posix_extended fails in Ansible itself and a
// re_type known only at run time is not reproduced.
const regexEscape: Plugin = (f, scope) => {
  arity(f, 0, 1, ['re_type']);
  const given = f.args[0] ?? kwarg(f, 're_type');
  const reType = given === undefined ? 'python' : literal(given);
  if ((f.args[0] && kwarg(f, 're_type')) || (reType !== 'python' && reType !== 'posix_basic'))
    return untranslatable('filter:regex_escape', "re_type other than a literal 'python' or 'posix_basic' is not translated", f.pos);
  const args = [translateTyped(f.node, scope).e, ...(reType === 'python' ? [] : [str(reType)])];
  return typed(J('regex_escape', args), 'str');
};

const regexSearch: Plugin = (f, scope) => {
  arity(f, 1, 99, ['ignorecase', 'multiline']);
  const r = regexArgs(f, f.args[0]);
  const groups = f.args.slice(1).map((a) => {
    const g = literal(a);
    const m = typeof g === 'string' ? /^\\(?:g<(\d+)>|(\d+))$/.exec(g) : null;
    if (!m) return untranslatable('filter:regex_search', 'group arguments other than literal \\N or \\g<N> are not translated', f.pos);
    const n = Number(m[1] ?? m[2]);
    if (n > r.groups) return untranslatable('filter:regex_search', `group ${n} does not exist in the pattern`, f.pos);
    return int(n);
  });
  return typed(
    J('regex_search', [translateTyped(f.node, scope).e, r.regex, ...(groups.length ? [{ k: 'array', items: groups } as RExpr] : [])]),
    'any',
  );
};

const regexFindall: Plugin = (f, scope) => {
  arity(f, 1, 1, ['ignorecase', 'multiline']);
  const r = regexArgs(f, f.args[0]);
  return typed(J('regex_findall', [translateTyped(f.node, scope).e, r.regex]), 'list');
};

const COMMENT_OPTIONS = ['newline', 'beginning', 'prefix', 'prefix_count', 'decoration', 'postfix', 'postfix_count', 'end'];

/** comment(style='plain', **options): the options travel as one Ruby hash. */
const comment: Plugin = (f, scope) => {
  arity(f, 0, 1, ['style', ...COMMENT_OPTIONS]);
  const style = f.args[0] ?? kwarg(f, 'style');
  const pairs = f.kwargs.filter((k) => k.name !== 'style').map((k): [RExpr, RExpr] => [str(k.name), translateTyped(k.value, scope).e]);
  const args = [translateTyped(f.node, scope).e];
  if (style || pairs.length > 0) args.push(style ? translateTyped(style, scope).e : str('plain'));
  if (pairs.length > 0) args.push({ k: 'hash', pairs });
  return typed(J('comment', args), 'str');
};

/**
 * `'%-7s %s' | format(a, b)`: Jinja's format filter is Python's `fmt % args`. Translated where the
 * format is a literal whose every conversion is `%s` (flag `-`, a width, a precision) or `%%`, and
 * the arguments are as many as its conversions (Python raises TypeError otherwise): Ruby's format
 * pads and cuts a string as Python's does (by code points), each argument printed with Python's
 * str() (A2C::Jinja.format_str). Other conversions (%d of a text raises in Python, Ruby's reads it;
 * %x of a negative number differs) and keyword arguments (`%(name)s`) stay TODOs.
 */
const PERCENT_S = /%(?:%|-?(?:[1-9]\d*)?(?:\.\d*)?s)/g;
const formatFilter: Plugin = (f, scope) => {
  const fmt = literal(f.node);
  if (typeof fmt !== 'string') untranslatable('filter:format', "'format' is translated only on a literal format string", f.pos);
  if (f.kwargs.length || f.dynArgs || f.dynKwargs)
    untranslatable('filter:format', "'format' with keyword arguments is not translated", f.pos);
  const rest = fmt.replace(PERCENT_S, '');
  if (rest.includes('%'))
    untranslatable(
      'filter:format',
      `'format' is translated only with %s and %% conversions ('-', width, precision): ${JSON.stringify(fmt)}`,
      f.pos,
    );
  const conversions = (fmt.match(PERCENT_S) ?? []).filter((m) => m !== '%%').length;
  if (conversions !== f.args.length)
    untranslatable(
      'filter:format',
      `${JSON.stringify(fmt)} has ${conversions} conversions for ${f.args.length} arguments: Python raises TypeError`,
      f.pos,
    );
  const args = f.args.map((a) => translateTyped(a, scope));
  // Every argument text, an integer or a boolean (pyStr writes Python's str() of it without the helper): Kernel#format itself.
  if (args.every((a) => ['str', 'int', 'strint', 'bool'].includes(a.t) || a.e.k === 'str'))
    return typed(call(undefined, 'format', [str(fmt), ...args.map(pyStr)]), 'str');
  return typed(J('format_str', [str(fmt), ...args.map((a) => a.e)]), 'str');
};

/**
 * dict2items: a list of `{key_name: k, value_name: v}` dicts. Over a dict of string keys, each item's
 * key field is a str and its value field has the dict's value type (where every value has one): a
 * loop over them then reads `item.key` as plain Ruby.
 */
const dict2items: Plugin = (f, scope) => {
  arity(f, 0, 2, ['key_name', 'value_name']);
  const keyArg = f.args[0] ?? kwarg(f, 'key_name');
  const valueArg = f.args[1] ?? kwarg(f, 'value_name');
  const d = translateTyped(f.node, scope);
  const names = [keyArg, valueArg].map((a) => (a === undefined ? undefined : translateTyped(a, scope).e));
  const args = [d.e, ...(names[1] ? [names[0] ?? str('key'), names[1]] : names[0] ? [names[0]] : [])];
  const keyName = keyArg === undefined ? 'key' : literal(keyArg);
  const valueName = valueArg === undefined ? 'value' : literal(valueArg);
  if (d.t !== 'dict' || !d.vt?.strKeys || typeof keyName !== 'string' || typeof valueName !== 'string' || keyName === valueName)
    return typed(J('dict2items', args), 'list');
  const fields: Record<string, VarType> = { [keyName]: { t: 'str' }, ...(d.vt.values ? { [valueName]: d.vt.values } : {}) };
  const vt: VarType = { t: 'list', item: { t: 'dict', strKeys: true, fields } };
  return { e: J('dict2items', args, { vt }), t: 'list', vt };
};

/** ansible.utils.ipwrap without a query: A2C::Net.ipwrap brackets IPv6 addresses and networks only. */
const ipwrap: Plugin = (f, scope) => {
  arity(f, 0, 0);
  const v = translateTyped(f.node, scope);
  return typed({ k: 'call', recv: { k: 'const', path: ['A2C', 'Net'] }, name: 'ipwrap', args: [v.e] }, v.t === 'list' ? 'list' : 'any');
};

/**
 * The ipaddr queries A2C::Ipaddr (libraries/a2c_ipaddr.rb) answers as ansible.utils does; an
 * integer query is an index into the network. Every other query (a CIDR to look up, 6to4,
 * *_usable, peer, revdns, v4/v6, which fail in ansible.utils itself...) is refused.
 */
const IPADDR_QUERIES = new Set([
  '',
  'address',
  'ip',
  'host',
  'host/prefix',
  'address/prefix',
  'gateway',
  'gw',
  'hostnet',
  'router',
  'ip/prefix',
  'ip_netmask',
  'network',
  'network_id',
  'subnet',
  'network/prefix',
  'cidr',
  'net',
  'netmask',
  'hostmask',
  'wildcard',
  'network_netmask',
  'network_wildcard',
  'broadcast',
  'prefix',
  'size',
  'version',
  'type',
  'bool',
  'int',
  'public',
  'private',
  'wrap',
  'ipv4',
  'ipv6',
]);

/**
 * ipaddr / ipv4 / ipv6 with at most one literal string query: `A2C::Ipaddr.filter(value, query, version)`.
 * A number query is refused: Ansible passes its Python text on ('1' but '1.0'), which the AST does not keep.
 */
function ipaddrPlugin(version?: 4 | 6): Plugin {
  return (f, scope) => {
    arity(f, 0, 1);
    const query = f.args[0] === undefined ? '' : literal(f.args[0]);
    if (typeof query !== 'string') return untranslatable(`filter:${f.name}`, 'the query is not a literal string', f.pos);
    if (!IPADDR_QUERIES.has(query) && !/^(?:0|-?[1-9]\d*)$/.test(query)) {
      return untranslatable(`filter:${f.name}`, `query '${query}' of '${f.name}' is not translated`, f.pos);
    }
    const v = translateTyped(f.node, scope);
    const args: RExpr[] = [v.e, str(query), ...(version ? [int(version)] : [])];
    return typed({ k: 'call', recv: { k: 'const', path: ['A2C', 'Ipaddr'] }, name: 'filter', args }, v.t === 'list' ? 'list' : 'any');
  };
}

/** Python jmespath's functions whose key check reads Python class names, which community.general's filter does not extend. */
const ORIGIN_TYPED = new Set(['sort_by', 'max_by', 'min_by']);

/**
 * community.general.json_query with a literal expression: `A2C::JsonQuery.search(value, expr)`
 * (libraries/a2c_json_query.rb), Ruby's jmespath gem made to answer as Python's jmespath does. The
 * result is whatever the expression selects (a list, a scalar, or null where nothing matches), so
 * its type stays unknown. An expression known only at run time is not translated.
 */
const jsonQuery: Plugin = (f, scope) => {
  arity(f, 0, 1, ['expr']);
  const given = f.args[0] ?? kwarg(f, 'expr');
  if (!given || (f.args[0] && kwarg(f, 'expr'))) return untranslatable(`filter:${f.name}`, `'${f.name}' needs one expression`, f.pos);
  // A literal, or a variable whose value is one (a task var, also read as `vars['query']`).
  const expr = translateTyped((scope.locals.has('vars') ? undefined : varsItem(given)) ?? given, scope).e;
  if (expr.k !== 'str') return untranslatable(`filter:${f.name}`, 'the JMESPath expression is not a literal string', f.pos);
  const keyed = jmespathFunctions(expr.v).find((n) => ORIGIN_TYPED.has(n));
  if (keyed)
    return untranslatable(
      `filter:${f.name}`,
      `JMESPath's ${keyed}() checks its keys by Python class name, so a string key fails in Ansible when it is an unsafe string (a registered or templated result) and not when it comes from YAML: where the value came from is not known here`,
      f.pos,
    );
  const v = translateTyped(f.node, scope);
  return typed({ k: 'call', recv: { k: 'const', path: ['A2C', 'JsonQuery'] }, name: 'search', args: [v.e, expr] }, 'any');
};

/** `vars['x']` / `vars.x` (Ansible's dict of the variables in scope) as the name x itself. */
function varsItem(e: Expr): Expr | undefined {
  if ((e.kind !== 'getitem' && e.kind !== 'getattr') || e.node.kind !== 'name' || e.node.name !== 'vars') return undefined;
  const key = e.kind === 'getattr' ? e.attr : literal(e.arg);
  return typeof key === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? { kind: 'name', name: key, pos: e.pos } : undefined;
}

export const FILTER_PLUGINS: Record<string, Plugin> = {
  json_query: jsonQuery,
  ipwrap,
  ipaddr: ipaddrPlugin(),
  ipv4: ipaddrPlugin(4),
  ipv6: ipaddrPlugin(6),
  default: defaultFilter,
  ternary: ternaryFilter,
  dict2items,
  mandatory,
  combine,
  to_json: jsonPlugin(false),
  to_nice_json: jsonPlugin(true),
  to_yaml: yamlPlugin(false),
  to_nice_yaml: yamlPlugin(true),
  select: selectPlugin('select'),
  reject: selectPlugin('reject'),
  selectattr: selectAttrPlugin('selectattr'),
  rejectattr: selectAttrPlugin('rejectattr'),
  osa_rejectattr: osaRejectAttr,
  map: mapPlugin,
  extract,
  regex_replace: regexReplace,
  regex_search: regexSearch,
  regex_findall: regexFindall,
  regex_escape: regexEscape,
  comment,
  format: formatFilter,
};

const BOOLEAN_OPERATORS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in', 'not in']);

/**
 * Arithmetic and `~`: Ansible's undefined is Jinja's StrictUndefined for them, so an undefined operand
 * fails the operation itself (measured with ansible-core 2.14: `(u // 2) | default(1)` fails on u), and a
 * defined one gives a value. The Ruby operands fail where Jinja's do (a strict read, a helper's check).
 */
const VALUE_OPERATORS = new Set(['+', '-', '*', '/', '//', '%', '**', '~']);

/** An expression whose value is a boolean, a number or text whenever it has one (never Jinja's undefined). */
function neverUndefined(e: Expr): boolean {
  if (e.kind === 'binop') return BOOLEAN_OPERATORS.has(e.op) || VALUE_OPERATORS.has(e.op);
  return e.kind === 'unary' && (e.op === 'not' || e.op === '-' || e.op === '+');
}

const RUBY_COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

function comparison(e: RExpr): boolean {
  return (e.k === 'binop' && RUBY_COMPARISONS.has(e.op)) || e.k === 'not';
}
