// The scan of every use of the input's variables that the contracts inferred from use rest on
// (use-contracts.ts): each name read by the Jinja of a task, variable file or template, with how its
// surroundings read it (printed, interpolated, handed on whole, truth-tested, compared, a default()'s
// input, a boolean filter's input), and the names a use makes unfit for any contract (bound by a task
// or template, registered, read in a way the scan cannot see).
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
  type Node,
} from '../load/jinja/index.js';

/** Keywords whose strings are bare Jinja expressions (Ansible wraps them in `{% if %}`). */
export const CONDITION_KEYWORDS: ReadonlySet<string> = new Set(['when', 'failed_when', 'changed_when', 'until']);
/** Module arguments that are bare expressions: debug's var (printed as its repr), assert's that. */
export const EXPRESSION_ARGS: ReadonlyMap<string, string> = new Map([
  ['ansible.builtin.debug', 'var'],
  ['ansible.builtin.assert', 'that'],
]);
const DEFAULT_FILTERS = new Set(['default', 'd', 'ansible.builtin.default']);
const LONE_NAME = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
const ROLE_INCLUDES = new Set(['ansible.builtin.include_role', 'ansible.builtin.import_role']);
const DEFINED_TESTS = new Set(['defined', 'undefined', 'ansible.builtin.defined', 'ansible.builtin.undefined']);
/** Filters that read their input as a boolean (Python's bool(), or Ansible's `| bool`). */
const BOOLEAN_FILTERS = new Set(['bool', 'ansible.builtin.bool', 'ternary', 'ansible.builtin.ternary']);

/** Whether a YAML string is a bare Jinja expression: no, yes, or yes and a condition (truth-tested). */
export type Expression = boolean | 'cond';
export const conditionOf = (keyword: string): Expression => (CONDITION_KEYWORDS.has(keyword) ? 'cond' : false);

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
export interface DefaultUse {
  name: string;
  site: UseSite;
  /** Printed, interpolated or rendered alone: text-or-integer where y hints text. */
  text: boolean;
  fallback: Expr;
}

export class UseScan {
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
