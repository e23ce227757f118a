// Contracts inferred from use (issue 14): a variable that no input source sets and nothing declares
// is of unknown type, so every read of it keeps the A2C::Jinja helpers. Where EVERY use of it means
// the same for a Python str and int as for a Ruby String and Integer, its contract is "text or
// integer" (VarType 'strint'): printed into a template or interpolated into text, `x | default(y)`
// printed or rendered (y a str or int literal, `omit`, or a variable set only to ints and plain text),
// `x is [not] defined`, `==`/`!=` against a str or int literal, an operand of `~`, read whole by a
// variable (`y: "{{ x }}"`) whose own uses are all such, handed on whole inside a variable's data
// (`users: [{ password: "{{ x }}" }]`, neutral), or a None test a required input's guard makes false
// (required-guards.ts: the guard's own, and those of the tasks after it in its list).
// Any other use (a loop over it, `| bool`, a truth test, arithmetic, attribute access, a lone
// `"{{ x }}"` handed to a module or another variable, a name written as a string: `vars['x']`) leaves
// it unknown. The contract is enforced at run time (translate/input-checks.ts): a value outside it
// fails the run instead of printing differently. Uses are read from the parsed Jinja of every task,
// variable file and template of the input: a name the scan cannot see used stays a name of no contract.
//
// A variable no use of which fits text-or-integer may still be a boolean: its contract is then
// "bool" (Ruby's true or false, nothing else) where at least one use says so (`x | bool`,
// `x | ternary(a, b)`, `x | default(True)` or a default() whose fallback variable is set only to
// booleans) and every other use reads a boolean as Python reads True or False: printed or
// interpolated (the printer writes `v ? 'True' : 'False'`), truth-tested (`when: x`, `if x`,
// `not x`, an operand of and/or in a condition), `is defined`, or handed on whole (`"{{ x }}"`).
// Not wider: measured with ansible-core 2.14, `"{{ x | default(True) }}"` gives the text 'yes' for
// x = 'yes' and '1' for 1 (truthy where False would not be), and 'True'/'False' text comes back a
// boolean there but is a non-empty, so true, string in `{% if x %}`: no other value reads as a
// boolean in every use. A value outside it (a string, 1, None) fails the run at A2C::Inputs.check!.
//
// The fields of the items of a list only the outside fills get text-or-integer contracts the same way
// (item-contracts.ts), from the uses the scan names `L.f`; never a boolean one.
//
// A list (a variable no source sets or only sets to `[]`, or an item's field) whose every use is a
// loop whose variable's every use fits text-or-integer (the scan's `L[]`), a `join` with a literal
// separator, or `is defined`, gets the contract `list[str|int]`: Ruby's `.each` and Array#join give
// what Python's iteration and str.join give for such elements (not for a boolean, None or a float,
// which print otherwise, nor a list, which Array#join flattens). A string, whose loop Python runs
// over its characters, fails the check as any other value outside does.
import type { Project, Task, TaskItem } from '../load/ansible/model.js';
import { staticIncludeTarget } from '../load/ansible/include-path.js';
import type { YNode } from '../load/ansible/yaml.js';
import { containsJinja, parseExpression, parseString, type Expr } from '../load/jinja/index.js';
import { walkDefinitions } from './definitions.js';
import { MAGIC_VARIABLES } from '../base/magic-variables.js';
import { isStrInt, type VarType } from './types.js';
import type { TemplateParser } from '../load/jinja/template-parses.js';
import { CONCAT } from './item-uses.js';
import { NamePrefixes } from './name-prefixes.js';
import { requiredGuards } from './required-guards.js';
import {
  CONDITION_KEYWORDS,
  conditionOf,
  dictValues,
  EXPRESSION_ARGS,
  isLocalName,
  isStrIntConst,
  UseScan,
  type DefaultUse,
  type UseSite,
} from './use-scan.js';

export type { UseSite };

/**
 * Names Ansible or Jinja gives besides the magic variables (base/magic-variables.ts): loop and task
 * names, `vars`, Jinja's globals and constants. Never variables a team sets.
 */
const GIVEN = new Set([
  'item',
  'vars',
  'environment',
  'role_names',
  'lookup',
  'query',
  'q',
  'range',
  'dict',
  'lipsum',
  'cycler',
  'joiner',
  'namespace',
  'now',
  'undef',
  'loop',
  'true',
  'false',
  'none',
]);

/** Every string constant of an expression tree (a variable may be read by its name as text). */
function stringConstants(tree: unknown, out: Set<string>): void {
  if (Array.isArray(tree)) for (const x of tree) stringConstants(x, out);
  else if (tree && typeof tree === 'object') {
    const n = tree as { kind?: string; value?: unknown };
    if (n.kind === 'const' && typeof n.value === 'string') out.add(n.value);
    // for-in, not Object.entries: an entries array per node was 28 MB of a 1000-role run's
    // allocation (AST nodes are plain objects: no inherited keys to skip).
    for (const k in tree) {
      const v = (tree as Record<string, unknown>)[k];
      if (k !== 'pos' && typeof v === 'object') stringConstants(v, out);
    }
  }
}

