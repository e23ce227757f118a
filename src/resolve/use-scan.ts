// The scan of every use of the input's variables that the contracts inferred from use rest on
// (use-contracts.ts): each name read by the Jinja of a task, variable file or template, with how its
// surroundings read it (printed, interpolated, handed on whole, truth-tested, compared, a default()'s
// input, a boolean filter's input), and the names a use makes unfit for any contract (bound by a task
// or template, registered, read in a way the scan cannot see). Through the loop variables item-uses.ts
// follows, a field read `v.f` of a list L's item is a use named `L.f`, judged as a name's use is
// (item-contracts.ts gives such fields text-or-integer contracts only). A loop variable over a list
// (a variable, or an item's field `v.f`) is also bound to its elements: its uses are those of the
// name `L[]`, and the list's own uses that fit a list of text or integers (iterated there, joined)
// are noted apart (listFit), so a list only iterated with each element printed, or joined, gets the
// contract `list[str|int]` (use-contracts.ts).
import type { Span } from '../base/diagnostics.js';
import type { TaskItem } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import {
  ANSIBLE_JINJA_SETTINGS,
  applyWhitespace,
  containsJinja,
  parseExpression,
  parseString,
  parseTemplate,
  type Expr,
  type JinjaSettings,
  type Node,
} from '../load/jinja/index.js';
import { boundField, itemLoop, listSource, type Binding, type ItemUses } from './item-uses.js';
import type { RequiredGuards } from './required-guards.js';
import { DYNAMIC_TASK_INCLUDES, ROLE_INCLUDES } from '../base/include-modules.js';

/** Keywords whose strings are bare Jinja expressions (Ansible wraps them in `{% if %}`). */
export const CONDITION_KEYWORDS: ReadonlySet<string> = new Set(['when', 'failed_when', 'changed_when', 'until']);
/** Module arguments that are bare expressions: debug's var (printed as its repr), assert's that. */
export const EXPRESSION_ARGS: ReadonlyMap<string, string> = new Map([
  ['ansible.builtin.debug', 'var'],
  ['ansible.builtin.assert', 'that'],
]);
const DEFAULT_FILTERS = new Set(['default', 'd', 'ansible.builtin.default']);
const LIST_TESTS = new Set(['iterable', 'sequence', 'ansible.builtin.iterable', 'ansible.builtin.sequence']);
const JOIN_FILTERS = new Set(['join', 'ansible.builtin.join']);
const LONE_NAME = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
/** Includes of task files whose loop binds a loop_var for the included tasks (project-symbols.ts includeLoopVariables). */
const DEFINED_TESTS = new Set(['defined', 'undefined', 'ansible.builtin.defined', 'ansible.builtin.undefined']);
/** Filters that read their input as a boolean (Python's bool(), or Ansible's `| bool`). */
const BOOLEAN_FILTERS = new Set(['bool', 'ansible.builtin.bool', 'ternary', 'ansible.builtin.ternary']);
/**
 * `x | int`: Jinja's int filter gives 80 for '80' and for 80 (the helper keeps Python's conversion of
 * any other text); `x | string`: '80' for both. Measured with ansible-core 2.14 (item-contracts tests).
 */
const INT_FILTERS = new Set(['int', 'ansible.builtin.int']);
const STRING_FILTERS = new Set(['string', 'ansible.builtin.string']);
const isLiteral = (e: Expr): e is Expr & { kind: 'list' | 'tuple' | 'dict' } =>
  e.kind === 'list' || e.kind === 'tuple' || e.kind === 'dict';
/** The name a template's local stands for in the scan's maps: never a variable's (a NUL is in no name). */
const localName = (name: string, file: string): string => `\0${name}@${file}`;
export const isLocalName = (name: string): boolean => name.startsWith('\0');

/** Adds a use to a name's list (good() is called for most uses: no closure made per call). */
function pushSite(map: Map<string, UseSite[]>, name: string, site: UseSite): void {
  const list = map.get(name);
  if (list) list.push(site);
  else map.set(name, [site]);
}

/** The name of the values of a dict field iterated with `.items()`/`.values()`: `L.f\0*` (their fields `L.f\0*.g`). */
export const dictValues = (field: string): string => `${field}\0*`;

/** Whether a YAML string is a bare Jinja expression: no, yes, or yes and a condition (truth-tested). */
export type Expression = boolean | 'cond';

/** How Ansible renders a variable's string: its settings, the trailing newline kept (made once, not per string). */
const STRING_SETTINGS: JinjaSettings = { ...ANSIBLE_JINJA_SETTINGS, keepTrailingNewline: true };
export const conditionOf = (keyword: string): Expression => (CONDITION_KEYWORDS.has(keyword) ? 'cond' : false);

/** Where the use that a name is printed or compared at was found, for the report. */
export interface UseSite {
  file: string;
  line: number;
  how:
    | 'printed'
    | 'interpolated'
    | 'compared'
    | 'tested'
    | 'default'
    | 'aliased'
    | 'stored'
    | 'filtered'
    | 'truth-tested'
    | 'passed'
    | 'iterated'
    | 'joined'
    | 'converted'
    | 'counted';
  /** The template local the use reads the value through (`{% set port = s.port %}` ... `{{ port }}`). */
  via?: string;
}

/** The contracts a use admits: text-or-integer or not, and for a boolean no, yes, or yes and says it is one. */
interface Fits {
  strint: boolean;
  bool: 'no' | 'yes' | 'evidence';
}

/** What most uses fit (good()'s default): one object, never changed. */
const STRINT_ONLY: Readonly<Fits> = { strint: true, bool: 'no' };

/**
 * How a use's surroundings read the value: printed into a template, interpolated into text with
 * other text, the whole of a string (handed on whole: a module argument, another variable), a truth
 * test (a condition, `not`'s operand), or anything else (an operand, a filter's input).
 */
type Ctx = 'print' | 'text' | 'lone' | 'cond' | 'other';

/**
 * `x | default(y)`: what it admits depends on y's type, which may rest on contracts inferred from
 * other uses (`default(z)` of a z set to `"{{ w | default(True) }}"`): decided once those are known.
 */
export interface DefaultUse {
  name: string;
  site: UseSite;
  /** Printed, interpolated or rendered alone: text-or-integer where y hints text. */
  text: boolean;
  fallback: Expr;
  /** y is a field of a loop's item (`v.g`): text-or-integer where that field's contract is (use-contracts.ts itemFields). */
  fallbackField?: string;
}

/** How a name read in each context is used (UseSite.how): one table, not an object per name read. */
const HOW_IN: Readonly<Record<Ctx, UseSite['how']>> = {
  print: 'printed',
  text: 'interpolated',
  lone: 'passed',
  cond: 'truth-tested',
  other: 'passed',
};

export class UseScan implements ItemUses {
  constructor(
    /** The roles of the input: an include of another is a TODO (A2C-MISSING-ROLE) that reads nothing. */
    private readonly roles?: ReadonlySet<string>,
    /**
     * Dict variables every source sets to `{}` (the empty-dict rule, item-contracts.ts): bound
     * everywhere as a list's loop variable is to one item, so `d.f` is a use named `d.f` judged as an
     * item's field is, and `d` read whole leaves its fields unknown. A loop variable or a template's
     * set of the same name hides it where it is bound.
     */
    roots: readonly string[] = [],
  ) {
    this.roots = new Map(roots.map((n) => [n, { list: n }]));
    this.rootBindings = new Set(this.roots.values());
    this._bound = new Map(this.roots);
  }

  private readonly roots: ReadonlyMap<string, Binding>;
  private readonly rootBindings: ReadonlySet<Binding>;
  private _bound: Map<string, Binding>;
  /** Loop variables bound to the items of a list variable (item-uses.ts), where the scan is, beside the empty dicts' roots. */
  get bound(): Map<string, Binding> {
    return this._bound;
  }
  set bound(m: Map<string, Binding>) {
    this._bound = this.roots.size > 0 ? new Map([...this.roots, ...m]) : m;
  }
  /** Whether a loop (not only the empty dicts' roots) binds a variable where the scan is. */
  private get looping(): boolean {
    // Asked for every task item: no list of the bindings made for it.
    for (const b of this._bound.values()) if (!this.rootBindings.has(b)) return true;
    return false;
  }

  /**
   * The bindings a task's loop gives the template it renders (readBoundTemplates): Ansible hands the
   * loop variable to the template as one of its variables, which a `{% block %}` sees as the
   * template's top level does (the translator inlines the block there), unlike a `{% for %}`'s.
   */
  templateVars: ReadonlySet<Binding> = new Set();

