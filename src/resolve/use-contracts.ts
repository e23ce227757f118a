// Contracts inferred from use (issue 14): a variable that no input source sets and nothing declares
// is of unknown type, so every read of it keeps the A2C::Jinja helpers. Where EVERY use of it means
// the same for a Python str and int as for a Ruby String and Integer, its contract is "text or
// integer" (VarType 'strint'): printed into a template or interpolated into text, `x | default(y)`
// printed or rendered (y a str or int literal, `omit`, or a variable set only to ints and plain text),
// `x is [not] defined`, `==`/`!=` against a str or int literal, an operand of `~`, or read whole by a
// variable (`y: "{{ x }}"`) whose own uses are all such.
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
import type { Span } from '../base/diagnostics.js';
import type { Project, TaskItem } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import {
  ANSIBLE_JINJA_SETTINGS,
  applyWhitespace,
  containsJinja,
  parseExpression,
  parseString,
  parseTemplate,
  type Expr,
  type Node,
} from '../load/jinja/index.js';
import { walkDefinitions } from './definitions.js';
import { MAGIC_VARIABLES } from '../base/magic-variables.js';
import { isStrInt, type VarType } from './types.js';
import type { TemplateParser } from '../load/jinja/template-parses.js';

/** Keywords whose strings are bare Jinja expressions (Ansible wraps them in `{% if %}`). */
const CONDITION_KEYWORDS: ReadonlySet<string> = new Set(['when', 'failed_when', 'changed_when', 'until']);
/** Module arguments that are bare expressions: debug's var (printed as its repr), assert's that. */
const EXPRESSION_ARGS: ReadonlyMap<string, string> = new Map([
  ['ansible.builtin.debug', 'var'],
  ['ansible.builtin.assert', 'that'],
]);
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
const DEFAULT_FILTERS = new Set(['default', 'd', 'ansible.builtin.default']);
const LONE_NAME = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
const ROLE_INCLUDES = new Set(['ansible.builtin.include_role', 'ansible.builtin.import_role']);
const DEFINED_TESTS = new Set(['defined', 'undefined', 'ansible.builtin.defined', 'ansible.builtin.undefined']);
/** Filters that read their input as a boolean (Python's bool(), or Ansible's `| bool`). */
const BOOLEAN_FILTERS = new Set(['bool', 'ansible.builtin.bool', 'ternary', 'ansible.builtin.ternary']);

/** Whether a YAML string is a bare Jinja expression: no, yes, or yes and a condition (truth-tested). */
type Expression = boolean | 'cond';
const conditionOf = (keyword: string): Expression => (CONDITION_KEYWORDS.has(keyword) ? 'cond' : false);

/** Where the use that a name is printed or compared at was found, for the report. */
export interface UseSite {
  file: string;
  line: number;
  how: 'printed' | 'interpolated' | 'compared' | 'tested' | 'default' | 'aliased' | 'filtered' | 'truth-tested' | 'passed';
}

/** The contracts a use admits: text-or-integer or not, and for a boolean no, yes, or yes and says it is one. */
interface Fits {
  strint: boolean;
  bool: 'no' | 'yes' | 'evidence';
}

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
interface DefaultUse {
  name: string;
  site: UseSite;
  /** Printed, interpolated or rendered alone: text-or-integer where y hints text. */
  text: boolean;
  fallback: Expr;
}

class UseScan {
  constructor(
    /** The roles of the input: an include of another is a TODO (A2C-MISSING-ROLE) that reads nothing. */
    private readonly roles?: ReadonlySet<string>,
  ) {}

  /** Uses that fit text-or-integer, by name. */
  readonly ok = new Map<string, UseSite[]>();
  /** Uses that fit no contract. */
  readonly bad = new Set<string>();
  /** Names a use of which does not fit text-or-integer, or does not fit a boolean. */
  readonly notStrInt = new Set<string>();
  readonly notBool = new Set<string>();
  /** Uses that fit a boolean, by name. */
  readonly boolOk = new Map<string, UseSite[]>();
  readonly defaults: DefaultUse[] = [];
  /** `y: "{{ x }}"` (a variable definition that is x whole): x -> y, whose uses are x's too. */
  readonly aliases = new Map<string, Array<{ to: string; site: UseSite }>>();

  /** A variable definition's value: an alias of another variable, or strings to scan. */
  definition(name: string, value: YNode): void {
    const alias =
      value.kind === 'scalar' && typeof value.value === 'string' && !value.unsafe ? LONE_NAME.exec(value.value)?.[1] : undefined;
    if (alias === undefined) return this.yaml(value);
    const list = this.aliases.get(alias) ?? [];
    list.push({ to: name, site: { file: value.span.file, line: value.span.line, how: 'aliased' } });
    this.aliases.set(alias, list);
  }