/** A contract inferred from use: its type in the grammar of `[extra-var-types]`. */
export type InferredType = 'str|int' | 'bool' | 'list[str|int]';
export interface InferredContract {
  type: InferredType;
  sites: UseSite[];
}

/**
 * What the uses of one field of a list's items prove: text-or-integer, a boolean, a list of text or
 * integers (scalarLists), only its presence (`is defined` alone: no type), or a dict iterated (`.items()`/`.values()`) with text keys, whose
 * values' fields are proved the same way (`dict.fields`, empty where no value's field is read).
 */
export interface FieldUse {
  type?: 'str|int' | 'bool' | 'list[str|int]';
  sites: UseSite[];
  dict?: { fields: Map<string, FieldUse> };
}

/** The contracts of variables and of list items' fields (item-contracts.ts), from one scan. */
export interface InputContracts {
  vars: Map<string, InferredContract>;
  /** List variable -> field -> what its uses prove. */
  items: Map<string, Map<string, FieldUse>>;
  /** List variable -> field (`f`, `f.*.g`) whose uses prove none -> why, for the report ('' : the whole list). */
  kept: Map<string, Map<string, string>>;
  /** Dict variable every source sets to `{}` -> field -> what its uses prove (the empty-dict rule). */
  dicts: Map<string, Map<string, FieldUse>>;
}

/** What inferredContracts reads: the input, and what the symbol table knows of its variables. */
export interface ContractSources {
  project: Project;
  tasks: readonly TaskItem[];
  /** A name some source of the input defines (a definition, a registered result, a declared type). */
  defined: (name: string) => boolean;
  templateText: (file: string) => string | undefined;
  /**
   * The type of a default()'s fallback expression, the variables it reads typed by their definitions
   * and by the contracts inferred so far (with `omit`, Ansible's `ansible_host` and `inventory_hostname` text).
   */
  fallbackType: (e: Expr, contracts: ReadonlyMap<string, InferredType>) => VarType;
  /** The run's shared template parses (template-parses.ts): read without taking them from the translator. */
  parse?: TemplateParser;
  /** A list variable whose items no source gives a shape (every definition `[]`, or none): its fields may get contracts. */
  shapeless?: (name: string) => boolean;
  /** Dict variables every source sets to `{}`: their fields may get contracts as a list's items' do. */
  emptyDicts?: readonly string[];
  /** A list variable every source sets to a literal list of dicts (literal-items.ts): its items' fields may get contracts too. */
  literalDicts?: (name: string) => boolean;
  /** A variable no source of the input sets (nor binds, registers or gives): a dict root where every use of it is a field read. */
  setNowhere?: (name: string) => boolean;
}

/**
 * The variables of a "text or integer" or a "bool" contract, each with the sites of its uses: names
 * that no definition of `defined` sets, that are not registered, given by Ansible, bound by a task or
 * a template, nor written as a string anywhere, and whose every use is one of those above, one at
 * least using its value (not only `is defined`); and the item fields of the `shapeless` lists.
 */
