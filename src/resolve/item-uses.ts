// How the use-contracts scan (use-scan.ts) follows the items of a list variable into the loops
// over it, for the item-field contracts (item-contracts.ts): a loop variable bound to the list's
// items (`{% for v in L %}`, a task's `loop: "{{ L }}"`, with_subelements' `item.0`), whose field
// reads `v.f` / `v['f']` are uses of "field f of L's items", named `L.f` beside the variables' names.
// Any use of L or of its items the scan does not follow (an item read whole, handed to an include,
// a computed key) leaves L's items unknown: no contract can be proved for their fields.
import type { Task } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import { containsJinja, parseString, type Expr } from '../load/jinja/index.js';
import { PY_DICT_METHOD_NAMES } from '../base/dict-methods.js';
import type { UseSite } from './use-scan.js';
import { DYNAMIC_TASK_INCLUDES, INCLUDES, ROLE_INCLUDES } from '../base/include-modules.js';

/** A loop variable's items: those of list variable `list`; `index`: with_subelements binds `item.<index>` to them. */
export interface Binding {
  list: string;
  index?: number;
}

/** What the scan records of the uses item-uses.ts recognises. */
export interface ItemUses {
  /** The loop variables bound where the scan is: one of them is an item, never a list variable. */
  readonly bound: ReadonlyMap<string, Binding>;
  /** A use of field `field` of `list`'s items: one a contract allows (its site), or another (undefined). */
  field(list: string, field: string, site: UseSite | undefined): void;
  /** `list` read as a list (iterated, counted, filtered by a field); `fit`: a loop whose variable's uses are the list's elements' (`L[]`). */
  listRead(list: string, fit?: UseSite): void;
  /** A use of `list`'s items the scan cannot follow. */
  itemsUnknown(list: string): void;
  /** A name a template's `for` binds where the scan is: the loop's value, never a list variable. */
  loopBound?(name: string): boolean;
}

const DEFAULT_FILTERS = new Set(['default', 'd', 'ansible.builtin.default']);
const DEFINED = new Set(['defined', 'undefined']);
const EQUALS = new Set(['==', 'equalto', 'eq', '!=', 'ne']);
const SELECTS = new Set(['selectattr', 'rejectattr', 'ansible.builtin.selectattr', 'ansible.builtin.rejectattr']);
/** Modules whose loop hands its variable to a template the scan reads without it (INCLUDES: to tasks). */
const TEMPLATE_MODULES = new Set(['ansible.builtin.template']);
/** Includes whose literally named file is read with the loop variable bound; the old `include` is not followed (its items stay unknown). */
const NAMED_FILE_INCLUDES: ReadonlySet<string> = new Set(['ansible.builtin.include_tasks', 'ansible.builtin.import_tasks']);

/**
 * `v.f` / `v['f']` of a bound loop variable (with_subelements: `item.0.f`): field f of its list's
 * items; `item.1` there: the sub-list's item ('elsewhere', nothing of the list's fields). A Python
 * dict method's name finds the method where the key is missing: the items are read otherwise.
 */
export function boundField(
  e: Expr,
  bound: ReadonlyMap<string, Binding>,
): { kind: 'field'; name: string } | { kind: 'elsewhere' } | undefined {
  if (e.kind !== 'getattr' && e.kind !== 'getitem') return undefined;
  const key = keyOf(e);
  if (key === undefined) return undefined;
  const item = itemOf(e.node, bound);
  if (item === 'elsewhere') return { kind: 'elsewhere' };
  if (item !== undefined) {
    if (typeof key !== 'string' || PY_DICT_METHOD_NAMES.has(key)) return undefined;
    return { kind: 'field', name: `${item}.${key}` };
  }
  // `item.1` of a with_subelements binding (the node is the bound name itself).
  if (e.node.kind === 'name') {
    const b = bound.get(e.node.name);
    if (b?.index !== undefined && typeof key === 'number' && key !== b.index) return { kind: 'elsewhere' };
  }
  return undefined;
}

/** A constant key: `x.f` / `x['f']` (a string), `x.0` / `x[0]` (a number). */
function keyOf(e: Extract<Expr, { kind: 'getattr' | 'getitem' }>): string | number | undefined {
  if (e.kind === 'getattr') return /^\d+$/.test(e.attr) ? Number(e.attr) : e.attr;
  if (e.arg.kind !== 'const') return undefined;
  return typeof e.arg.value === 'string' || (typeof e.arg.value === 'number' && Number.isInteger(e.arg.value)) ? e.arg.value : undefined;
}

/** The list whose item `e` is (`v`, or with_subelements' `item.0`); 'elsewhere' for `item.1`. */
function itemOf(e: Expr, bound: ReadonlyMap<string, Binding>): string | 'elsewhere' | undefined {
  if (e.kind === 'name') {
    const b = bound.get(e.name);
    return b && b.index === undefined ? b.list : undefined;
  }
  if ((e.kind !== 'getattr' && e.kind !== 'getitem') || e.node.kind !== 'name') return undefined;
  const b = bound.get(e.node.name);
  const key = keyOf(e);
  if (b?.index === undefined || typeof key !== 'number') return undefined;
  return key === b.index ? b.list : 'elsewhere';
}