  /** Whether a `{% for %}` of the template being read binds a variable where the scan is. */
  private get loopingInTemplate(): boolean {
    return this.loopBindings().some((b) => !this.templateVars.has(b));
  }

  /**
   * The bindings of loop variables where the scan is. Not the empty dicts' roots: a template a lookup
   * renders or an include names is read on its own with them bound (a role's template), or is outside the input.
   */
  private loopBindings(): Binding[] {
    return [...this._bound.values()].filter((b) => !this.rootBindings.has(b));
  }

  /** Uses that fit text-or-integer, by name (and item field, `L.f`: item-uses.ts). */
  readonly ok = new Map<string, UseSite[]>();
  /** Uses that fit no contract. */
  readonly bad = new Set<string>();
  /** Names read otherwise than as a loop's list, its length or in an `is defined` test: their items may be read unseen. */
  readonly whole = new Set<string>();
  /** Loop variables bound to the elements of a list (a variable `L` or an item's field `L.f`): their uses are `<list>[]`'s. */
  elems = new Map<string, string>();
  /**
   * A template's locals that stand for a list where the scan is: `{% set a = s.f | default([]) %}`, the
   * template's only set of `a`, makes a loop over `a` (or its join) a use of `s.f`'s elements. Scoped as
   * Jinja scopes the set (a loop or macro body's own); shadowed by any other binding of the name.
   */
  private listLocals = new Map<string, { name: string; variable: boolean }>();
  /** The names the template being read sets exactly once (setTargets). */
  private setOnce = new Set<string>();
  /** Uses of a list (a variable or an item's field) that fit a list of text or integers: iterated (its elements' uses are `<list>[]`'s), joined. */
  readonly listFit = new Map<string, UseSite[]>();
  /** Names a use of which does not fit a list of text or integers. */
  readonly notList = new Set<string>();
  /** List variables whose items some use may read otherwise than by a field read the scan sees. */
  readonly listUnknown = new Set<string>();
  /** List variables a loop iterates, where its variable's field reads are seen. */
  readonly looped = new Set<string>();
  /**
   * Templates a task renders in a loop over a list variable (`src` as written, the task), or a
   * template includes (`file`) where loop variables are bound: read again with them bound.
   */
  readonly boundTemplates: Array<{
    item?: TaskItem;
    /** As written; `any` for a templated src: every template of the task's role. */
    src?: string | { any: true };
    file?: string;
    bound: ReadonlyMap<string, Binding>;
    /** The including template's locals, which the included one sees. */
    locals?: { names: ReadonlyMap<string, string>; sources: Map<string, Set<string>> };
  }> = [];
  /** Task files an include_tasks/import_tasks names (as written) where loop variables are bound: read again with them bound. */
  readonly boundIncludes: Array<{ item: TaskItem; file: string; bound: ReadonlyMap<string, Binding> }> = [];
  /** The template being read, for the includes it names. */
  private file?: string;
  /** Names a use of which does not fit text-or-integer, or does not fit a boolean. */
  readonly notStrInt = new Set<string>();
  readonly notBool = new Set<string>();
  /** Uses that fit a boolean, by name. */
  readonly boolOk = new Map<string, UseSite[]>();
  readonly defaults: DefaultUse[] = [];
  /** `y: "{{ x }}"` (a variable definition that is x whole): x -> y, whose uses are x's too. */
  readonly aliases = new Map<string, Array<{ to: string; site: UseSite }>>();
  /**
   * The names the `set` tags of the template being read assign (and those of the template including
   * it), each to its local's name (localName): every use of the name anywhere in the template is a
   * use of the local, whatever the order or scope (Jinja's macros see a later top-level set), so the
   * local's uses are at least all those of the value it was set to.
   */
  private locals = new Map<string, string>();
  /**
   * A local -> the names whose value a `set` gives it whole: a variable, an item's field (`{% set a =
   * v.f | default('x') %}`, in either branch of an if), another local. Its uses are theirs (fold()).
   */
  private readonly localSources = new Map<string, Set<string>>();
  /**
   * A local -> the default() uses its `set` makes of the names it is set to (`{% set a = v.f |
   * default('x') %}`): uses of v.f only where a is read (fold()), as a's value is v.f's only there.
   */
  private readonly localDefaults = new Map<string, DefaultUse[]>();
  /** Locals some use reads (or that a template the scan does not read here may read): fold() keeps their set's defaults. */
  private readonly readLocals = new Set<string>();
  /** Set while a `set`'s value is read as an alias (aliasOf): naming a local there is no read of it. */
  private aliasing = false;
  /** Names a template or task binds (set, loop targets, macro parameters...): never variables of the input's. */
  readonly templateNames = new Set<string>();
  /** A name's first use that fits no text-or-integer contract (the report says why a field keeps the helpers). */
  readonly misfit = new Map<string, UseSite>();
  /**
   * Names some expression reads a field of (`x.f`, `x['f']`) or sets a template's local to whole
   * (`{% set a = x %}`): bound as roots, only these can be read through their fields alone (the
   * unset-dict rule, use-contracts.ts), every field name `x.…` a root gives coming from one of them.
   */
  readonly fieldBases = new Set<string>();
  /** Item fields iterated as dicts (`{% for k, v in s.f.items() %}`), with the loops' sites: their values bound as `L.f\0*`. */
  readonly dictLooped = new Map<string, UseSite[]>();

  /**
   * The guards of required inputs (required-guards.ts): where a task is read, the variables they
   * prove neither undefined nor None there, whose None tests are then neutral uses.
   */
  guards?: RequiredGuards;
  /** The variables the guards prove not None where the scan is (the task being read). */
  private notNone: ReadonlySet<string> = new Set();
  /** Set while a variable definition's data (not a lone `"{{ x }}"` of its own: an alias) is read. */
  private inData = false;

  /** A variable definition's value: an alias of another variable, or strings to scan. */
  definition(name: string, value: YNode): void {
    const alias =
      value.kind === 'scalar' && typeof value.value === 'string' && !value.unsafe ? LONE_NAME.exec(value.value)?.[1] : undefined;
    if (alias === undefined) {
      this.inData = true;
      try {
        return this.yaml(value);
      } finally {
        this.inData = false;
      }
    }
    const list = this.aliases.get(alias) ?? [];
    list.push({ to: name, site: { file: value.span.file, line: value.span.line, how: 'aliased' } });
    this.aliases.set(alias, list);
  }

  /** A name used in a way the scan does not follow (neither a contract's use nor an item-field read). */
  private unknown(name: string): void {
    this.bad.add(name);
    this.notList.add(name);
    this.whole.add(name);
  }

  /** A use of `L`'s items the scan cannot follow. */
  itemsUnknown(list: string): void {
    this.listUnknown.add(list);
  }

  /** A field use of the items of list `L` (item-uses.ts): `L.f` is good or bad as a name is. */
  field(list: string, field: string, site: UseSite | undefined): void {
    if (site) this.good(`${list}.${field}`, site);
    else {
      this.bad.add(`${list}.${field}`);
      this.notList.add(`${list}.${field}`);
    }
  }

  /**
   * `L` read as a list: not text (no contract of its own), its items read only where the scan follows;
   * `fit`: a use a list of text or integers allows (a loop whose variable's uses are `L[]`'s).
   */
  listRead(list: string, fit?: UseSite): void {
    // A loop variable over a list's elements read as a list (`{% for w in v %}`): those elements are not text.
    const elems = this.elems.get(list);
    if (elems !== undefined) this.unknownElems(elems);
    this.bad.add(list);
    // A template's local iterated: the value it was set to is read as a list (no list contract through it, unless listLocals says which list it is).
    const local = this.locals.get(list);
    if (local !== undefined) this.localUnknown(local);
    if (fit) this.listUse(list, fit);
    else this.notList.add(list);
  }

  /** A use of list `name` (a variable, or an item's field `L.f`) that a list of text or integers allows: never text, nor a boolean. */
  private listUse(name: string, site: UseSite): void {
    this.listFit.set(name, [...(this.listFit.get(name) ?? []), site]);
    this.notStrInt.add(name);
    this.notBool.add(name);
  }

