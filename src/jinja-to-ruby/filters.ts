// Jinja filters -> A2C::Jinja helper calls, driven by mappings/filters.toml;
// filters needing logic are typed plugins (filter-plugins.ts).
import type { Expr, Pos } from '../load/jinja/ast.js';
import { call, int, nil, str, type RExpr } from '../ir/ruby-ast.js';
import { isPlainText } from '../resolve/types.js';
import { FILTER_PLUGINS } from './filter-plugins.js';
import { FOLDS } from './fold.js';
import type { PyConst } from './const-eval.js';
import { J, literalString, typed, type Typed } from './rb.js';
import { untranslatable, type JinjaScope } from './scope.js';
import { translateTyped } from './expr.js';
import { lazyArg } from './undef.js';
import { flattenedItems, listResult, sameItems } from './list-types.js';
import type { FilterEntry, JinjaTables } from '../mapping/jinja-tables.js';
import type { VarType } from '../resolve/types.js';

export type FilterExpr = Extract<Expr, { kind: 'filter' }>;

/**
 * A filter of Ansible's STRING_TYPE_FILTERS, written by its short name: its result is NativeJinjaText,
 * which ansible_eval_concat returns as it is when it is the whole template (ansible.template,
 * JinjaPluginIntercept; native_helpers). `ansible.builtin.to_json` is not in the list, so not exempt.
 */
export function keepsText(e: Expr, tables: JinjaTables): boolean {
  if (e.kind !== 'filter') return false;
  const found = tables.filters.byName.get(e.name);
  return found?.name === e.name && found.entry.string_type === true;
}

/**
 * Tests Ansible once also accepted as filters (`result | failed`): Ansible 2.9 removed that form, and
 * 2.14 fails the task with `Could not load "failed"`. The input needs `result is failed`.
 */
const TESTS_ONCE_FILTERS = new Set([
  'failed',
  'failure',
  'succeeded',
  'success',
  'successful',
  'changed',
  'change',
  'skipped',
  'skip',
  'finished',
  'started',
  'reachable',
  'unreachable',
  'version_compare',
  // The string, path and set tests of 2.8, usable as filters then; 2.14 has no filter by these names.
  'match',
  'search',
  'regex',
  'is_dir',
  'is_file',
  'is_link',
  'is_abs',
  'is_mount',
  'issubset',
  'issuperset',
]);

/** Names the construct of a removed test-as-filter form (reported as input to fix: A2C-JINJA-REMOVED). */
export const REMOVED_FILTER = 'removed-filter:';

/** A filter name that is a test Ansible once accepted as a filter, and no filter of the tables. */
export function isRemovedTestFilter(name: string, tables: JinjaTables): boolean {
  const short = name.replace(/^ansible\.builtin\./, '');
  return TESTS_ONCE_FILTERS.has(short) && !tables.filters.byName.has(short);
}

/** The A2C-JINJA-REMOVED message for such a filter. */
export function removedFilterMessage(name: string): string {
  const short = name.replace(/^ansible\.builtin\./, '');
  return `'| ${name}' is the test '${short}' used as a filter, a form Ansible 2.9 removed: Ansible 2.14 fails on it (Could not load "${short}"); write 'is ${short}'`;
}