export function inferredContracts(sources: ContractSources): InputContracts {
  const { project, tasks, defined, templateText, fallbackType, parse } = sources;
  const shapeless = sources.shapeless ?? (() => false);
  const emptyDicts = sources.emptyDicts ?? [];
  const literalDicts = sources.literalDicts ?? (() => false);
  const setNowhere = sources.setNowhere ?? (() => false);
  const guards = requiredGuards(project);
  const scanWith = (roots: readonly string[]): UseScan => {
    const scan = new UseScan(new Set(project.roles.keys()), roots);
    scan.guards = guards;
    for (const item of tasks) scan.item(item);
    walkDefinitions(project, (d) => scan.definition(d.name, d.value));
    for (const book of project.playbooks)
      for (const play of book.plays) {
        for (const [k, v] of play.keywords) scan.yaml(v, conditionOf(k));
        for (const r of play.roles) for (const [k, v] of r.keywords) scan.yaml(v, conditionOf(k));
      }
    for (const role of project.roles.values()) {
      for (const dep of role.dependencies) for (const [k, v] of dep.keywords) scan.yaml(v, conditionOf(k));
      for (const rel of role.templates) {
        const file = `${role.dir ? `${role.dir}/` : ''}templates/${rel}`;
        const text = templateText(file);
        if (text !== undefined) scan.template(text, file, parse?.peek);
      }
    }
    return scan;
  };
  let scan = scanWith(emptyDicts);
  // A dict no source sets whose every use reads a field (`x.f`, `x.f is defined`, `x.f | default(d)`):
  // a root as a `{}` dict is. Which names are is known only once they are bound as roots (a probe
  // scan); a name read whole there (printed, iterated, filtered, tested, aliased) stays a plain
  // variable, and the probe's bindings, which would hide it from the list rules, are not kept.
  const emptyDictSet = new Set(emptyDicts);
  const unset = [...ownNames(scan)].filter(
    (n) => !GIVEN.has(n) && !MAGIC_VARIABLES.has(n) && !n.startsWith('ansible_') && !emptyDictSet.has(n) && setNowhere(n),
  );
  // The probe finds a root only among the names this scan saw read by a field or set to a local
  // (fieldBases) and no template binds (the probe's templateNames are this scan's): where no unset
  // name is one, it would find none, and is not run (most inputs: a scan saved, issue 17).
  const probe = unset.some((n) => scan.fieldBases.has(n) && !scan.templateNames.has(n)) ? scanWith([...emptyDicts, ...unset]) : undefined;
  const fieldOnly = probe ? fieldOnlyRoots(probe, unset) : [];
  // Every unset name a root (fieldOnly keeps unset's order): the probe is the scan with those roots.
  if (fieldOnly.length > 0) scan = fieldOnly.length === unset.length ? probe! : scanWith([...emptyDicts, ...fieldOnly]);
  const rootNames = [...emptyDicts, ...fieldOnly];
  // Names read as text (`vars['x']`) anywhere: their uses are not all visible.
  const asText = new Set<string>();
  // A text met again (one default every role copies, `{{ item }}`) adds no constant: each is read
  // once, as a template or as a bare expression, not once per place it is written.
  const read = { template: new Set<string>(), expression: new Set<string>() };
  const collect = (s: string, expression: boolean) => {
    const jinja = containsJinja(s);
    if (!jinja && !expression) return;
    const seen = jinja ? read.template : read.expression;
    if (seen.has(s)) return;
    seen.add(s);
    const p = jinja ? parseString(s) : parseExpression(s);
    if (p.ok) stringConstants(p.value, asText);
  };
  const strings = (n: YNode | undefined, expression = false): void => {
    if (!n) return;
    if (n.kind === 'scalar') {
      if (typeof n.value === 'string') collect(n.value, expression);
    } else if (n.kind === 'seq') for (const i of n.items) strings(i, expression);
    else for (const e of n.entries) strings(e.value, expression);
  };
  const walk = (item: TaskItem) => {
    for (const [k, v] of item.keywords) strings(v, CONDITION_KEYWORDS.has(k));
    if (item.kind === 'block') [...item.block, ...item.rescue, ...item.always].forEach(walk);
    else {
      for (const a of item.args) strings(a.value, a.key === EXPRESSION_ARGS.get(item.module));
      strings(item.freeForm);
    }
  };
  tasks.forEach(walk);
  walkDefinitions(project, (d) => strings(d.value));
  const given = (n: string) => GIVEN.has(n) || MAGIC_VARIABLES.has(n) || n.startsWith('ansible_');
  // A loop over `a + b` loops over a's items and b's.
  for (const n of [...scan.looped]) for (const part of n.split(CONCAT)) scan.looped.add(part);
  const lists = [...scan.looped].filter(
    (n) => !n.includes(CONCAT) && !given(n) && (shapeless(n) || literalDicts(n)) && !asText.has(n) && !scan.aliases.has(n),
  );
  const listSet = new Set(lists);
  // The empty (and unset) dicts whose fields get contracts: one read whole, by its name as text or
  // aliased by a variable has none.
  const roots = rootNames.filter((n) => !given(n) && !asText.has(n) && !scan.aliases.has(n) && !scan.looped.has(n));
  const rootSet = new Set(roots);
  // Lists that may be of text or integers: the fields of those lists' items and of those dicts
  // (`keystone_sp.trusted_dashboard_list`, only iterated with each element printed), and variables
  // set nowhere or only to `[]`.
  const scalar = (n: string) =>
    isLocalName(n)
      ? false
      : n.includes('.')
        ? listSet.has(n.slice(0, n.indexOf('.'))) || rootSet.has(n.slice(0, n.indexOf('.')))
        : !given(n) && shapeless(n) && !asText.has(n) && !scan.aliases.has(n);
  // The templates rendered in loops over those lists, read with the loop variable bound, before the
  // rounds: their fields' defaults are decided with the others'.
  const concats = [...scan.looped].filter((n) => n.includes(CONCAT) && n.split(CONCAT).every((p) => listSet.has(p)));
  if (lists.length > 0) readBoundTemplates(scan, project, new Set([...lists, ...concats]), templateText, parse, rootNames);
  spreadConcats(scan);
  const candidates = [...new Set([...scan.ok.keys(), ...scan.boolOk.keys(), ...scan.aliases.keys(), ...scan.defaults.map((d) => d.name)])]
    // An item's field (`L.f`, item-uses.ts): itemFields below.
    .filter(
      (name) =>
        !given(name) && !defined(name) && !name.includes('.') && !name.endsWith('[]') && !name.includes(CONCAT) && !isLocalName(name),
    )
    .sort();
  // Each round decides the defaults by the contracts of the round before, until none changes (a
  // fallback typed by a contract can give another one: a chain of defaults).
  let contracts = new Map<string, InferredContract>();
  let decided: Decision | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const known = new Map([...contracts].map(([n, c]) => [n, c.type]));
    const next = decide(scan, candidates, asText, (e) => fallbackType(e, known));
    const same = next.contracts.size === contracts.size && [...next.contracts].every(([n, c]) => contracts.get(n)?.type === c.type);
    contracts = next.contracts;
    decided = next;
    if (same) break;
  }
  const wider = decided && widestContracts(scan, candidates, asText, fallbackType, contracts);
  if (wider) [contracts, decided] = [wider.contracts, wider];
  if (!decided) return { vars: contracts, items: new Map(), kept: new Map(), dicts: new Map() };
  const scalars = scalarLists(scan, decided, scalar);
  // A list variable's contract; an item's field's (`L.f`, `L.f\0*.g` of a dict field's values) is itemFields'.
  for (const [n, sites] of scalars) if (!n.includes('.')) contracts.set(n, { type: 'list[str|int]', sites });
  // An empty dict's fields, judged as one item's are (roots above).
  const fieldsOfLists = itemFields(scan, decided, scalars);
  const dicts = fieldsOfLists(roots).items;
  return { vars: contracts, ...fieldsOfLists(lists), dicts };
}