  /**
   * A list whose elements a use may read as a list of text or integers does: a variable that is
   * neither a loop variable nor a local (`L`), or a bound loop variable's field (`v.f`, `L.f`).
   */
  private listName(e: Expr): { name: string; variable: boolean } | undefined {
    // `L | list`, `L | default([])`: L's elements, or none.
    if (e.kind === 'filter' && !e.dynArgs && !e.dynKwargs && e.kwargs.length === 0) {
      const [arg, ...more] = e.args;
      const emptyList = arg?.kind === 'list' && arg.items.length === 0 && more.length === 0;
      if ((e.name === 'list' && !arg) || (DEFAULT_FILTERS.has(e.name) && emptyList)) return this.listName(e.node);
    }
    // A template's local (`{% set %}`): read as its own uses say (listRead), never a list contract's,
    // unless its one set gives it a list's value whole (listLocals).
    if (e.kind === 'name') {
      if (this.bound.has(e.name) || this.elems.has(e.name)) return undefined;
      if (this.locals.has(e.name)) return this.listLocals.get(e.name);
      return { name: e.name, variable: true };
    }
    const f = this.bound.size > 0 ? boundField(e, this.bound) : undefined;
    return f?.kind === 'field' ? { name: f.name, variable: false } : undefined;
  }

  /** `x`, or `v.f` of a bound loop variable as its field's name `L.f`; a bound loop variable read whole leaves its list's items unknown. */
  private nameOf(e: Expr): string | undefined {
    if (e.kind === 'name') {
      const b = this.bound.get(e.name);
      if (b) this.listUnknown.add(b.list);
      // A loop variable over a list's elements (bound to its items too): a use of `L[]` (use-contracts.ts scalarLists).
      const list = this.elems.get(e.name);
      if (list !== undefined) return `${list}[]`;
      if (b) return e.name;
      const local = this.locals.get(e.name);
      if (local !== undefined && !this.aliasing) this.readLocals.add(local);
      return local ?? e.name;
    }
    const f = this.bound.size > 0 ? boundField(e, this.bound) : undefined;
    // `v.f` of a loop variable over a list's elements: they are dicts, not text.
    if (f?.kind === 'field' && (e.kind === 'getattr' || e.kind === 'getitem') && e.node.kind === 'name') {
      const elems = this.elems.get(e.node.name);
      if (elems !== undefined) this.unknownElems(elems);
    }
    return f?.kind === 'field' ? f.name : undefined;
  }

  private good(name: string, site: UseSite, fits: Fits = STRINT_ONLY): void {
    if (fits.strint) pushSite(this.ok, name, site);
    else {
      this.notStrInt.add(name);
      if (!this.misfit.has(name)) this.misfit.set(name, site);
    }
    // Only `is defined` and a truth test (Python's: not empty) read a list as a list of text or integers may be read.
    if (site.how !== 'tested' && site.how !== 'truth-tested' && site.how !== 'counted') this.notList.add(name);
    if (fits.bool === 'no') this.notBool.add(name);
    else pushSite(this.boolOk, name, site);
  }