  private good(name: string, site: UseSite, fits: Fits = { strint: true, bool: 'no' }): void {
    const push = (map: Map<string, UseSite[]>) => {
      const list = map.get(name) ?? [];
      list.push(site);
      map.set(name, list);
    };
    if (fits.strint) push(this.ok);
    else this.notStrInt.add(name);
    if (fits.bool === 'no') this.notBool.add(name);
    else push(this.boolOk);
  }

  /** A name read by `e` in context `ctx`, or `e`'s own names visited as other uses. */
  expr(e: Expr, ctx: Ctx, at: (how: UseSite['how']) => UseSite): void {
    const fallback = defaultOf(e);
    if (e.kind === 'name' || fallback) {
      const name = e.kind === 'name' ? e.name : fallback!.name;
      // `"{{ x | default(y) }}"` alone renders to text too (only `{{ name }}` alone keeps its value).
      if (fallback)
        this.defaults.push({
          name,
          site: at('default'),
          text: ctx === 'print' || ctx === 'text' || ctx === 'lone',
          fallback: fallback.value,
        });
      // A name printed, interpolated, handed on or truth-tested reads a boolean as Python does.
      const strint = ctx === 'print' || ctx === 'text';
      const bool: Fits['bool'] = ctx === 'other' ? 'no' : 'yes';
      const how: Record<Ctx, UseSite['how']> = {
        print: 'printed',
        text: 'interpolated',
        lone: 'passed',
        cond: 'truth-tested',
        other: 'passed',
      };
      if (!fallback) this.good(name, at(how[ctx]), { strint, bool });
      // The fallback is printed where x would be (alone, rendered to text).
      if (fallback) this.expr(fallback.value, ctx === 'lone' ? 'text' : ctx, at);
      return;
    }
    // `x | bool`, `x | ternary(a, b)`: x is read as a boolean.
    if (e.kind === 'filter' && e.node.kind === 'name' && BOOLEAN_FILTERS.has(e.name) && !e.dynArgs && !e.dynKwargs) {
      this.good(e.node.name, at('filtered'), { strint: false, bool: 'evidence' });
      for (const c of children(e).slice(1)) this.expr(c, 'other', at);
      return;
    }
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
      const [l, r] = [plainOperand(e.left), plainOperand(e.right)];
      if (l !== undefined && isStrIntConst(e.right)) return this.good(l, at('compared'));
      if (r !== undefined && isStrIntConst(e.left)) return this.good(r, at('compared'));
    }
    // `~` makes text of both operands, the same text for a str and an int.
    if (e.kind === 'binop' && e.op === '~') {
      this.expr(e.left, 'text', at);
      this.expr(e.right, 'text', at);
      return;
    }
    if (e.kind === 'test' && DEFINED_TESTS.has(e.name) && e.node.kind === 'name' && e.args.length === 0 && e.kwargs.length === 0)
      return this.good(e.node.name, at('tested'), { strint: true, bool: 'yes' });
    for (const child of children(e)) this.expr(child, 'other', at);
  }

  /** Template nodes: outputs are `ctx`, statement expressions other uses; names a template binds are never contracts. */
  nodes(list: readonly Node[], ctx: Ctx, at: (pos: { line: number }) => (how: UseSite['how']) => UseSite): void {
    for (const n of list) {
      switch (n.kind) {
        case 'output':
          this.expr(n.expr, ctx, at(n.pos));
          break;
        case 'if':
          for (const b of n.branches) {
            this.expr(b.test, 'cond', at(b.test.pos));
            this.nodes(b.body, ctx, at);
          }
          if (n.else) this.nodes(n.else, ctx, at);
          break;
        case 'for':
          this.bind(n.target);
          this.expr(n.iter, 'other', at(n.pos));
          if (n.filter) this.expr(n.filter, 'other', at(n.pos));
          this.nodes(n.body, ctx, at);
          if (n.else) this.nodes(n.else, ctx, at);
          break;
        case 'set':
          this.bind(n.target);
          this.expr(n.value, 'other', at(n.pos));
          break;
        case 'setblock':
          this.bind(n.target);
          this.nodes(n.body, 'other', at);
          break;
        case 'macro':
          this.bad.add(n.name);
          for (const p of n.params) this.bad.add(p.name);
          this.nodes(n.body, ctx, at);
          break;
        case 'callblock':
          for (const p of n.params) this.bad.add(p.name);
          this.expr(n.call, 'other', at(n.pos));
          this.nodes(n.body, ctx, at);
          break;
        case 'filterblock':
          this.nodes(n.body, 'other', at);
          break;
        case 'with':
          for (const t of n.targets) {
            this.bind(t.target);
            this.expr(t.value, 'other', at(n.pos));
          }
          this.nodes(n.body, ctx, at);
          break;
        case 'include':
          this.expr(n.template, 'other', at(n.pos));
          break;
        case 'import':
          if (n.alias) this.bad.add(n.alias);
          for (const x of n.names) this.bad.add(x.alias ?? x.name);
          break;
        case 'other':
          // A tag the translator does not read (do, extends, block...): what it names is not known.
          for (const m of n.source.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) this.bad.add(m[0]);
          if (n.body) this.nodes(n.body, 'other', at);
          break;
        default:
          break;
      }
    }
  }

  private bind(target: Expr): void {
    if (target.kind === 'name') this.bad.add(target.name);
    else for (const c of children(target)) this.bind(c);
  }

  /** A string of the input's YAML: a template, or a bare expression where `expression` (a condition where 'cond'). */
  string(text: string, span: Span, expression: Expression): void {
    const at = () => (how: UseSite['how']) => ({ file: span.file, line: span.line, how });
    if (expression && !containsJinja(text)) {
      const p = parseExpression(text);
      if (p.ok) this.expr(p.value, expression === 'cond' ? 'cond' : 'other', at());
      else this.unreadable(text);
      return;
    }
    if (!containsJinja(text)) return;
    const p = parseString(text);
    if (!p.ok) return this.unreadable(text);
    const nodes = applyWhitespace(p.value, { ...ANSIBLE_JINJA_SETTINGS, keepTrailingNewline: true });
    const lone = nodes.length === 1 && nodes[0]!.kind === 'output';
    this.nodes(nodes, lone ? 'lone' : 'text', at);
  }

  template(text: string, file: string, parse: (text: string) => ReturnType<typeof parseTemplate> = parseTemplate): void {
    const p = parse(text);
    if (!p.ok) return this.unreadable(text);
    this.nodes(p.value.nodes, 'print', (pos) => (how) => ({ file, line: pos.line, how }));
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
    for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) this.bad.add(m[0]);
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
    const unread = item.kind !== 'block' && this.includesMissingRole(item);
    for (const [k, v] of item.keywords) {
      if (k === 'name') {
        this.yaml(v);
        continue;
      }
      // Task and block vars, loop variables: names the task binds, not variables set outside.
      if (k === 'vars' && v.kind === 'map') for (const e of v.entries) this.yaml(e.key, true);
      if (k === 'loop_control' && v.kind === 'map')
        for (const e of v.entries) if (e.value.kind === 'scalar' && typeof e.value.value === 'string') this.bad.add(e.value.value);
      if (k === 'register' && v.kind === 'scalar' && typeof v.value === 'string') this.bad.add(v.value);
      if (!unread) this.yaml(v, conditionOf(k));
    }
    if (unread) return;
    if (item.kind === 'block') {
      for (const i of [...item.block, ...item.rescue, ...item.always]) this.item(i);
      return;
    }
    const expressionArg = EXPRESSION_ARGS.get(item.module);
    for (const a of item.args) this.yaml(a.value, a.key === expressionArg && (item.module === 'ansible.builtin.assert' ? 'cond' : true));
    this.yaml(item.freeForm);
  }
}