/** The plain variable names (no field, element, local or concatenation) some use in the scan names. */
function ownNames(scan: UseScan): Set<string> {
  const all = [
    ...scan.ok.keys(),
    ...scan.boolOk.keys(),
    ...scan.bad,
    ...scan.whole,
    ...scan.notStrInt,
    ...scan.notBool,
    ...scan.listUnknown,
    ...scan.aliases.keys(),
    ...scan.looped,
    ...scan.defaults.map((d) => d.name),
  ];
  return new Set(all.filter((n) => !n.includes('.') && !n.endsWith('[]') && !n.includes(CONCAT) && !isLocalName(n)));
}

/** Of `names` bound as roots in `probe`, those it saw read only by their fields, one field at least. */
function fieldOnlyRoots(probe: UseScan, names: readonly string[]): string[] {
  const own = ownNames(probe);
  const fields = new Set(
    [...probe.ok.keys(), ...probe.boolOk.keys(), ...probe.bad, ...probe.defaults.map((d) => d.name), ...probe.dictLooped.keys()]
      .filter((n) => n.includes('.'))
      .map((n) => n.slice(0, n.indexOf('.'))),
  );
  return names.filter((n) => !own.has(n) && !probe.templateNames.has(n) && fields.has(n));
}

/**
 * Every use the scan noted of the items of `a+b` (a loop over `a + b`, item-uses.ts listSource) made
 * a use of a's items and of b's: `a+b.f` is `a.f` and `b.f`, an item of it read whole one of each.
 */
function spreadConcats(scan: UseScan): void {
  const spread = (n: string): string[] => {
    const dot = n.indexOf('.');
    const head = dot < 0 ? n : n.slice(0, dot);
    return head.includes(CONCAT) ? head.split(CONCAT).map((p) => p + n.slice(head.length)) : [];
  };
  // The sets and maps are walked live with forEach, not copied first nor iterated by entry (a copy of
  // each, then an entry per name, was most of this function's allocation): what a spread adds has no
  // concatenation in its head, so it spreads to nothing when the walk reaches it, and a
  // concatenation's own entry is never changed by the walk.
  for (const set of [scan.bad, scan.whole, scan.listUnknown, scan.notStrInt, scan.notBool, scan.notList])
    set.forEach((n) => {
      if (n.includes(CONCAT)) for (const m of spread(n)) set.add(m);
    });
  for (const map of [scan.ok, scan.boolOk, scan.listFit, scan.dictLooped])
    map.forEach((sites, n) => {
      if (n.includes(CONCAT)) for (const m of spread(n)) map.set(m, [...(map.get(m) ?? []), ...sites]);
    });
  scan.misfit.forEach((site, n) => {
    if (n.includes(CONCAT)) for (const m of spread(n)) if (!scan.misfit.has(m)) scan.misfit.set(m, site);
  });
  const head = (n: string) => n.slice(0, n.indexOf('.') < 0 ? n.length : n.indexOf('.'));
  for (const d of [...scan.defaults])
    for (const m of spread(d.name)) {
      // `a+b.f | default(a+b.g)` (fields of the same item): a's f falls back on a's g, b's on b's.
      const f = d.fallbackField;
      const same = f !== undefined && head(f) === head(d.name);
      scan.defaults.push({ ...d, name: m, ...(same ? { fallbackField: head(m) + f.slice(head(f).length) } : {}) });
    }
}