  /** A name read by `e` in context `ctx`, or `e`'s own names visited as other uses. */
  expr(e: Expr, ctx: Ctx, at: (how: UseSite['how']) => UseSite): void {
    if ((e.kind === 'getattr' || (e.kind === 'getitem' && e.arg.kind === 'const')) && e.node.kind === 'name')
      this.fieldBases.add(e.node.name);
    // `item.1` of a with_subelements loop over a list: the sub-list's item, none of the list's fields.
    if (this.bound.size > 0 && boundField(e, this.bound)?.kind === 'elsewhere') return;
    // `L | join(sep)` (sep a str literal, or none): Array#join prints text and integers as Python's str() does.
    if (e.kind === 'filter' && JOIN_FILTERS.has(e.name) && !e.dynArgs && !e.dynKwargs && e.kwargs.length === 0) {
      const sep = e.args[0];
      const lists =
        e.args.length <= 1 && (!sep || (sep.kind === 'const' && typeof sep.value === 'string')) ? this.joinedLists(e.node) : undefined;
      if (lists) {
        for (const l of lists) {
          this.whole.add(l.name);
          if (l.variable) this.bad.add(l.name);
          this.listUse(l.name, at('joined'));
        }
        return;
      }
    }
    // `when: x | default()` is a truth test of x where defined (below), not a default's use.
    const fallback = defaultOf(e, (x) => this.nameOf(x), ctx !== 'cond');
    const own = fallback ? undefined : this.nameOf(e);
    if (own !== undefined || fallback) {
      const name = own ?? fallback!.name;
      // A truth test (Python's: not empty, for a list) reads none of the items.
      if (ctx !== 'cond') this.whole.add(name);
      // `"{{ x | default(omit) }}"` alone: the argument is x's value or left out, and the module reads
      // that value (a boolean stays one for a boolean argument): a use of x handed on whole, as `{{ x }}`.
      const omitted = ctx === 'lone' && fallback?.value.kind === 'name' && fallback.value.name === 'omit';
      // `"{{ x | default(y) }}"` alone renders to text too (only `{{ name }}` alone keeps its value).
      // `when: L | default('')`: a truth test of L where defined.
      if (fallback && !omitted && ctx !== 'cond') this.notList.add(name);
      if (fallback && !omitted)
        this.defaults.push(this.defaultUse(name, at('default'), ctx === 'print' || ctx === 'text' || ctx === 'lone', fallback.value));
      // A name printed, interpolated, handed on or truth-tested reads a boolean as Python does.
      // A truth test reads a str or int as Python does where the translator prints it with Python's
      // truth (A2C::Jinja.truthy: '' and 0 false, '0' true): neutral for text-or-integer, as `is
      // defined` is (use-contracts.ts: no contract rests on truth tests alone).
      const strint = ctx === 'print' || ctx === 'text' || ctx === 'cond';
      const bool: Fits['bool'] = ctx === 'other' ? 'no' : 'yes';
      // `{ password: "{{ x }}" }` inside a variable's data: the element is x's value itself (ansible-core
      // 2.14 keeps an int an int; text becomes a list, dict or boolean only where it begins with `[`
      // or `{` or is 'True'/'False', which no contract admits), read wherever the data is, under the
      // data's own type: handed on whole as an alias is, neutral for a contract (not valued).
      if (!fallback && ctx === 'lone' && this.inData) this.good(name, at('stored'), { strint: true, bool: 'yes' });
      else if (!fallback || omitted) this.good(name, at(HOW_IN[ctx]), { strint, bool });
      // The fallback is printed where x would be (alone, rendered to text).
      else this.expr(fallback.value, ctx === 'lone' ? 'text' : ctx, at);
      return;
    }
    // `{% if L | selectattr('f', 'defined') | list | default() %}`: whether a list of L's items is
    // empty, none of their fields read but the one selectattr tests (listSource notes it).
    if (ctx === 'cond') {
      const bare =
        e.kind === 'filter' && DEFAULT_FILTERS.has(e.name) && e.args.length === 0 && e.kwargs.length === 0 && !e.dynArgs && !e.dynKwargs;
      const inner = bare ? e.node : e;
      if (inner.kind === 'filter' && !DEFAULT_FILTERS.has(inner.name)) {
        const list = listSource(inner, this, at);
        if (list !== undefined) return this.listRead(list);
      }
    }
    // `when: L | default()` (no fallback: Jinja's ''): a truth test of L where defined; none of the other contracts.
    if (
      ctx === 'cond' &&
      e.kind === 'filter' &&
      DEFAULT_FILTERS.has(e.name) &&
      e.args.length === 0 &&
      e.kwargs.length === 0 &&
      !e.dynArgs &&
      !e.dynKwargs
    ) {
      const name = this.nameOf(e.node);
      if (name !== undefined) return this.good(name, at('truth-tested'), { strint: false, bool: 'no' });
    }
    // `a.b | default(y)` of an expression that is not a name: y is printed where the value would be.
    if (e.kind === 'filter' && DEFAULT_FILTERS.has(e.name) && e.args.length === 1 && e.kwargs.length === 0 && !e.dynArgs && !e.dynKwargs) {
      this.expr(e.node, 'other', at);
      this.expr(e.args[0]!, ctx === 'lone' ? 'text' : ctx, at);
      return;
    }
    // `x | bool`, `x | ternary(a, b)`: x is read as a boolean (an item's field `v.f` too: no text-or-integer contract).
    const boolInput = e.kind === 'filter' && BOOLEAN_FILTERS.has(e.name) && !e.dynArgs && !e.dynKwargs ? this.nameOf(e.node) : undefined;
    if (boolInput !== undefined) {
      this.whole.add(boolInput);
      this.good(boolInput, at('filtered'), { strint: false, bool: 'evidence' });
      for (const c of children(e).slice(1)) this.expr(c, 'other', at);
      return;
    }
    // `x | int`, `x | default(80) | int`: the same number for '80' and 80 (no boolean contract: True | int is 1).
    if (e.kind === 'filter' && INT_FILTERS.has(e.name) && !e.dynArgs && !e.dynKwargs) {
      const name = plainOperand(e.node, (x) => this.nameOf(x));
      if (name !== undefined) {
        this.whole.add(name);
        this.good(name, at('converted'), { strint: true, bool: 'no' });
        for (const c of children(e).slice(1)) this.expr(c, 'other', at);
        return;
      }
    }
    // `x | string` is x made text, as `~` does.
    if (e.kind === 'filter' && STRING_FILTERS.has(e.name) && e.args.length === 0 && e.kwargs.length === 0 && !e.dynArgs && !e.dynKwargs)
      return this.expr(e.node, 'text', at);
    // Python's truth test of a condition's operands (and/or give an operand back elsewhere: `x or 'd'` is text's idiom).
    if ((e.kind === 'unary' && e.op === 'not') || (ctx === 'cond' && e.kind === 'binop' && (e.op === 'and' || e.op === 'or'))) {
      for (const c of children(e)) this.expr(c, 'cond', at);
      return;
    }
    if (e.kind === 'condexpr') {
      this.expr(e.test, 'cond', at);
      for (const c of [e.then, ...(e.otherwise ? [e.otherwise] : [])]) this.expr(c, 'other', at);
      return;
    }
    if (e.kind === 'binop' && (e.op === '==' || e.op === '!=')) {
      // `d != {}` of an empty dict's root: whether the outside gave it keys, none of its fields read
      // (Python's dict equality and Ruby's Hash#== agree on an empty one).
      if ([e.left, e.right].some((x) => this.isRoot(x)) && [e.left, e.right].some((x) => x.kind === 'dict' && x.pairs.length === 0)) return;
      const [l, r] = [plainOperand(e.left, (x) => this.nameOf(x)), plainOperand(e.right, (x) => this.nameOf(x))];
      if (l !== undefined && isStrIntConst(e.right)) return this.compared(l, at);
      if (r !== undefined && isStrIntConst(e.left)) return this.compared(r, at);
      // `x | default(y) == 'lit'`: x or y compared; text-or-integer where y is (decided with the defaults).
      for (const [side, lit] of [
        [e.left, e.right],
        [e.right, e.left],
      ] as const) {
        const fb = isStrIntConst(lit) ? defaultOf(side, (x) => this.nameOf(x)) : undefined;
        if (!fb || (fb.value.kind === 'name' && fb.value.name === 'omit')) continue;
        this.whole.add(fb.name);
        this.notList.add(fb.name);
        this.defaults.push(this.defaultUse(fb.name, at('compared'), true, fb.value));
        const other = plainOperand(fb.value, (x) => this.nameOf(x));
        if (other !== undefined) this.compared(other, at);
        else this.expr(fb.value, 'other', at);
        return;
      }
    }
    // `L | length`, `L | selectattr('f', 'defined') | length`: how many items, none of their fields.
    if (e.kind === 'filter' && (e.name === 'length' || e.name === 'count') && e.args.length === 0 && e.kwargs.length === 0) {
      const list = listSource(e.node, this, at);
      if (list !== undefined) return this.listRead(list);
      // `v.f | length` (`v.f | default([]) | length`) of an item's field: Python's len() and the
      // helper's length agree on text (code points), a list and a dict, and both fail on an int, a
      // boolean or None. It says nothing of the field's type (as `is defined` does not): neutral for
      // text-or-integer and a list, never a boolean. A variable counted stays read as a list (above).
      const field = this.listName(e.node);
      if (field?.variable === false) return this.good(field.name, at('counted'), { strint: true, bool: 'no' });
    }
    // `L | map(attribute='f')`: the values of field f, used as the scan does not follow.
    if (e.kind === 'filter' && e.name === 'map' && e.args.length === 0 && e.kwargs.length === 1 && e.kwargs[0]!.name === 'attribute') {
      const attr = e.kwargs[0]!.value;
      const list = attr.kind === 'const' && typeof attr.value === 'string' ? listSource(e.node, this, at) : undefined;
      if (list !== undefined) {
        this.bad.add(list);
        this.bad.add(`${list}.${(attr as { value: string }).value}`);
        this.notList.add(`${list}.${(attr as { value: string }).value}`);
        return;
      }
    }
    // A lookup or query run inside a loop may template a file that reads the loop variable.
    if (e.kind === 'call' && e.node.kind === 'name' && ['lookup', 'query', 'q'].includes(e.node.name)) {
      for (const b of this.loopBindings()) this.listUnknown.add(b.list);
      for (const l of this.elems.values()) this.unknownElems(l);
    }
    // `~` makes text of both operands, the same text for a str and an int.
    if (e.kind === 'binop' && e.op === '~') {
      this.expr(e.left, 'text', at);
      this.expr(e.right, 'text', at);
      return;
    }
    // `L is iterable` / `is sequence`: true of every list, so of every list of text or integers.
    if (e.kind === 'test' && LIST_TESTS.has(e.name) && e.args.length === 0 && e.kwargs.length === 0) {
      const list = this.listName(e.node);
      if (list !== undefined) {
        if (list.variable) this.bad.add(list.name);
        return this.listUse(list.name, at('tested'));
      }
    }
    if (e.kind === 'test' && DEFINED_TESTS.has(e.name) && e.args.length === 0 && e.kwargs.length === 0) {
      const name = this.nameOf(e.node);
      if (name !== undefined) return this.good(name, at('tested'), { strint: true, bool: 'yes' });
    }
    // `x is none`, `x == None` of a variable a guard proves neither undefined nor None here: false for
    // every value the host runs with (required-guards.ts), neutral as `is defined` is.
    const none = this.notNone.size > 0 ? noneTested(e) : undefined;
    if (none !== undefined && this.notNone.has(none) && !this.bound.has(none) && !this.elems.has(none))
      return this.good(none, at('tested'), { strint: true, bool: 'yes' });
    if (this.inData && isLiteral(e)) return this.literal(e, at);
    for (const child of children(e)) this.expr(child, 'other', at);
  }

  /**
   * `[x]`, `{'ip': [x]}` written in a variable's Jinja (os_cinder's `default({'ip':
   * [management_address]})`): the element is x's value itself in Python's list and dict and in
   * Ruby's Array and Hash alike, read wherever the literal is under the literal's own type. Handed on
   * whole, as the same element written in the variable's YAML data is (definition above): a stored
   * use, neutral for a contract. A dict's keys, and an element that is not a bare name, are other uses.
   */
  private literal(e: Expr & { kind: 'list' | 'tuple' | 'dict' }, at: (how: UseSite['how']) => UseSite): void {
    const elements = e.kind === 'dict' ? e.pairs.map((p) => p.value) : e.items;
    if (e.kind === 'dict') for (const p of e.pairs) this.expr(p.key, 'other', at);
    for (const x of elements) {
      if (isLiteral(x)) {
        this.literal(x, at);
        continue;
      }
      const name = x.kind === 'name' ? this.nameOf(x) : undefined;
      if (name === undefined) {
        this.expr(x, 'other', at);
        continue;
      }
      this.whole.add(name);
      this.good(name, at('stored'), { strint: true, bool: 'yes' });
    }
  }

  /** The lists `L`, `a + b` (Python's concatenation: the elements of both) joins: each a list of text or integers if every use allows it. */
  private joinedLists(e: Expr): Array<{ name: string; variable: boolean }> | undefined {
    if (e.kind === 'binop' && e.op === '+') {
      const [l, r] = [this.joinedLists(e.left), this.joinedLists(e.right)];
      return l && r ? [...l, ...r] : undefined;
    }
    const one = this.listName(e);
    return one ? [one] : undefined;
  }

  /**
   * An include loop's loop_var that is a root (project-symbols.ts includeLoopVariables): the
   * included file's own recipe reads it from outside, so its uses there are the contract's.
   */
  private includeRoot(item: TaskItem, key: YNode, name: string): boolean {
    return (
      item.kind === 'task' &&
      DYNAMIC_TASK_INCLUDES.has(item.module) &&
      key.kind === 'scalar' &&
      key.value === 'loop_var' &&
      this.roots.has(name)
    );
  }