export function translateFilter(f: FilterExpr, scope: JinjaScope): Typed {
  if (isRemovedTestFilter(f.name, scope.tables))
    return untranslatable(`${REMOVED_FILTER}${f.name}`, removedFilterMessage(f.name), f.pos, undefined, 'A2C-JINJA-REMOVED');
  const found = scope.tables.filters.byName.get(f.name.replace(/^ansible\.builtin\./, ''));
  if (!found) return untranslatable(`filter:${f.name}`, `filter '${f.name}' has no translation`, f.pos);
  const { name, entry } = found;
  if (entry.untranslatable) return untranslatable(`filter:${f.name}`, entry.untranslatable, f.pos);
  const folded = fold(f, entry, scope);
  if (folded !== undefined) return folded;
  const bare = f.args.length === 0 && f.kwargs.length === 0 && !f.dynArgs && !f.dynKwargs;
  // A plugin's filter on a boolean too (`enabled | to_nice_json` is 'true' or 'false').
  if (entry.plugin && bare && entry.on_bool) {
    const operand = translateTyped(f.node, scope);
    if (operand.t === 'bool') return boolText(entry.on_bool, operand);
  }
  if (entry.plugin) {
    const plugin = FILTER_PLUGINS[entry.plugin];
    if (!plugin) throw new Error(`filters.toml names unknown plugin ${entry.plugin}`);
    return plugin(f, scope);
  }
  const keys = name === 'list' && bare ? knownKeys(f.node, scope) : undefined;
  if (keys) return keys;
  const value = dictView(f.node, name, scope) ?? translateTyped(f.node, scope);
  // `x | bool` on a boolean, `x | int` on an int: Python gives x back, so Ruby's x is the result.
  if (bare && entry.identity_on?.includes(value.t)) return value;
  // `n | bool` of an int (`x | length | bool`): Ansible's to_bool is True only for 1 (`a in ('yes',
  // 'on', '1', 'true', 1)`), so a count of 2 is False.
  if (bare && name === 'bool' && value.t === 'int') return typed({ k: 'binop', op: '==', l: value.e, r: int(1) }, 'bool');
  if (bare && entry.on_bool && value.t === 'bool') return boolText(entry.on_bool, value);
  const cased = bare ? caseOfLookupFact(name, value.e, scope.tables) : undefined;
  if (cased) return cased;
  const replaced = name === 'replace' ? literalReplace(value, f) : undefined;
  if (replaced) return replaced;
  const returns = (bare ? entry.returns_bare : undefined) ?? entry.returns ?? 'any';
  if (entry.native && bare && entry.native_on?.includes(value.t)) {
    return typed(call(value.e, entry.native), returns);
  }
  const listed = nativeOnItems(value, f, name, entry, scope);
  // A written list's extremum is one of its items: their type (native_written).
  const item = entry.native_written && value.vt?.t === 'list' ? value.vt.item : undefined;
  if (listed) return item ? { e: listed, t: item.t, vt: item, ...(item.plain ? { plain: true } : {}) } : typed(listed, returns);
  const lazy = new Set(entry.lazy_params ?? []);
  const params = entry.params ?? [];
  const args = placeArgs(name, entry, f.args, f.kwargs, f.pos).map((a, i) =>
    a === undefined ? nil : lazy.has(params[i] as string) ? lazyArg(a, scope).e : translateTyped(a, scope).e,
  );
  const call_ = J(entry.ruby as string, [value.e, ...args]);
  const items = keptItems(name, value, f);
  return items ? listResult(call_, items) : typed(call_, returns);
}

/**
 * `s | replace('.', ',')` of a str with two literal texts: Jinja's replace is Python's
 * str.replace(old, new), every occurrence left to right, which is Ruby's gsub with a String
 * pattern (taken literally; an empty one matches between every character in both). gsub reads
 * backslashes in the replacement (`\\0`, `\\&`), so only a replacement without one is written so.
 */
function literalReplace(value: Typed, f: FilterExpr): Typed | undefined {
  if (value.t !== 'str' || f.args.length !== 2 || f.kwargs.length || f.dynArgs || f.dynKwargs) return undefined;
  const [from, to] = f.args.map((a) => (a.kind === 'const' && typeof a.value === 'string' ? a.value : undefined));
  if (from === undefined || to === undefined || to.includes('\\')) return undefined;
  return typed(call(value.e, 'gsub', [str(from), str(to)]), 'str');
}

/**
 * `ansible_os_family | lower`, `ansible_distribution | upper`: a lookup fact (A2C::Facts.lookup) is
 * one of its table's values or a failed run, and on ASCII text Ruby's downcase and upcase are
 * Python's lower and upper. Any non-ASCII value in the table keeps the helper (Unicode case rules
 * are not the same in both).
 */