/**
 * A use that relies on a text-or-integer contract: not `is defined` nor a truth test (each reads any
 * value as Ansible does), nor a variable handed on whole (whose own uses are counted), nor a field's
 * `| length` (the helper's agrees with Python's len() on any value), nor a lone `{{ x }}` stored in a
 * variable's data (x handed on unchanged).
 */
export const valued = (s: UseSite): boolean =>
  s.how !== 'tested' && s.how !== 'truth-tested' && s.how !== 'aliased' && s.how !== 'counted' && s.how !== 'stored';

/** Enough for the chains of defaults seen in real roles (`a | default(b)`, b = `c | default(d)`, ...). */
const MAX_ROUNDS = 4;

/**
 * The rounds above start from no contract, so a default whose fallback is typed only by the contract
 * that default decides stays unknown: OpenStack-Ansible's `x | default(a)` beside `a: "{{ x |
 * default('http') }}"` (a is text or an integer only if x is, and x is only if a is). Started instead
 * from every candidate text-or-integer, the rounds drop each contract a use refutes until none
 * changes: the contracts then are a fixed point, each justified by the others, and every one of them
 * is checked when the run starts (A2C::Inputs.check!), so a value breaking one fails the run by name
 * before any read relies on it. Kept only where the rounds settle and keep every contract the rounds
 * from none gave, of the same type (a superset, never a different answer); otherwise undefined.
 */
function widestContracts(
  scan: UseScan,
  candidates: readonly string[],
  asText: ReadonlySet<string>,
  fallbackType: (e: Expr, contracts: ReadonlyMap<string, InferredType>) => VarType,
  least: ReadonlyMap<string, InferredContract>,
): Decision | undefined {
  let known = new Map<string, InferredType>(candidates.map((n) => [n, least.get(n)?.type ?? 'str|int']));
  for (let round = 0; round < MAX_ROUNDS * 2; round++) {
    const next = decide(scan, candidates, asText, (e) => fallbackType(e, known));
    const settled = next.contracts.size === known.size && [...next.contracts].every(([n, c]) => known.get(n) === c.type);
    if (settled) {
      const superset = [...least].every(([n, c]) => next.contracts.get(n)?.type === c.type);
      return superset && next.contracts.size > least.size ? next : undefined;
    }
    known = new Map([...next.contracts].map(([n, c]) => [n, c.type]));
  }
  return undefined;
}

/** What a round decides: the candidates' contracts, and every name's text-or-integer uses once the defaults are judged. */
interface Decision {
  contracts: Map<string, InferredContract>;
  ok: ReadonlyMap<string, UseSite[]>;
  notStrInt: ReadonlySet<string>;
  boolOk: ReadonlyMap<string, UseSite[]>;
  notBool: ReadonlySet<string>;
  misfit: ReadonlyMap<string, UseSite>;
}

/** The contracts of the candidates, the defaults' fallbacks typed by `fallbackType`. */
function decide(scan: UseScan, candidates: readonly string[], asText: ReadonlySet<string>, fallbackType: (e: Expr) => VarType): Decision {
  const ok = new Map([...scan.ok].map(([n, l]) => [n, [...l]]));
  const boolOk = new Map([...scan.boolOk].map(([n, l]) => [n, [...l]]));
  const notStrInt = new Set(scan.notStrInt);
  const notBool = new Set(scan.notBool);
  const misfit = new Map(scan.misfit);
  const push = (map: Map<string, UseSite[]>, d: DefaultUse) => map.set(d.name, [...(map.get(d.name) ?? []), d.site]);
  for (const d of scan.defaults) {
    const omit = d.fallback.kind === 'name' && d.fallback.name === 'omit';
    // `~` always gives text, whatever its operands (each of which is visited as interpolated).
    const concat = d.fallback.kind === 'binop' && d.fallback.op === '~';
    // A field's fallback (`v.f | default(v.g)`): text-or-integer where g is, decided with the fields (itemFields).
    const t = omit || concat || d.fallbackField !== undefined || isStrIntConst(d.fallback) ? undefined : fallbackType(d.fallback);
    // A str or int literal, `omit`, a `~`, or a value that is text or an int: x is not hinted to be of another type.
    if (d.text && (t === undefined || isStrInt(t))) push(ok, d);
    else {
      notStrInt.add(d.name);
      if (!misfit.has(d.name)) misfit.set(d.name, d.site);
    }
    // `x | default(True)`, or a fallback that is a boolean: x is one.
    if (t?.t === 'bool' || (d.fallback.kind === 'const' && typeof d.fallback.value === 'boolean')) push(boolOk, d);
    else notBool.add(d.name);
  }
  // A name's uses are its own and those of every variable that is it whole (`y: "{{ x }}"`), transitively.
  const uses = (name: string, seen: ReadonlySet<string>, type: InferredType): UseSite[] | undefined => {
    const [not, fit] = type === 'str|int' ? [notStrInt, ok] : [notBool, boolOk];
    if (scan.bad.has(name) || not.has(name) || asText.has(name) || seen.has(name)) return undefined;
    const inner = new Set([...seen, name]);
    const all = [...(fit.get(name) ?? [])];
    for (const a of scan.aliases.get(name) ?? []) {
      const theirs = uses(a.to, inner, type);
      if (theirs === undefined) return undefined;
      all.push(a.site, ...theirs);
    }
    return all;
  };
  const out = new Map<string, InferredContract>();
  for (const name of candidates) {
    const sites = uses(name, new Set(), 'str|int');
    // `is defined` or a truth test alone says nothing of the value's type (a list is tested so too): no contract.
    if (sites?.some(valued)) {
      out.set(name, { type: 'str|int', sites });
      continue;
    }
    // A boolean: only where a use says so (`| bool`, `| ternary`, a boolean default); a truth test alone does not (a list is tested so too).
    const bools = uses(name, new Set(), 'bool');
    if (bools?.some((s) => s.how === 'filtered' || s.how === 'default')) out.set(name, { type: 'bool', sites: bools });
  }
  return { contracts: out, ok, notStrInt, boolOk, notBool, misfit };
}