  /** The name of an empty dict's root, where no loop or set hides it. */
  private isRoot(e: Expr): boolean {
    return e.kind === 'name' && this.rootBindings.has(this.bound.get(e.name)!);
  }

  private compared(name: string, at: (how: UseSite['how']) => UseSite): void {
    this.whole.add(name);
    this.good(name, at('compared'));
  }

  /** Template nodes: outputs are `ctx`, statement expressions other uses; names a template binds are never contracts. */
  nodes(list: readonly Node[], ctx: Ctx, at: (pos: { line: number }) => (how: UseSite['how']) => UseSite): void {
    for (const n of list) {
      // A set inside a macro, call, filter, with or other block body is that body's own in Jinja.
      const block =
        n.kind === 'macro' ||
        n.kind === 'callblock' ||
        n.kind === 'filterblock' ||
        n.kind === 'with' ||
        n.kind === 'setblock' ||
        n.kind === 'other';
      const outerListLocals = this.listLocals;
      if (block) this.listLocals = new Map(outerListLocals);
      this.node(n, ctx, at);
      if (block) this.listLocals = outerListLocals;
    }
  }

  private node(n: Node, ctx: Ctx, at: (pos: { line: number }) => (how: UseSite['how']) => UseSite): void {
    switch (n.kind) {
      case 'output':
        this.expr(n.expr, ctx, at(n.pos));
        break;
      case 'if': {
        // A branch does not see another's sets; after the if, a list local a branch set stands (its one set).
        const before = this.listLocals;
        const after = new Map(before);
        const branch = (run: () => void) => {
          this.listLocals = new Map(before);
          run();
          for (const k of before.keys()) if (!this.listLocals.has(k)) after.delete(k);
          for (const [k, v] of this.listLocals) if (before.get(k) !== v) after.set(k, v);
        };
        for (const b of n.branches)
          branch(() => {
            this.expr(b.test, 'cond', at(b.test.pos));
            this.nodes(b.body, ctx, at);
          });
        const otherwise = n.else;
        if (otherwise) branch(() => this.nodes(otherwise, ctx, at));
        this.listLocals = after;
        break;
      }
      case 'for': {
        if (this.dictLoop(n, ctx, at)) break;
        // `{% for v in L %}`: v.f in the body reads field f of L's items; v whole is an element of L
        // (`L[]`), as it is of an item's field `{% for v in item.f %}` (`L.f[]`).
        const site = at(n.pos)('iterated');
        const named = n.target.kind === 'name' ? this.listName(n.iter) : undefined;
        let list: string | undefined;
        if (named?.variable) {
          this.listRead(named.name, site);
          list = named.name;
        } else if (named) {
          this.whole.add(named.name);
          this.listUse(named.name, site);
        } else {
          list = listSource(n.iter, this, at(n.pos));
          // A literal looped over (`{% for v in [a, b] %}`): its elements' uses are v's, which the scan does not follow.
          if (list === undefined) for (const x of isLiteral(n.iter) ? children(n.iter) : [n.iter]) this.expr(x, 'other', at(n.pos));
        }
        const outer = this.bound;
        const outerElems = this.elems;
        const outerListLocals = this.listLocals;
        this.bound = new Map(outer);
        this.elems = new Map(outerElems);
        this.listLocals = new Map(outerListLocals);
        const unscope = this.bindLoopTarget(n.target, n.body, n.pos.line);
        if (list !== undefined && n.target.kind === 'name') {
          this.bound.set(n.target.name, { list });
          this.looped.add(list);
        } else if (list !== undefined) this.listUnknown.add(list);
        if (named && n.target.kind === 'name') this.elems.set(n.target.name, named.name);
        if (n.filter) this.expr(n.filter, 'other', at(n.pos));
        this.nodes(n.body, ctx, at);
        unscope();
        this.bound = outer;
        this.elems = outerElems;
        this.listLocals = outerListLocals;
        if (n.else) this.nodes(n.else, ctx, at);
        break;
      }
      case 'set': {
        // Bound as a root, `{% set a = x %}` binds a to x's root (below): a.f is a field of x.
        if (n.value.kind === 'name') this.fieldBases.add(n.value.name);
        // `{% set zone = item %}` of a bound loop variable: zone is bound to the same items where
        // the set is seen (a loop's body, or the rest of the template: Jinja's scope of a set).
        // Not inside a macro, call or with block, whose sets Jinja scopes apart (this.bound is not copied there).
        const same = n.target.kind === 'name' && n.value.kind === 'name' && this.inner === 0 ? this.bound.get(n.value.name) : undefined;
        if (same && n.target.kind === 'name' && !this.elems.has((n.value as { name: string }).name)) {
          this.templateNames.add(n.target.name);
          this.bound.set(n.target.name, same);
          break;
        }
        // `{% set a = v.f %}`: a's uses are v.f's (fold()); other values are a use of their own.
        const local = n.target.kind === 'name' ? this.locals.get(n.target.name) : undefined;
        // `{% set a = L | default([]) %}`, a's only set: a loop over a is one over L (listLocals).
        const list =
          local !== undefined && n.target.kind === 'name' && this.setOnce.has(n.target.name) ? this.listName(n.value) : undefined;
        if (list !== undefined && n.target.kind === 'name') {
          this.bind(n.target);
          this.listLocals.set(n.target.name, list);
          // a's other uses are L's (fold()); L's items read through a are not seen as its fields.
          this.localSources.get(local!)?.add(list.name);
          this.whole.add(list.name);
          break;
        }
        this.aliasing = true;
        const alias = local === undefined ? undefined : this.aliasOf(n.value, at(n.pos));
        this.aliasing = false;
        this.bind(n.target);
        if (alias === undefined || local === undefined) {
          this.expr(n.value, 'other', at(n.pos));
          break;
        }
        for (const s of alias.sources) {
          this.localSources.get(local)?.add(s);
          // A list variable's items read through the local are not seen as its fields.
          if (!isLocalName(s)) this.whole.add(s);
        }
        this.localDefaults.set(local, [...(this.localDefaults.get(local) ?? []), ...alias.defaults]);
        for (const o of alias.others) this.expr(o, 'other', at(n.pos));
        break;
      }
      case 'setblock':
        this.bind(n.target);
        this.nodes(n.body, 'other', at);
        break;
      case 'macro':
        this.unknown(n.name);
        for (const p of n.params) this.unknown(p.name);
        this.shadow(n.params.map((p) => p.name));
        this.scoped(() => this.nodes(n.body, ctx, at));
        break;
      case 'callblock':
        for (const p of n.params) this.unknown(p.name);
        this.shadow(n.params.map((p) => p.name));
        this.expr(n.call, 'other', at(n.pos));
        this.scoped(() => this.nodes(n.body, ctx, at));
        break;
      case 'filterblock':
        this.scoped(() => this.nodes(n.body, 'other', at));
        break;
      case 'with':
        for (const t of n.targets) {
          this.bind(t.target);
          this.expr(t.value, 'other', at(n.pos));
        }
        this.scoped(() => this.nodes(n.body, ctx, at));
        break;
      case 'include': {
        this.expr(n.template, 'other', at(n.pos));
        // The included template sees the loop variables: read again with them bound (itemContracts),
        // where it is named literally beside the including one; else their items' uses there are unseen.
        // An element read there is read unseen.
        for (const l of this.elems.values()) this.unknownElems(l);
        if (!this.looping) {
          // Its uses of this template's locals are not read: the values they were set to get no contract.
          for (const l of this.locals.values()) this.localUnknown(l);
          break;
        }
        const name = n.template.kind === 'const' && typeof n.template.value === 'string' ? n.template.value : undefined;
        // The role's templates folder (`templates/x.j2` of a role at the input's root has no dir before it).
        const root = this.file === undefined ? -1 : `/${this.file}`.lastIndexOf('/templates/');
        if (name !== undefined && root >= 0 && n.withContext) {
          // Its reads of this template's locals are folded where it is read again (readBoundTemplates), not here.
          for (const l of this.locals.values()) this.readLocals.add(l);
          this.boundTemplates.push({
            file: `${this.file!.slice(0, root)}templates/${name}`,
            // The empty dicts' roots are the included template's own (its own read binds them).
            bound: new Map([...this.bound].filter(([, b]) => !this.rootBindings.has(b))),
            locals: { names: new Map(this.locals), sources: this.localSources },
          });
        } else {
          for (const b of this.loopBindings()) this.listUnknown.add(b.list);
          for (const l of this.locals.values()) this.localUnknown(l);
        }
        break;
      }
      case 'import':
        // An import `with context` sees this template's locals, where the scan does not read it.
        for (const l of this.locals.values()) this.localUnknown(l);
        if (n.alias) this.unknown(n.alias);
        for (const x of n.names) this.unknown(x.alias ?? x.name);
        this.shadow([...(n.alias ? [n.alias] : []), ...n.names.map((x) => x.alias ?? x.name)]);
        break;
      case 'other':
        // A tag the translator does not read (do, extends, block...): what it names is not known.
        for (const m of n.source.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) this.unknownWord(m[0]);
        // A `{% block %}` of a template rendered itself is printed in place (the translator inlines it);
        // inside a loop Jinja's block does not see the loop's names (the translator refuses it).
        if (n.body) this.nodes(n.body, n.tagName === 'block' && !this.loopingInTemplate ? ctx : 'other', at);
        break;
      default:
        break;
    }
  }