/** The name of the items of lists `a + b` (Python's concatenation): each field use of them is one of a's and of b's (use-contracts.ts spreadConcats). */
export const CONCAT = '+';

/**
 * An expression whose items are some of list variable L's, as they are: `L`, `L | list`,
 * `L | unique`, `L | sort` (Python's sort of two dicts raises, as the translation's does),
 * `L | default([])`, `L | selectattr('f', 'defined')` (or a str/int comparison, or rejectattr), the
 * field each selectattr tests noted as its use. L, else undefined; `a + b` of two such: `a+b`, the
 * items of both.
 */
export function listSource(e: Expr, uses: ItemUses, site: (how: UseSite['how']) => UseSite): string | undefined {
  if (e.kind === 'name') {
    if (uses.bound.has(e.name) || uses.loopBound?.(e.name)) return undefined;
    uses.listRead(e.name);
    return e.name;
  }
  if (e.kind === 'binop' && e.op === '+') {
    const [a, b] = [listSource(e.left, uses, site), listSource(e.right, uses, site)];
    if (a === undefined || b === undefined) {
      for (const l of [a, b]) if (l !== undefined) uses.itemsUnknown(l);
      return undefined;
    }
    return [...new Set([...a.split(CONCAT), ...b.split(CONCAT)])].sort().join(CONCAT);
  }
  if (e.kind !== 'filter' || e.dynArgs || e.dynKwargs || e.kwargs.length > 0) return undefined;
  if ((e.name === 'list' || e.name === 'unique' || e.name === 'sort') && e.args.length === 0) return listSource(e.node, uses, site);
  if (DEFAULT_FILTERS.has(e.name) && e.args.length === 1 && e.args[0]!.kind === 'list' && e.args[0]!.items.length === 0)
    return listSource(e.node, uses, site);
  if (!SELECTS.has(e.name)) return undefined;
  const [attr, test, arg, ...more] = e.args;
  if (attr?.kind !== 'const' || typeof attr.value !== 'string' || more.length > 0) return undefined;
  const list = listSource(e.node, uses, site);
  if (list === undefined) return undefined;
  const field = attr.value;
  // A dotted attribute reads a field's own field; a method's name may find the method.
  if (field.includes('.') || PY_DICT_METHOD_NAMES.has(field)) {
    uses.itemsUnknown(list);
    return list;
  }
  const testName = test?.kind === 'const' && typeof test.value === 'string' ? test.value.replace(/^ansible\.builtin\./, '') : undefined;
  if (testName !== undefined && DEFINED.has(testName) && arg === undefined) uses.field(list, field, site('tested'));
  else if (testName !== undefined && EQUALS.has(testName) && arg?.kind === 'const' && isStrIntLiteral(arg))
    uses.field(list, field, site('compared'));
  else uses.field(list, field, undefined);
  return list;
}

function isStrIntLiteral(e: Extract<Expr, { kind: 'const' }>): boolean {
  return typeof e.value === 'string' || (typeof e.value === 'number' && Number.isInteger(e.value) && !e.float);
}

/**
 * A task's loop over a list variable: its variable, the binding, the loop's keywords, and the
 * template it renders (src as written), or `anyTemplate` where src is templated: the translator
 * chooses among the role's own templates at run time (translate/modules/files.ts templatedSource),
 * so each of them may be rendered with the loop variable bound.
 */
export interface ItemLoop {
  name: string;
  binding: Binding;
  keys: ReadonlySet<string>;
  /**
   * The template the task renders: its src as written, or 'any' for a templated src (the translator
   * renders every template of the role with the task's variables and picks one at run time).
   */
  template?: string | { any: true };
  /** The task file an include_tasks/import_tasks names literally (the scan reads its tasks with the loop variable bound). */
  include?: string;
  /**
   * The loop variable is an element of the list (`L[]`) wherever the task reads it: a loop over
   * `{{ L }}` itself, by a task that hands its variable to nothing the scan does not read with it
   * (a template, an include, a registered result).
   */
  elems?: true;
}

/**
 * `loop: "{{ L }}"`, `with_items`/`with_list` of it, or `with_subelements: ["{{ L }}", key]`
 * (item.0 is L's item; field `key` is read as a list). A loop over a list the task hands on (an
 * include, a template whose source is computed) leaves the list's items unknown.
 */