function caseOfLookupFact(name: string, e: RExpr, tables: JinjaTables): Typed | undefined {
  if (name !== 'lower' && name !== 'upper') return undefined;
  const isLookup =
    e.k === 'call' &&
    e.name === 'lookup' &&
    e.recv?.k === 'const' &&
    e.recv.path.join('::') === 'A2C::Facts' &&
    e.args.length === 2 &&
    e.args[1]!.k === 'str';
  if (!isLookup) return undefined;
  const fact = (e.args[1] as Extract<RExpr, { k: 'str' }>).v;
  const values = Object.values(tables.facts[fact]?.table ?? {});
  if (!values.length || !values.every((v) => /^[\x20-\x7e]*$/.test(v))) return undefined;
  const cased = values.map((v) => (name === 'lower' ? v.toLowerCase() : v.toUpperCase()));
  const out = call(e, name === 'lower' ? 'downcase' : 'upcase');
  return cased.every(isPlainText) ? { e: out, t: 'str', plain: true } : typed(out, 'str');
}

/**
 * The list type of a list filter's result where its items are the operand's (list-types.ts):
 * `list`, `unique`, `sort` keep them; `flatten` unnests one known level (`levels` unset or a
 * literal of at least 1: `levels=0` keeps the inner lists).
 */
function keptItems(name: string, value: Typed, f: FilterExpr): VarType | undefined {
  if (f.dynArgs || f.dynKwargs) return undefined;
  if (name === 'list' || name === 'unique' || name === 'sort') return sameItems(value);
  if (name !== 'flatten') return undefined;
  const levels = f.args[0] ?? f.kwargs.find((k) => k.name === 'levels')?.value;
  const ok = levels === undefined || (levels.kind === 'const' && typeof levels.value === 'number' && levels.value >= 1);
  return ok ? flattenedItems(value) : undefined;
}

/** The filter's text for a boolean (filters.toml on_bool), chosen by Ruby's ?: on the value. */
function boolText([yes, no]: readonly [string, string], value: Typed): Typed {
  const e: RExpr = { k: 'ternary', c: value.e, t: str(yes), f: str(no) };
  return isPlainText(yes) && isPlainText(no) ? { e, t: 'str', plain: true } : typed(e, 'str');
}

/** The filter of a string literal, computed now where filters.toml names a fold for it. */
function fold(f: FilterExpr, entry: FilterEntry, scope: JinjaScope): Typed | undefined {
  const fn = entry.fold === undefined ? undefined : FOLDS[entry.fold];
  if (entry.fold !== undefined && !fn) throw new Error(`filters.toml names unknown fold ${entry.fold}`);
  if (!fn || f.dynArgs || f.dynKwargs) return undefined;
  // Arguments written as literals (`comment('xml')`); a float is not sure to be the value Python has.
  const literal = (e: Expr): PyConst | undefined => (e.kind === 'const' && !e.float ? e.value : undefined);
  const args = f.args.map(literal);
  const kwargs = new Map(f.kwargs.map((k) => [k.name, literal(k.value)]));
  if (args.some((a) => a === undefined) || [...kwargs.values()].some((a) => a === undefined)) return undefined;
  // A name whose value is known text at conversion time (`ansible_managed | comment`) folds as its literal does.
  const value =
    f.node.kind === 'const' ? f.node.value : f.node.kind === 'name' ? literalString(translateTyped(f.node, scope).e) : undefined;
  if (typeof value !== 'string') return undefined;
  const r = fn(value, args as PyConst[], kwargs as Map<string, PyConst>);
  if (r === undefined) return undefined;
  return isPlainText(r) ? { e: str(r), t: 'str', plain: true } : typed(str(r), 'str');
}

/**
 * `words | join(', ')` on a list of str (or int) items with a str separator: Ruby's Array#join
 * prints those items as Python's str() does, so it is the filter's result (filters.toml native_items).
 */