  /** How deep the scan is in macro, call, filter and with blocks. */
  private inner = 0;
  private scoped(read: () => void): void {
    this.inner++;
    try {
      read();
    } finally {
      this.inner--;
    }
  }

  /**
   * A `for` tag's targets, which Jinja binds in its body (and filter) only: a read of `value` there
   * is the loop's, one before or after the loop the variable's of that name (OSA's service-redirect.j2
   * reads a `value.backend_name` outside the loops that bind `value`). Read in the body as a local of
   * the loop's own (isLocalName: no variable of the input's), the name stays free elsewhere. Where
   * the template also sets the name, or the body includes or imports a template or holds a tag the
   * scan does not read (which may see the loop's value under that name), the name is bound as any
   * other a template binds: never a variable of the input's. Returns what restores the outer scope.
   */
  private bindLoopTarget(target: Expr, body: readonly Node[], line: number): () => void {
    const names = targetNames(target);
    if (this.file === undefined || names.some((n) => this.locals.has(n)) || reachesOut(body)) {
      this.bind(target);
      return () => {};
    }
    this.shadow(names);
    const [outer, outerScoped] = [this.locals, this.loopScoped];
    this.locals = new Map(outer);
    this.loopScoped = new Set([...outerScoped, ...names]);
    for (const n of names) this.locals.set(n, localName(`${n}#for${line}`, this.file));
    return () => {
      this.locals = outer;
      this.loopScoped = outerScoped;
    };
  }

  /** The names a `for` of the template binds where the scan is (bindLoopTarget): none is a variable of the input's. */
  private loopScoped: ReadonlySet<string> = new Set();
  loopBound(name: string): boolean {
    return this.loopScoped.has(name);
  }

  private bind(target: Expr): void {
    if (target.kind === 'name') {
      this.templateNames.add(target.name);
      this.unknown(target.name);
      this.shadow([target.name]);
    } else for (const c of children(target)) this.bind(c);
  }

  /** Names bound anew (`set`, a macro's parameters): no longer a loop's item where the scan is. */
  private shadow(names: readonly string[]): void {
    for (const n of names) {
      this.bound.delete(n);
      this.elems.delete(n);
      this.listLocals.delete(n);
    }
  }

  /** The elements of list `list` read where the scan cannot follow. */
  private unknownElems(list: string): void {
    this.bad.add(`${list}[]`);
    this.notStrInt.add(`${list}[]`);
  }

  /** A template's local read where the scan cannot follow: the values it was set to get no contract, a list's neither. */
  private localUnknown(local: string): void {
    this.readLocals.add(local);
    this.bad.add(local);
    this.notList.add(local);
  }

  /** A word of text the scan cannot read: a name used unseen, and a bound loop variable's items with it. */
  private unknownWord(word: string): void {
    this.unknown(word);
    const local = this.locals.get(word);
    if (local !== undefined) this.localUnknown(local);
    const b = this.bound.get(word);
    if (b) this.listUnknown.add(b.list);
    const l = this.elems.get(word);
    if (l !== undefined) this.unknownElems(l);
  }

  /** A string of the input's YAML: a template, or a bare expression where `expression` (a condition where 'cond'). */
  string(text: string, span: Span, expression: Expression): void {
    // Most strings of a variables file hold no Jinja: they return before any closure is made (issue 17).
    const jinja = containsJinja(text);
    if (!jinja && !expression) return;
    const at = () => (how: UseSite['how']) => ({ file: span.file, line: span.line, how });
    if (!jinja) {
      const p = parseExpression(text);
      if (p.ok) this.expr(p.value, expression === 'cond' ? 'cond' : 'other', at());
      else this.unreadable(text);
      return;
    }
    const p = parseString(text);
    if (!p.ok) return this.unreadable(text);
    const nodes = applyWhitespace(p.value, STRING_SETTINGS);
    const lone = nodes.length === 1 && nodes[0]!.kind === 'output';
    this.nodes(nodes, lone ? 'lone' : 'text', at);
  }

  /** A template's text; `inherited`: the locals of the template including it (readBoundTemplates). */
  template(
    text: string,
    file: string,
    parse: (text: string) => ReturnType<typeof parseTemplate> = parseTemplate,
    inherited?: { names: ReadonlyMap<string, string>; sources: Map<string, Set<string>> },
  ): void {
    const p = parse(text);
    this.defaultsFrom = this.defaults.length;
    this.locals = new Map(inherited?.names);
    if (inherited) for (const l of inherited.names.values()) this.localSources.set(l, inherited.sources.get(l) ?? new Set());
    const targets = setTargets(p.ok ? p.value.nodes : []);
    this.setOnce = new Set(targets.filter((t, i) => targets.indexOf(t) === i && targets.lastIndexOf(t) === i));
    this.listLocals = new Map();
    for (const name of targets) {
      const l = localName(name, file);
      this.locals.set(name, l);
      if (!this.localSources.has(l)) this.localSources.set(l, new Set());
    }
    if (!p.ok) this.unreadable(text);
    else {
      this.file = file;
      this.nodes(p.value.nodes, 'print', (pos) => (how) => ({ file, line: pos.line, how }));
      delete this.file;
    }
    this.fold();
    this.locals = new Map();
    this.listLocals = new Map();
    this.setOnce = new Set();
  }

  /**
   * `{% set a = e %}` where e is a name, an item's field or a local (`v.f`), or one with a default()
   * (`v.f | default('x')`, `v.f | default(w)`), or a constant: the names whose value a is; a
   * default() is a use of its input as it would be printed (a's own uses are judged with it). Else undefined.
   */
  private aliasOf(
    e: Expr,
    at: (how: UseSite['how']) => UseSite,
  ): { sources: string[]; defaults: DefaultUse[]; others: Expr[] } | undefined {
    if (e.kind === 'const') return { sources: [], defaults: [], others: [] };
    // A bound loop variable whole: its list's items are read otherwise (nameOf says so where it is visited).
    if (e.kind === 'name' && this.bound.has(e.name)) return undefined;
    const own = e.kind === 'name' || e.kind === 'getattr' || e.kind === 'getitem' ? this.nameOf(e) : undefined;
    if (own !== undefined) return { sources: [own], defaults: [], others: [] };
    const fallback = defaultOf(e, (x) => (x.kind === 'name' && this.bound.has(x.name) ? undefined : this.nameOf(x)));
    if (!fallback || (fallback.value.kind === 'name' && fallback.value.name === 'omit')) return undefined;
    const inner = this.aliasOf(fallback.value, at);
    const use = this.defaultUse(fallback.name, at('default'), true, fallback.value);
    if (!inner) return { sources: [fallback.name], defaults: [use], others: [fallback.value] };
    return { sources: [fallback.name, ...inner.sources], defaults: [use, ...inner.defaults], others: inner.others };
  }

  private defaultUse(name: string, site: UseSite, text: boolean, fallback: Expr): DefaultUse {
    const f = this.bound.size > 0 ? boundField(fallback, this.bound) : undefined;
    return { name, site, text, fallback, ...(f?.kind === 'field' ? { fallbackField: f.name } : {}) };
  }