export function itemLoop(task: Task, uses: ItemUses): ItemLoop | undefined {
  const keys = [...task.keywords.keys()].filter((k) => k === 'loop' || k.startsWith('with_'));
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  const value = task.keywords.get(key)!;
  const name = loopVar(task.keywords.get('loop_control'));
  if (name === undefined) return undefined;
  const site = (how: UseSite['how']): UseSite => ({ file: value.span.file, line: value.span.line, how });
  let binding: Binding | undefined;
  if (key === 'loop' || key === 'with_items' || key === 'with_list') {
    const e = loneExpr(value);
    // `{{ L }}` of a list variable looped by a task that keeps its variable to itself: each use of the
    // variable whole is one of L's elements (`L[]`), and the loop a use a list of text or integers
    // allows (with_items' flattening changes nothing of such a list).
    if (e?.kind === 'name' && !uses.bound.has(e.name) && !uses.loopBound?.(e.name) && keepsItsVariable(task)) {
      uses.listRead(e.name, site('iterated'));
      return { name, binding: { list: e.name }, keys: new Set([key]), elems: true };
    }
    const list = e && listSource(e, uses, site);
    if (list !== undefined) binding = { list };
    else if (key === 'with_items' && value.kind === 'seq' && value.items.length > 0) binding = flattenedItems(value.items, uses, site);
  } else if (key === 'with_subelements' && value.kind === 'seq' && (value.items.length === 2 || value.items.length === 3)) {
    const e = loneExpr(value.items[0]!);
    const sub = value.items[1]!;
    const list = e && listSource(e, uses, site);
    if (list !== undefined && sub.kind === 'scalar' && typeof sub.value === 'string' && !containsJinja(sub.value)) {
      uses.field(list, sub.value, undefined);
      binding = { list, index: 0 };
    } else if (list !== undefined) uses.itemsUnknown(list);
  }
  if (!binding) return undefined;
  const keySet = new Set([key]);
  if (INCLUDES.has(task.module)) {
    // include_tasks/import_tasks of a file named literally: its tasks are read with the variable bound (use-contracts.ts).
    const file = NAMED_FILE_INCLUDES.has(task.module)
      ? literal(task.args.find((a) => a.key === 'file')?.value ?? task.freeForm)
      : undefined;
    if (file === undefined) uses.itemsUnknown(binding.list);
    return { name, binding, keys: keySet, ...(file !== undefined ? { include: file } : {}) };
  }
  if (!TEMPLATE_MODULES.has(task.module)) return { name, binding, keys: keySet };
  const src = task.args.find((a) => a.key === 'src')?.value;
  const text = literal(src);
  return { name, binding, keys: keySet, template: text ?? { any: true } };
}

/** A task whose loop variable the scan sees every use of: no include, template or registered result hands it on. */
function keepsItsVariable(task: Task): boolean {
  return !INCLUDES.has(task.module) && !TEMPLATE_MODULES.has(task.module) && !HANDS_ON.has(task.module) && !task.keywords.has('register');
}

/** Modules that hand the task's variables to what the scan does not read with them: role includes. */
const HANDS_ON: ReadonlySet<string> = new Set([...ROLE_INCLUDES, ...DYNAMIC_TASK_INCLUDES]);

/** A plain string of the input's YAML with no Jinja in it. */
function literal(v: YNode | undefined): string | undefined {
  return v?.kind === 'scalar' && typeof v.value === 'string' && !v.unsafe && !containsJinja(v.value) ? v.value : undefined;
}

/**
 * `with_items: ["{{ a }}", "{{ b + c }}"]`: Ansible's items lookup flattens its terms one level, so
 * the loop runs over the items of each list in turn (of a list each item of which is a dict, as the
 * item contracts check). A term that is not such a list leaves the lists' items unknown.
 */
function flattenedItems(terms: readonly YNode[], uses: ItemUses, site: (how: UseSite['how']) => UseSite): Binding | undefined {
  const lists: string[] = [];
  for (const t of terms) {
    const e = loneExpr(t);
    const list = e && listSource(e, uses, site);
    if (list === undefined) {
      for (const l of lists) uses.itemsUnknown(l);
      return undefined;
    }
    lists.push(list);
  }
  return { list: [...new Set(lists.flatMap((l) => l.split(CONCAT)))].sort().join(CONCAT) };
}

/** loop_control's loop_var (item by default); undefined where it is not a plain name. */
function loopVar(control: YNode | undefined): string | undefined {
  if (!control) return 'item';
  if (control.kind !== 'map') return undefined;
  const entry = control.entries.find((e) => e.key.kind === 'scalar' && e.key.value === 'loop_var');
  if (!entry) return 'item';
  const v = entry.value;
  return v.kind === 'scalar' && typeof v.value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v.value) ? v.value : undefined;
}

/** `"{{ expr }}"` alone: the expression. */
function loneExpr(v: YNode): Expr | undefined {
  if (v.kind !== 'scalar' || typeof v.value !== 'string' || v.unsafe) return undefined;
  const p = parseString(v.value);
  if (!p.ok || p.value.length !== 1 || p.value[0]!.kind !== 'output') return undefined;
  return p.value[0]!.expr;
}