/**
 * Each template a task renders in a loop over one of `lists` (or a template includes where their
 * loop variables are bound), read with the loop variable bound: its field reads join the scan's
 * (a separate scan: the variables' own uses were counted once already).
 */
function readBoundTemplates(
  scan: UseScan,
  project: Project,
  wanted: ReadonlySet<string>,
  templateText: (file: string) => string | undefined,
  parse: TemplateParser | undefined,
  /** The dicts bound everywhere as roots (empty and unset dicts): their fields' defaults read with the loop variables bound. */
  roots: readonly string[] = [],
): void {
  const roleOf = new Map<TaskItem, string>();
  for (const role of project.roles.values()) {
    const mark = (i: TaskItem): void => {
      roleOf.set(i, role.dir);
      if (i.kind === 'block') [...i.block, ...i.rescue, ...i.always].forEach(mark);
    };
    for (const list of [...role.taskFiles.values(), ...role.handlerFiles.values()]) list.forEach(mark);
  }
  const templates = new Map([...project.roles.values()].map((r) => [r.dir, new Set(r.templates)]));
  readBoundIncludes(scan, project, wanted, roleOf);
  // Each template read with the loop variables bound, once per binding (an include may name itself).
  const seen = new Set<string>();
  for (let i = 0; i < scan.boundTemplates.length; i++) {
    const t = scan.boundTemplates[i]!;
    const lists = [...new Set([...t.bound.values()].map((b) => b.list))].filter((l) => wanted.has(l));
    if (lists.length === 0) continue;
    let file = t.file;
    const src = t.src;
    if (t.item && typeof src === 'object') {
      // A templated src: the translator renders each of the role's templates with the task's variables (modules/files.ts templatedSource).
      const dir = roleOf.get(t.item);
      const all = dir === undefined ? undefined : templates.get(dir);
      if (all === undefined || all.size === 0) for (const l of lists) scan.itemsUnknown(l);
      else for (const rel of [...all].sort()) scan.boundTemplates.push({ ...t, src: rel });
      continue;
    }
    if (t.item && typeof src === 'string') {
      const dir = roleOf.get(t.item);
      const rel = src.replace(/^templates\//, '');
      file = dir !== undefined && templates.get(dir)?.has(rel) ? `${dir ? `${dir}/` : ''}templates/${rel}` : undefined;
    }
    const text = file === undefined ? undefined : templateText(file);
    if (file === undefined || text === undefined) {
      for (const l of lists) scan.itemsUnknown(l);
      continue;
    }
    // Read again for other loop variables, or other locals of the including template.
    const key = `${file}\0${JSON.stringify([...t.bound])}\0${JSON.stringify([...(t.locals?.names ?? [])])}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const sub = new UseScan(undefined, roots);
    sub.bound = new Map(t.bound);
    // A task's loop variable is one of the template's variables (an include's are an enclosing loop's).
    if (t.item) sub.templateVars = new Set(t.bound.values());
    sub.template(text, file, parse?.peek, t.locals);
    // Only the bound lists' fields: the template's own loops were read by the first scan.
    for (const list of lists) scan.absorb(sub, list);
    rejudgeRootDefaults(scan, sub, file, new Set(t.bound.keys()), roots);
    for (const l of sub.listUnknown) scan.itemsUnknown(l);
    scan.boundTemplates.push(...sub.boundTemplates);
  }
}

/**
 * A root dict's field defaulted to a loop variable's field (`value.backend_name |
 * default(service.name)` in a template a task renders in a loop over services): read alone, the
 * first scan saw `service` as a variable of no known type, and the fallback made the field no
 * text-or-integer. Read with the loop variable bound, the fallback is the item's field (`L.name`),
 * judged with the fields (itemFields): that reading replaces the first. Defaults the bound reading
 * does not give again stay as they were.
 */
function rejudgeRootDefaults(scan: UseScan, sub: UseScan, file: string, loopVars: ReadonlySet<string>, roots: readonly string[]): void {
  if (roots.length === 0 || loopVars.size === 0) return;
  const rootField = (n: string) => roots.some((r) => n.startsWith(`${r}.`));
  const sameSite = (a: DefaultUse, b: DefaultUse) => a.name === b.name && a.site.file === b.site.file && a.site.line === b.site.line;
  for (const again of sub.defaults) {
    if (again.fallbackField === undefined || !rootField(again.name) || again.site.file !== file) continue;
    const i = scan.defaults.findIndex(
      (d) => d.fallbackField === undefined && sameSite(d, again) && loopVars.has(baseName(d.fallback) ?? ''),
    );
    if (i >= 0) scan.defaults.splice(i, 1, again);
  }
}

/** The variable a field read starts from (`service` of `service.a.b`, `service['a']`). */
function baseName(e: Expr): string | undefined {
  if (e.kind === 'name') return e.name;
  return e.kind === 'getattr' || e.kind === 'getitem' ? baseName(e.node) : undefined;
}

/**
 * Each task file an include_tasks/import_tasks in a loop over one of `lists` names (item-uses.ts
 * itemLoop), found as Ansible finds it in the including task's role: its tasks read with the loop
 * variable bound, their field reads joining the scan's as a template's do (and the templates and
 * files they render or include in turn). A file not found in the role leaves the items unknown.
 */
function readBoundIncludes(scan: UseScan, project: Project, wanted: ReadonlySet<string>, roleOf: ReadonlyMap<TaskItem, string>): void {
  const roles = new Map([...project.roles.values()].map((r) => [r.dir, r]));
  const seen = new Set<string>();
  for (let i = 0; i < scan.boundIncludes.length; i++) {
    const inc = scan.boundIncludes[i]!;
    const lists = [...new Set([...inc.bound.values()].map((b) => b.list))].filter((l) => wanted.has(l));
    if (lists.length === 0) continue;
    const dir = roleOf.get(inc.item);
    const role = dir === undefined ? undefined : roles.get(dir);
    const exists = (p: string) => p.startsWith('tasks/') && role?.taskFiles.has(p.slice('tasks/'.length)) === true;
    const found = role && staticIncludeTarget(inc.item as Task, role.dir, inc.file, exists);
    const tasks = found && 'taskFile' in found ? role.taskFiles.get(found.taskFile) : undefined;
    if (!found || !('taskFile' in found) || tasks === undefined) {
      for (const l of lists) scan.itemsUnknown(l);
      continue;
    }
    const key = `${dir}\0${found.taskFile}\0${JSON.stringify([...inc.bound])}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const sub = new UseScan();
    sub.bound = new Map(inc.bound);
    for (const t of tasks) sub.item(t);
    for (const list of lists) scan.absorb(sub, list);
    for (const l of sub.listUnknown) scan.itemsUnknown(l);
    scan.boundTemplates.push(...sub.boundTemplates);
    scan.boundIncludes.push(...sub.boundIncludes);
  }
}

/**
 * The fields of each list's items whose every use the scan saw fits one contract (the defaults as
 * the last round judged them), with those uses; a list read whole, or whose items are used unseen,
 * has none. A field whose default() falls back on another field is text-or-integer only where that
 * one is too. Given the lists later: the lists and the empty dicts are asked of the same scan, and
 * the indexes of its names, sorted once for both, were half of this function at 1000 roles.
 */
function itemFields(
  scan: UseScan,
  decided: Decision,
  scalars: ReadonlyMap<string, UseSite[]>,
): (lists: readonly string[]) => { items: Map<string, Map<string, FieldUse>>; kept: Map<string, Map<string, string>> } {
  const dropped = new Map<string, string>();
  const strint = new Set(
    [...decided.ok.keys()].filter((n) => n.includes('.') && !isLocalName(n) && !scan.bad.has(n) && !decided.notStrInt.has(n)),
  );
  // Drop, until none changes, a field whose default() falls back on a field that is not text-or-integer.
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of scan.defaults)
      if (d.fallbackField !== undefined && strint.has(d.name) && !strint.has(d.fallbackField)) {
        strint.delete(d.name);
        dropped.set(d.name, `${useSite(d.site)}, falling back on a field of no contract`);
        changed = true;
      }
  }
  // The names a field may be, and those some use names, each found by its list's prefix (not a pass over all per list).
  const named = new NamePrefixes([...decided.ok.keys(), ...decided.boolOk.keys(), ...scan.dictLooped.keys(), ...scalars.keys()]);
  const used = new NamePrefixes([
    ...decided.ok.keys(),
    ...decided.boolOk.keys(),
    ...scan.bad,
    ...decided.notStrInt,
    ...scan.dictLooped.keys(),
  ]);
  const fieldsOf = (prefix: string): Map<string, FieldUse> => {
    const out = new Map<string, FieldUse>();
    for (const n of named.startingWith(`${prefix}.`)) {
      const rest = n.slice(prefix.length + 1);
      // `L.f[]`: the elements of a list field, whose uses are the list's contract's (scalarLists).
      if (rest.includes('\0') || rest.endsWith('[]') || scan.bad.has(n)) continue;
      const use = fieldUse(n);
      if (use) out.set(rest, use);
    }
    return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
  };
  const fieldUse = (n: string): FieldUse | undefined => {
    const ok = decided.ok.get(n) ?? [];
    const looped = scan.dictLooped.get(n);
    // Iterated as a dict, and otherwise only tested with `is defined`: its values' fields are proved as an item's are.
    if (looped) {
      if (decided.notStrInt.has(n) || ok.some((s) => s.how !== 'tested') || scan.listUnknown.has(dictValues(n))) return undefined;
      return { sites: [...looped, ...ok], dict: { fields: fieldsOf(dictValues(n)) } };
    }
    // Iterated with each element used as text or an integer, or joined: a list of those.
    const list = scalars.get(n);
    if (list) return { type: 'list[str|int]', sites: list };
    if (strint.has(n)) return { sites: ok, ...(ok.some(valued) ? { type: 'str|int' as const } : {}) };
    // A boolean: where a use says so (`| bool`, a boolean default), as for a variable (decide()).
    const bools = decided.boolOk.get(n);
    if (!decided.notBool.has(n) && bools?.some((s) => s.how === 'filtered' || s.how === 'default')) return { type: 'bool', sites: bools };
    return undefined;
  };
  const unseen = 'read as a list or where the scan does not follow it (whole, iterated, counted, by an include)';
  return (lists) => {
    const out = new Map<string, Map<string, FieldUse>>();
    const kept = new Map<string, Map<string, string>>();
    for (const list of lists) {
      if (scan.whole.has(list) || scan.listUnknown.has(list)) {
        // A template's own name iterated is no variable of the input's.
        if (!scan.templateNames.has(list)) kept.set(list, new Map([['', `its items are ${unseen}`]]));
        continue;
      }
      const fields = fieldsOf(list);
      if (fields.size > 0) out.set(list, fields);
      // Every field some use names that has no contract, with the first use none fits.
      const why = new Map<string, string>();
      for (const n of used.startingWith(`${list}.`)) {
        if (isLocalName(n) || n.endsWith('[]') || contracted(fields, n.slice(list.length + 1))) continue;
        const site = decided.misfit.get(n);
        const reason = dropped.get(n) ?? (site ? useSite(site) : scan.listUnknown.has(dictValues(n)) ? `its values are ${unseen}` : unseen);
        why.set(n.slice(list.length + 1).replaceAll('\0*', '.*'), reason);
      }
      if (why.size > 0) kept.set(list, new Map([...why].sort(([a], [b]) => (a < b ? -1 : 1))));
    }
    return { items: out, kept };
  };
}