  /**
   * The uses of the template's locals are uses of the names they were set to, through locals set to
   * locals (a cycle included): each such name gets every use of each local it reaches.
   */
  private fold(): void {
    const rootsOf = (l: string, seen: Set<string>, out: Set<string>): void => {
      if (seen.has(l)) return;
      seen.add(l);
      for (const s of this.localSources.get(l) ?? [])
        if (isLocalName(s)) rootsOf(s, seen, out);
        else out.add(s);
    };
    const names = new Map([...this.locals].map(([n, l]) => [l, n]));
    const via = (l: string, site: UseSite): UseSite => (site.via !== undefined ? site : { ...site, via: names.get(l) ?? '' });
    const copy = (map: Map<string, UseSite[]>, from: string, to: string) => {
      const sites = map.get(from);
      if (sites) map.set(to, [...(map.get(to) ?? []), ...sites.map((x) => via(from, x))]);
    };
    const folded = [...new Set(this.locals.values())];
    // A set's default() is a use of the names it is set to where the local is read, directly or
    // through a local set to it (`{% set b = a %}` with b read): an unread local reads nothing.
    const read = new Set<string>();
    const markRead = (l: string): void => {
      if (read.has(l)) return;
      read.add(l);
      for (const s of this.localSources.get(l) ?? []) if (isLocalName(s)) markRead(s);
    };
    for (const l of folded) if (this.readLocals.has(l)) markRead(l);
    for (const l of folded) {
      if (read.has(l)) this.defaults.push(...(this.localDefaults.get(l) ?? []));
      this.localDefaults.delete(l);
    }
    for (const l of folded) {
      const roots = new Set<string>();
      rootsOf(l, new Set(), roots);
      for (const r of roots) {
        copy(this.ok, l, r);
        copy(this.boolOk, l, r);
        for (const set of [this.bad, this.notStrInt, this.notBool, this.whole, this.notList]) if (set.has(l)) set.add(r);
        const misfit = this.misfit.get(l);
        if (misfit && !this.misfit.has(r)) this.misfit.set(r, via(l, misfit));
        this.defaults.push(...this.localUses(l).map((d) => ({ ...d, name: r, site: via(l, d.site) })));
      }
    }
    // Each local's uses are folded once: a template read again (an include) starts anew.
    for (const l of folded) {
      this.ok.delete(l);
      this.boolOk.delete(l);
      this.bad.delete(l);
      this.notStrInt.delete(l);
      this.notBool.delete(l);
      this.notList.delete(l);
      this.misfit.delete(l);
    }
    for (let i = this.defaults.length - 1; i >= this.defaultsFrom; i--) if (isLocalName(this.defaults[i]!.name)) this.defaults.splice(i, 1);
  }

  /**
   * Where this template's defaults start. A default of a local is made only while a template is
   * read (a local is a template's), and fold removes every one: those before are no local's. fold
   * looked through every default of the input for each template (quadratic in an estate's roles).
   */
  private defaultsFrom = 0;

  /** The defaults of local `l` made while this template was read (see defaultsFrom). */
  private localUses(l: string): DefaultUse[] {
    const out: DefaultUse[] = [];
    for (let i = this.defaultsFrom; i < this.defaults.length; i++) if (this.defaults[i]!.name === l) out.push(this.defaults[i]!);
    return out;
  }

  /**
   * `{% for k, v in s.f.items() %}` / `{% for v in s.f.values() %}` of a bound item's field: f is a
   * dict iterated, its values bound as `L.f\0*` (their fields read as an item's are). True where read so.
   */
  private dictLoop(n: Extract<Node, { kind: 'for' }>, ctx: Ctx, at: (pos: { line: number }) => (how: UseSite['how']) => UseSite): boolean {
    const it = n.iter;
    if (n.recursive || it.kind !== 'call' || it.node.kind !== 'getattr' || it.args.length || it.kwargs.length || it.dynArgs || it.dynKwargs)
      return false;
    const method = it.node.attr;
    const field = this.bound.size > 0 ? boundField(it.node.node, this.bound) : undefined;
    if (field?.kind !== 'field') return false;
    const t = n.target;
    const value =
      method === 'items' && t.kind === 'tuple' && t.items.length === 2 && t.items.every((x) => x.kind === 'name')
        ? (t.items[1] as { name: string }).name
        : method === 'values' && t.kind === 'name'
          ? t.name
          : undefined;
    if (value === undefined) return false;
    const site = at(n.pos)('iterated');
    this.dictLooped.set(field.name, [...(this.dictLooped.get(field.name) ?? []), site]);
    const outer = this.bound;
    this.bound = new Map(outer);
    const unscope = this.bindLoopTarget(t, n.body, n.pos.line);
    this.bound.set(value, { list: dictValues(field.name) });
    const outerListLocals = this.listLocals;
    this.listLocals = new Map(outerListLocals);
    if (n.filter) this.expr(n.filter, 'other', at(n.pos));
    this.nodes(n.body, ctx, at);
    unscope();
    this.bound = outer;
    this.listLocals = outerListLocals;
    if (n.else) this.nodes(n.else, ctx, at);
    return true;
  }

  /** The uses a scan of a template read with `list`'s loop variable bound found of its items' fields (`L.` names). */
  absorb(sub: UseScan, list: string): void {
    const prefix = `${list}.`;
    const mine = (n: string) => n.startsWith(prefix);
    for (const [from, to] of [
      [sub.ok, this.ok],
      [sub.boolOk, this.boolOk],
      [sub.dictLooped, this.dictLooped],
      [sub.listFit, this.listFit],
    ] as const)
      for (const [n, sites] of from) if (mine(n)) to.set(n, [...(to.get(n) ?? []), ...sites]);
    for (const [from, to] of [
      [sub.bad, this.bad],
      [sub.notStrInt, this.notStrInt],
      [sub.notBool, this.notBool],
      [sub.notList, this.notList],
    ] as const)
      for (const n of from) if (mine(n)) to.add(n);
    for (const [n, site] of sub.misfit) if (mine(n) && !this.misfit.has(n)) this.misfit.set(n, site);
    // A field's default(): judged with the others' in the rounds.
    this.defaults.push(...sub.defaults.filter((d) => mine(d.name)));
    if (sub.whole.has(list)) this.itemsUnknown(list);
  }

  /**
   * An include_role/import_role of a role the input does not hold, by a static name: the converter
   * writes it as a TODO holding the original (translate/modules/includes.ts), so no converted code
   * reads its vars or arguments; what the role would do with them is the role's conversion's to see.
   */
  private includesMissingRole(item: Extract<TaskItem, { kind: 'task' }>): boolean {
    if (!this.roles || !ROLE_INCLUDES.has(item.module)) return false;
    const name = item.args.find((a) => a.key === 'name')?.value;
    if (name?.kind !== 'scalar' || typeof name.value !== 'string' || name.unsafe || containsJinja(name.value)) return false;
    return !this.roles.has(name.value);
  }

