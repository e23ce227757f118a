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
const DEFINED_TESTS = new Set(['defined', 'undefined', 'ansible.builtin.defined', 'ansible.builtin.undefined']);

/** Where the use that a name is printed or compared at was found, for the report. */
export interface UseSite {
  file: string;
  line: number;
  how: 'printed' | 'interpolated' | 'compared' | 'tested' | 'default' | 'aliased';
}

/**
 * How a use's surroundings read the value: printed into a template, interpolated into text with
 * other text, the whole of a string (handed on whole: a module argument, another variable), or
 * anything else (a truth test, an operand, a filter's input).
 */
type Ctx = 'print' | 'text' | 'lone' | 'other';

class UseScan {
  /** `textLike(y)`: every value y is given is an int or plain text, so `x | default(y)` hints no other type for x. */
  constructor(private readonly textLike: (name: string) => boolean) {}

  readonly ok = new Map<string, UseSite[]>();
  readonly bad = new Set<string>();
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

  private good(name: string, site: UseSite): void {
    const list = this.ok.get(name) ?? [];
    list.push(site);
    this.ok.set(name, list);
  }

  /** A name read by `e` in context `ctx`, or `e`'s own names visited as other uses. */
  expr(e: Expr, ctx: Ctx, at: (how: UseSite['how']) => UseSite): void {
    const fallback = defaultOf(e);
    if (e.kind === 'name' || fallback) {
      const name = e.kind === 'name' ? e.name : fallback!.name;
      if (ctx === 'print' || ctx === 'text')
        this.good(name, at(e.kind === 'name' ? (ctx === 'print' ? 'printed' : 'interpolated') : 'default'));
      // `"{{ x | default(y) }}"` alone renders to text too (only `{{ name }}` alone keeps its value).
      else if (ctx === 'lone' && fallback) this.good(name, at('default'));
      else this.bad.add(name);
      // `x | default([])`, `default(false)`, a fallback of unknown type: x is likely of that type, not text.
      if (fallback && !this.fallbackHintsText(fallback.value)) this.bad.add(name);
      // The fallback is printed where x would be (alone, rendered to text).
      if (fallback) this.expr(fallback.value, ctx === 'lone' ? 'text' : ctx, at);
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
      return this.good(e.node.name, at('tested'));
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
            this.expr(b.test, 'other', at(b.test.pos));
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

  /** A str or int literal, `omit`, or a variable that is text or an int wherever it is set. */
  private fallbackHintsText(v: Expr): boolean {
    // `~` always gives text, whatever its operands (each of which is visited as interpolated).
    if (v.kind === 'binop' && v.op === '~') return true;
    return isStrIntConst(v) || (v.kind === 'name' && (v.name === 'omit' || this.textLike(v.name)));
  }

  private bind(target: Expr): void {
    if (target.kind === 'name') this.bad.add(target.name);
    else for (const c of children(target)) this.bind(c);
  }

  /** A string of the input's YAML: a template, or a bare expression where `expression`. */
  string(text: string, span: Span, expression: boolean): void {
    const at = () => (how: UseSite['how']) => ({ file: span.file, line: span.line, how });
    if (expression && !containsJinja(text)) {
      const p = parseExpression(text);
      if (p.ok) this.expr(p.value, 'other', at());
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

  /** Text the scan cannot parse: every name-like word in it is a use of unknown kind. */
  private unreadable(text: string): void {
    for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) this.bad.add(m[0]);
  }

  /** A YAML value: every string (keys too: Ansible templates both). */
  yaml(n: YNode | undefined, expression = false): void {
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
      this.yaml(v, CONDITION_KEYWORDS.has(k));
    }
    if (item.kind === 'block') {
      for (const i of [...item.block, ...item.rescue, ...item.always]) this.item(i);
      return;
    }
    const expressionArg = EXPRESSION_ARGS.get(item.module);
    for (const a of item.args) this.yaml(a.value, a.key === expressionArg);
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

/**
 * The variables of a "text or integer" contract, each with the sites of its uses: names that no
 * definition of `defined` sets, that are not registered, given by Ansible, bound by a task or a
 * template, nor written as a string anywhere, and whose every use is one of those above, one at
 * least using its value (not only `is defined`).
 */
export function inferredContracts(
  project: Project,
  tasks: readonly TaskItem[],
  defined: (name: string) => boolean,
  templateText: (file: string) => string | undefined,
  textLike: (name: string) => boolean,
  /** The run's shared template parses (template-parses.ts): read without taking them from the translator. */
  parse?: TemplateParser,
): Map<string, UseSite[]> {
  const scan = new UseScan(textLike);
  for (const item of tasks) scan.item(item);
  walkDefinitions(project, (d) => scan.definition(d.name, d.value));
  for (const book of project.playbooks)
    for (const play of book.plays) {
      for (const [k, v] of play.keywords) scan.yaml(v, CONDITION_KEYWORDS.has(k));
      for (const r of play.roles) for (const [k, v] of r.keywords) scan.yaml(v, CONDITION_KEYWORDS.has(k));
    }
  for (const role of project.roles.values()) {
    for (const dep of role.dependencies) for (const [k, v] of dep.keywords) scan.yaml(v, CONDITION_KEYWORDS.has(k));
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
  // A name's uses are its own and those of every variable that is it whole (`y: "{{ x }}"`), transitively.
  const uses = (name: string, seen: ReadonlySet<string>): UseSite[] | undefined => {
    if (scan.bad.has(name) || asText.has(name) || seen.has(name)) return undefined;
    const inner = new Set([...seen, name]);
    const all = [...(scan.ok.get(name) ?? [])];
    for (const a of scan.aliases.get(name) ?? []) {
      const theirs = uses(a.to, inner);
      if (theirs === undefined) return undefined;
      all.push(a.site, ...theirs);
    }
    return all;
  };
  const out = new Map<string, UseSite[]>();
  for (const name of [...new Set([...scan.ok.keys(), ...scan.aliases.keys()])].sort()) {
    if (GIVEN.has(name) || MAGIC_VARIABLES.has(name) || name.startsWith('ansible_') || defined(name)) continue;
    const sites = uses(name, new Set());
    // `is defined` alone says nothing of the value's type (a list is tested so too): no contract.
    if (sites === undefined || !sites.some((s) => s.how !== 'tested' && s.how !== 'aliased')) continue;
    out.set(name, sites);
  }
  return out;
}

/** `printed at templates/a.j2:3, compared at tasks/main.yml:9, …` (the first three uses). */
export function useSites(sites: readonly UseSite[]): string {
  const shown = sites.slice(0, 3).map((s) => `${s.how} at ${s.file}:${s.line}`);
  return `${shown.join(', ')}${sites.length > 3 ? `, and ${sites.length - 3} more` : ''}`;
}