/**
 * `x | default(y)` (one argument: with `boolean` true, '' and 0 fall back, '0' does not): the name
 * and the fallback. Whatever y is, x where defined prints the same for a str and an int.
 */
function defaultOf(e: Expr): { name: string; value: Expr } | undefined {
  if (e.kind !== 'filter' || !DEFAULT_FILTERS.has(e.name) || e.node.kind !== 'name' || e.args.length !== 1) return undefined;
  if (e.kwargs.length > 0 || e.dynArgs || e.dynKwargs) return undefined;
  return { name: e.node.name, value: e.args[0]! };
}

/** `x` or `x | default(<str or int literal>)`: the name, else undefined. */
function plainOperand(e: Expr): string | undefined {
  if (e.kind === 'name') return e.name;
  if (
    e.kind === 'filter' &&
    DEFAULT_FILTERS.has(e.name) &&
    e.node.kind === 'name' &&
    e.args.length === 1 &&
    e.kwargs.length === 0 &&
    !e.dynArgs &&
    !e.dynKwargs &&
    isStrIntConst(e.args[0]!)
  )
    return e.node.name;
  return undefined;
}

/** A str or int literal (not a bool, a float or None). */
function isStrIntConst(e: Expr): boolean {
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

/** Every string constant of an expression tree (a variable may be read by its name as text). */
function stringConstants(tree: unknown, out: Set<string>): void {
  if (Array.isArray(tree)) for (const x of tree) stringConstants(x, out);
  else if (tree && typeof tree === 'object') {
    const n = tree as { kind?: string; value?: unknown };
    if (n.kind === 'const' && typeof n.value === 'string') out.add(n.value);
    for (const [k, v] of Object.entries(tree)) if (k !== 'pos' && typeof v === 'object') stringConstants(v, out);
  }
}

/** A contract inferred from use: its type in the grammar of `[extra-var-types]`. */
export type InferredType = 'str|int' | 'bool';
export interface InferredContract {
  type: InferredType;
  sites: UseSite[];
}

/**
 * The variables of a "text or integer" or a "bool" contract, each with the sites of its uses: names
 * that no definition of `defined` sets, that are not registered, given by Ansible, bound by a task or
 * a template, nor written as a string anywhere, and whose every use is one of those above, one at
 * least using its value (not only `is defined`).
 */
export function inferredContracts(
  project: Project,
  tasks: readonly TaskItem[],
  defined: (name: string) => boolean,
  templateText: (file: string) => string | undefined,
  /**
   * The type of a default()'s fallback expression, the variables it reads typed by their definitions
   * and by the contracts inferred so far (with `omit`, Ansible's `ansible_host` and `inventory_hostname` text).
   */
  fallbackType: (e: Expr, contracts: ReadonlyMap<string, InferredType>) => VarType,
  /** The run's shared template parses (template-parses.ts): read without taking them from the translator. */
  parse?: TemplateParser,
): Map<string, InferredContract> {
  const scan = new UseScan(new Set(project.roles.keys()));
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
  // Names read as text (`vars['x']`) anywhere: their uses are not all visible.
  const asText = new Set<string>();
  const collect = (s: string, expression: boolean) => {
    if (!containsJinja(s) && !expression) return;
    const p = expression && !containsJinja(s) ? parseExpression(s) : parseString(s);
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
  const candidates = [...new Set([...scan.ok.keys(), ...scan.boolOk.keys(), ...scan.aliases.keys(), ...scan.defaults.map((d) => d.name)])]
    .filter((name) => !GIVEN.has(name) && !MAGIC_VARIABLES.has(name) && !name.startsWith('ansible_') && !defined(name))
    .sort();
  // Each round decides the defaults by the contracts of the round before, until none changes (a
  // fallback typed by a contract can give another one: a chain of defaults).
  let contracts = new Map<string, InferredContract>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = decide(scan, candidates, asText, (e) => fallbackType(e, new Map([...contracts].map(([n, c]) => [n, c.type]))));
    const same = next.size === contracts.size && [...next].every(([n, c]) => contracts.get(n)?.type === c.type);
    contracts = next;
    if (same) break;
  }
  return contracts;
}

/** Enough for the chains of defaults seen in real roles (`a | default(b)`, b = `c | default(d)`, ...). */
const MAX_ROUNDS = 4;

/** The contracts of the candidates, the defaults' fallbacks typed by `fallbackType`. */
function decide(
  scan: UseScan,
  candidates: readonly string[],
  asText: ReadonlySet<string>,
  fallbackType: (e: Expr) => VarType,
): Map<string, InferredContract> {
  const ok = new Map([...scan.ok].map(([n, l]) => [n, [...l]]));
  const boolOk = new Map([...scan.boolOk].map(([n, l]) => [n, [...l]]));
  const notStrInt = new Set(scan.notStrInt);
  const notBool = new Set(scan.notBool);
  const push = (map: Map<string, UseSite[]>, d: DefaultUse) => map.set(d.name, [...(map.get(d.name) ?? []), d.site]);
  for (const d of scan.defaults) {
    const omit = d.fallback.kind === 'name' && d.fallback.name === 'omit';
    const t = omit || isStrIntConst(d.fallback) ? undefined : fallbackType(d.fallback);
    // A str or int literal, `omit`, or a value that is text or an int: x is not hinted to be of another type.
    if (d.text && (t === undefined || isStrInt(t))) push(ok, d);
    else notStrInt.add(d.name);
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
    // `is defined` alone says nothing of the value's type (a list is tested so too): no contract.
    if (sites?.some((s) => s.how !== 'tested' && s.how !== 'aliased')) {
      out.set(name, { type: 'str|int', sites });
      continue;
    }
    // A boolean: only where a use says so (`| bool`, `| ternary`, a boolean default); a truth test alone does not (a list is tested so too).
    const bools = uses(name, new Set(), 'bool');
    if (bools?.some((s) => s.how === 'filtered' || s.how === 'default')) out.set(name, { type: 'bool', sites: bools });
  }
  return out;
}

/** `printed at templates/a.j2:3, compared at tasks/main.yml:9, …` (the first three uses). */
export function useSites(sites: readonly UseSite[]): string {
  const shown = sites.slice(0, 3).map((s) => `${s.how} at ${s.file}:${s.line}`);
  return `${shown.join(', ')}${sites.length > 3 ? `, and ${sites.length - 3} more` : ''}`;
}