  /** Text the scan cannot parse: every name-like word in it is a use of unknown kind. */
  private unreadable(text: string): void {
    for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) this.unknownWord(m[0]);
  }

  /** A YAML value: every string (keys too: Ansible templates both). */
  yaml(n: YNode | undefined, expression: Expression = false): void {
    if (!n) return;
    if (n.kind === 'scalar') {
      if (typeof n.value === 'string' && !n.unsafe) this.string(n.value, n.span, expression);
      return;
    }
    if (n.kind === 'seq') for (const i of n.items) this.yaml(i, expression);
    else
      for (const e of n.entries) {
        this.yaml(e.key);
        this.yaml(e.value, expression);
      }
  }

  item(item: TaskItem): void {
    const outerNotNone = this.notNone;
    this.notNone = this.guards?.notNone(item) ?? outerNotNone;
    try {
      this.taskItem(item);
    } finally {
      this.notNone = outerNotNone;
    }
  }

  private taskItem(item: TaskItem): void {
    const unread = item.kind !== 'block' && this.includesMissingRole(item);
    // A loop over a list variable binds its variable to the list's items in the task (item-uses.ts);
    // an include of a missing role reads nothing, its loop neither.
    const loop = item.kind === 'task' && !unread ? itemLoop(item, this) : undefined;
    const outer = this.bound;
    const outerElems = this.elems;
    if (loop) {
      // Beside the loop variables of the include that led here (readBoundIncludes), which the task still sees.
      this.bound = new Map([...outer, [loop.name, loop.binding]]);
      this.looped.add(loop.binding.list);
      // Read whole, the variable is one of the list's elements (`L[]`), as a template's `{% for v in L %}`'s is.
      if (loop.elems) this.elems = new Map([...outerElems, [loop.name, loop.binding.list]]);
      else if (outerElems.has(loop.name)) this.elems = new Map([...outerElems].filter(([n]) => n !== loop.name));
    } else if (item.kind === 'task' && this.looping && [...item.keywords.keys()].some((k) => k === 'loop' || k.startsWith('with_'))) {
      // A loop over no list variable, in an included file read bound: its variable hides the outer one.
      for (const b of this.loopBindings()) this.listUnknown.add(b.list);
    }
    for (const [k, v] of item.keywords) {
      if (k === 'name') {
        this.yaml(v);
        continue;
      }
      if (loop?.keys.has(k)) continue;
      // Task and block vars, loop variables: names the task binds, not variables set outside.
      if (k === 'vars' && v.kind === 'map') for (const e of v.entries) this.yaml(e.key, true);
      if (k === 'loop_control' && v.kind === 'map')
        for (const e of v.entries)
          if (e.value.kind === 'scalar' && typeof e.value.value === 'string' && !this.includeRoot(item, e.key, e.value.value))
            this.unknown(e.value.value);
      if (k === 'register' && v.kind === 'scalar' && typeof v.value === 'string') this.unknown(v.value);
      if (!unread) this.yaml(v, conditionOf(k));
    }
    if (unread) {
      this.elems = outerElems;
      return;
    }
    if (item.kind === 'block') {
      for (const i of [...item.block, ...item.rescue, ...item.always]) this.item(i);
      return;
    }
    const expressionArg = EXPRESSION_ARGS.get(item.module);
    for (const a of item.args) this.yaml(a.value, a.key === expressionArg && (item.module === 'ansible.builtin.assert' ? 'cond' : true));
    this.yaml(item.freeForm);
    const bound = new Map([...this.bound].filter(([, b]) => !this.rootBindings.has(b)));
    if (loop) {
      if (loop.template !== undefined) this.boundTemplates.push({ item, src: loop.template, bound });
      if (loop.include !== undefined) this.boundIncludes.push({ item, file: loop.include, bound });
      this.bound = outer;
      this.elems = outerElems;
    } else if (item.kind === 'task' && this.looping) {
      // A task of an included file read with loop variables bound (readBoundIncludes): a template it
      // renders or a file it includes sees them too.
      const literal = (v: YNode | undefined) =>
        v?.kind === 'scalar' && typeof v.value === 'string' && !v.unsafe && !containsJinja(v.value) ? v.value : undefined;
      if (item.module === 'ansible.builtin.template') {
        const src = literal(item.args.find((a) => a.key === 'src')?.value);
        this.boundTemplates.push({ item, src: src ?? { any: true }, bound });
      } else if (item.module === 'ansible.builtin.include_tasks' || item.module === 'ansible.builtin.import_tasks') {
        const file = literal(item.args.find((a) => a.key === 'file')?.value ?? item.freeForm);
        if (file !== undefined) this.boundIncludes.push({ item, file, bound });
        else for (const b of bound.values()) this.listUnknown.add(b.list);
      } else if (DYNAMIC_TASK_INCLUDES.has(item.module) || ROLE_INCLUDES.has(item.module))
        // The legacy include (include_tasks took the branch above) or a role's, not followed with the
        // loop variables bound: their lists' items are of unknown use.
        for (const b of bound.values()) this.listUnknown.add(b.list);
    }
  }
}

/**
 * `x | default(y)` (one argument: with `boolean` true, '' and 0 fall back, '0' does not): the name
 * and the fallback. Whatever y is, x where defined prints the same for a str and an int.
 */
function defaultOf(e: Expr, nameOf: (e: Expr) => string | undefined, bare = true): { name: string; value: Expr } | undefined {
  if (e.kind !== 'filter' || !DEFAULT_FILTERS.has(e.name) || e.args.length > 1 || (e.args.length === 0 && !bare)) return undefined;
  if (e.kwargs.length > 0 || e.dynArgs || e.dynKwargs) return undefined;
  const name = nameOf(e.node);
  // `x | default()`: Jinja's default value is ''.
  return name === undefined ? undefined : { name, value: e.args[0] ?? { kind: 'const', value: '', pos: e.pos } };
}

/** `x` or `x | default(<str or int literal>)` (x a name or a bound loop variable's field): the name, else undefined. */
function plainOperand(e: Expr, nameOf: (e: Expr) => string | undefined): string | undefined {
  if (e.kind === 'name' || e.kind === 'getattr' || e.kind === 'getitem') return nameOf(e);
  if (
    e.kind === 'filter' &&
    DEFAULT_FILTERS.has(e.name) &&
    e.args.length === 1 &&
    e.kwargs.length === 0 &&
    !e.dynArgs &&
    !e.dynKwargs &&
    isStrIntConst(e.args[0]!)
  )
    return nameOf(e.node);
  return undefined;
}

/** The names a `for` tag's target binds (`v`, `k, v`). */
function targetNames(target: Expr, out: string[] = []): string[] {
  if (target.kind === 'name') out.push(target.name);
  else for (const c of children(target)) targetNames(c, out);
  return out;
}

/** Whether nodes include or import a template, or hold a tag the scan does not read: what those see is not read here. */
function reachesOut(nodes: readonly Node[]): boolean {
  return nodes.some((n) => {
    if (n.kind === 'include' || n.kind === 'import' || n.kind === 'other') return true;
    if (n.kind === 'if') return n.branches.some((b) => reachesOut(b.body)) || (n.else !== null && reachesOut(n.else));
    if (n.kind === 'for') return reachesOut(n.body) || (n.else !== null && reachesOut(n.else));
    if (n.kind === 'setblock' || n.kind === 'macro' || n.kind === 'callblock' || n.kind === 'filterblock' || n.kind === 'with')
      return reachesOut(n.body);
    return false;
  });
}

/** The names `set` tags assign anywhere in a template (macros and loops included). */
function setTargets(nodes: readonly Node[], out: string[] = []): string[] {
  for (const n of nodes) {
    if ((n.kind === 'set' || n.kind === 'setblock') && n.target.kind === 'name') out.push(n.target.name);
    else if ((n.kind === 'set' || n.kind === 'setblock') && n.target.kind === 'tuple')
      for (const t of n.target.items) if (t.kind === 'name') out.push(t.name);
    if (n.kind === 'setblock') setTargets(n.body, out);
    if (n.kind === 'if') {
      for (const b of n.branches) setTargets(b.body, out);
      if (n.else) setTargets(n.else, out);
    }
    if (n.kind === 'for') {
      setTargets(n.body, out);
      if (n.else) setTargets(n.else, out);
    }
    if (n.kind === 'macro' || n.kind === 'callblock' || n.kind === 'filterblock' || n.kind === 'with') setTargets(n.body, out);
    if (n.kind === 'other' && n.body) setTargets(n.body, out);
  }
  return out;
}

/** The variable `x is none`, `x is not none`, `x == None` or `None != x` tests, if e is one of those. */
function noneTested(e: Expr): string | undefined {
  if (e.kind === 'test' && e.name === 'none' && e.node.kind === 'name' && e.args.length === 0 && e.kwargs.length === 0) return e.node.name;
  if (e.kind !== 'binop' || (e.op !== '==' && e.op !== '!=')) return undefined;
  const isNone = (x: Expr) => x.kind === 'const' && x.value === null;
  const other = isNone(e.right) ? e.left : isNone(e.left) ? e.right : undefined;
  return other?.kind === 'name' ? other.name : undefined;
}

/** A str or int literal (not a bool, a float or None). */
export function isStrIntConst(e: Expr): boolean {
  return e.kind === 'const' && (typeof e.value === 'string' || (typeof e.value === 'number' && Number.isInteger(e.value) && !e.float));
}

/** The expressions inside e; a string constant is a name read by subscript (`vars['x']`, `lookup('vars', 'x')`). */
function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'const':
    case 'name':
      return [];
    case 'list':
    case 'tuple':
      return e.items;
    case 'dict':
      return e.pairs.flatMap((p) => [p.key, p.value]);
    case 'getattr':
      return [e.node];
    case 'getitem':
      return [e.node, e.arg];
    case 'slice':
      return [e.node, ...[e.start, e.stop, e.step].filter((x): x is Expr => x !== null)];
    case 'call':
      return [e.node, ...e.args, ...e.kwargs.map((k) => k.value), ...[e.dynArgs, e.dynKwargs].filter((x): x is Expr => !!x)];
    case 'filter':
    case 'test':
      return [e.node, ...e.args, ...e.kwargs.map((k) => k.value), ...[e.dynArgs, e.dynKwargs].filter((x): x is Expr => !!x)];
    case 'binop':
      return [e.left, e.right];
    case 'unary':
      return [e.node];
    case 'condexpr':
      return [e.test, e.then, ...(e.otherwise ? [e.otherwise] : [])];
  }
}