/** Whether `rest` (`f`, or `f\0*.g` of a dict field's values) names a field the contracts hold. */
function contracted(fields: ReadonlyMap<string, FieldUse>, rest: string): boolean {
  const cut = rest.indexOf('\0*.');
  if (cut < 0) return fields.has(rest);
  const dict = fields.get(rest.slice(0, cut))?.dict;
  return dict !== undefined && contracted(dict.fields, rest.slice(cut + 3));
}

/** `printed at templates/a.j2:3`, `printed (as port) at ...` for a use through a template's local. */
export function useSite(s: UseSite): string {
  return `${s.how}${s.via ? ` (as ${s.via})` : ''} at ${s.file}:${s.line}`;
}

/**
 * The lists of text or integers: each name `eligible` allows (a variable, or an item's field `L.f`)
 * that a use iterates or joins, no use reads otherwise, and whose elements (`L[]`) are only used as
 * text or an integer (the defaults as the last round judged them): with those uses, the lists' first.
 */
function scalarLists(scan: UseScan, decided: Decision, eligible: (name: string) => boolean): Map<string, UseSite[]> {
  const out = new Map<string, UseSite[]>();
  for (const [name, sites] of [...scan.listFit].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!eligible(name) || scan.notList.has(name)) continue;
    const elems = `${name}[]`;
    if (scan.bad.has(elems) || decided.notStrInt.has(elems)) continue;
    const elemSites = decided.ok.get(elems) ?? [];
    // Iterated with its elements unused, or only truth-tested: nothing says what they are.
    if (elemSites.every((s) => s.how === 'truth-tested') && !sites.some((s) => s.how === 'joined')) continue;
    out.set(name, [...sites, ...elemSites]);
  }
  return out;
}

/** `printed at templates/a.j2:3, compared at tasks/main.yml:9, …` (the first three uses). */
export function useSites(sites: readonly UseSite[]): string {
  const shown = sites.slice(0, 3).map(useSite);
  return `${shown.join(', ')}${sites.length > 3 ? `, and ${sites.length - 3} more` : ''}`;
}