function nativeOnItems(value: Typed, f: FilterExpr, name: string, entry: FilterEntry, scope: JinjaScope): RExpr | undefined {
  const item = value.vt?.t === 'list' ? value.vt.item?.t : undefined;
  if (!entry.native || !item || !entry.native_items?.includes(item) || f.dynArgs || f.dynKwargs) return undefined;
  // Ruby's Array#max of [] is nil where Jinja's filter gives undefined: only a list written with items.
  if (entry.native_written && (value.e.k !== 'array' || value.e.items.length === 0)) return undefined;
  const allowed = entry.native_params ?? [];
  const params = entry.params ?? [];
  const given = [...f.args.map((_, i) => params[i]), ...f.kwargs.map((k) => k.name)];
  if (given.some((p) => p === undefined || !allowed.includes(p))) return undefined;
  const placed = placeArgs(name, entry, f.args, f.kwargs, f.pos);
  const args = placed.map((a) => (a === undefined ? undefined : translateTyped(a, scope)));
  if (args.some((a) => a === undefined || a.t !== 'str')) return undefined;
  return call(
    value.e,
    entry.native,
    args.map((a) => a!.e),
  );
}

/** Filters that only iterate their operand, so a `d.keys()` view there is just its elements. */
const ITERATING = new Set(['list', 'sort', 'unique', 'join', 'length', 'count', 'first', 'last', 'min', 'max', 'sum', 'flatten']);

/** `d.keys() | list` and the like: the view's elements as a list, in dict order. */
export function dictView(e: Expr, filter: string, scope: JinjaScope): Typed | undefined {
  if (
    !ITERATING.has(filter) ||
    e.kind !== 'call' ||
    e.node.kind !== 'getattr' ||
    e.args.length ||
    e.kwargs.length ||
    e.dynArgs ||
    e.dynKwargs
  )
    return undefined;
  const m = e.node.attr;
  if (m !== 'keys' && m !== 'values' && m !== 'items') return undefined;
  return typed(J(`dict_${m}`, [translateTyped(e.node.node, scope).e]), 'list');
}

/**
 * `d.keys() | list` of a dict whose keys are all strings (VarType.fields: every source writes it as
 * a mapping of string keys only): Ruby's `d.keys` is a new list of the same strings in the same
 * order, so loops over it need neither the list helper nor with_items' flattening.
 */
function knownKeys(e: Expr, scope: JinjaScope): Typed | undefined {
  if (e.kind !== 'call' || e.node.kind !== 'getattr' || e.node.attr !== 'keys') return undefined;
  if (e.args.length || e.kwargs.length || e.dynArgs || e.dynKwargs) return undefined;
  const d = translateTyped(e.node.node, scope);
  if (d.vt?.t !== 'dict' || !d.vt.fields) return undefined;
  const vt: VarType = { t: 'list', item: { t: 'str' } };
  return { e: call(d.e, 'keys', [], { vt }), t: 'list', vt };
}

/**
 * Places positional and keyword arguments on the entry's parameter list, filling
 * skipped parameters with their defaults (as constant expressions; undefined = nil).
 */
export function placeArgs(
  name: string,
  entry: Pick<FilterEntry, 'params' | 'defaults' | 'nil_defaults'>,
  args: Expr[],
  kwargs: Array<{ name: string; value: Expr }>,
  pos: Pos,
): Array<Expr | undefined> {
  const params = entry.params ?? [];
  if (args.length > params.length) untranslatable(`filter:${name}`, `too many arguments for '${name}'`, pos);
  const placed: Array<Expr | undefined | 'missing'> = params.map((_, i) => args[i] ?? 'missing');
  for (const kw of kwargs) {
    const i = params.indexOf(kw.name);
    if (i < 0) untranslatable(`filter:${name}`, `argument '${kw.name}' of '${name}' is not translated`, pos);
    placed[i] = kw.value;
  }
  let last = placed.length - 1;
  while (last >= 0 && placed[last] === 'missing') last--;
  return placed.slice(0, last + 1).map((a, i) => {
    if (a !== 'missing') return a;
    const p = params[i] as string;
    if (entry.nil_defaults?.includes(p)) return undefined;
    const given = entry.defaults?.[p];
    if (given !== undefined) return constExpr(given, pos);
    return untranslatable(`filter:${name}`, `required argument '${p}' of '${name}' is missing`, pos);
  });
}

function constExpr(v: string | number | boolean, pos: Pos): Expr {
  return { kind: 'const', value: v, pos };
}
