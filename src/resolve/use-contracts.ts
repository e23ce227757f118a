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
import { boundField, itemLoop, listSource, type Binding, type ItemUses } from './item-uses.js';

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

export class UseScan implements ItemUses {
  /** `textLike(y)`: every value y is given is an int or plain text, so `x | default(y)` hints no other type for x. */
  constructor(private readonly textLike: (name: string) => boolean) {}

  /** Names (and item fields, `L.f`: item-uses.ts) each use of which is one above, with its sites. */
  readonly ok = new Map<string, UseSite[]>();
  readonly bad = new Set<string>();
  /** Names read otherwise than as a loop's list, its length or in an `is defined` test: their items may be read unseen. */
  readonly whole = new Set<string>();
  /** Loop variables bound to the items of a list variable (item-uses.ts), where the scan is. */
  bound = new Map<string, Binding>();
  /** List variables whose items some use may read otherwise than by a field read the scan sees. */
  readonly listUnknown = new Set<string>();
  /** List variables a loop iterates, where its variable's field reads are seen. */
  readonly looped = new Set<string>();
  /**
   * Templates a task renders in a loop over a list variable (`src` as written, the task), or a
   * template includes (`file`) where loop variables are bound: read again with them bound.
   */
  readonly boundTemplates: Array<{ item?: TaskItem; src?: string; file?: string; bound: ReadonlyMap<string, Binding> }> = [];
  /** The template being read, for the includes it names. */
  private file?: string;

  /** A name used in a way the scan does not follow (neither a contract's use nor an item-field read). */
  private unknown(name: string): void {
    this.bad.add(name);
    this.whole.add(name);
  }

  /** A use of `L`'s items the scan cannot follow. */
  itemsUnknown(list: string): void {
    this.listUnknown.add(list);
  }

  /** `x`, or `v.f` of a bound loop variable as its field's name `L.f`; a bound loop variable read whole leaves its list's items unknown. */
  private nameOf(e: Expr): string | undefined {
    if (e.kind === 'name') {
      const b = this.bound.get(e.name);
      if (b) this.listUnknown.add(b.list);
      return e.name;
    }
    const f = this.bound.size > 0 ? boundField(e, this.bound) : undefined;
    return f?.kind === 'field' ? f.name : undefined;
  }
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
    // `item.1` of a with_subelements loop over a list: the sub-list's item, none of the list's fields.
    if (this.bound.size > 0 && boundField(e, this.bound)?.kind === 'elsewhere') return;
    const fallback = defaultOf(e, (x) => this.nameOf(x));
    const own = fallback ? undefined : this.nameOf(e);
    if (own !== undefined || fallback) {
      const name = own ?? fallback!.name;
      this.whole.add(name);
      if (ctx === 'print' || ctx === 'text')
        this.good(name, at(own !== undefined ? (ctx === 'print' ? 'printed' : 'interpolated') : 'default'));
      // `"{{ x | default(y) }}"` alone renders to text too (only `{{ name }}` alone keeps its value).
      else if (ctx === 'lone' && fallback) this.good(name, at('default'));
      else this.bad.add(name);
      // `x | default([])`, `default(false)`, a fallback of unknown type: x is likely of that type, not text.
      if (fallback && !this.fallbackHintsText(fallback.value)) this.bad.add(name);
      // The fallback is printed where x would be (alone, rendered to text).
      if (fallback) this.expr(fallback.value, ctx === 'lone' ? 'text' : ctx, at);
      return;
    }
    // `a.b | default(y)` of an expression that is not a name: y is printed where the value would be.
    if (e.kind === 'filter' && DEFAULT_FILTERS.has(e.name) && e.args.length === 1 && e.kwargs.length === 0 && !e.dynArgs && !e.dynKwargs) {
      this.expr(e.node, 'other', at);
      this.expr(e.args[0]!, ctx === 'lone' ? 'text' : ctx, at);
      return;
    }
    if (e.kind === 'binop' && (e.op === '==' || e.op === '!=')) {
      const [l, r] = [plainOperand(e.left, (x) => this.nameOf(x)), plainOperand(e.right, (x) => this.nameOf(x))];
      if (l !== undefined && isStrIntConst(e.right)) return this.compared(l, at);
      if (r !== undefined && isStrIntConst(e.left)) return this.compared(r, at);
    }
    // `L | length`, `L | selectattr('f', 'defined') | length`: how many items, none of their fields.
    if (e.kind === 'filter' && (e.name === 'length' || e.name === 'count') && e.args.length === 0 && e.kwargs.length === 0) {
      const list = listSource(e.node, this, at);
      if (list !== undefined) return this.listRead(list);
    }
    // `L | map(attribute='f')`: the values of field f, used as the scan does not follow.
    if (e.kind === 'filter' && e.name === 'map' && e.args.length === 0 && e.kwargs.length === 1 && e.kwargs[0]!.name === 'attribute') {
      const attr = e.kwargs[0]!.value;
      const list = attr.kind === 'const' && typeof attr.value === 'string' ? listSource(e.node, this, at) : undefined;
      if (list !== undefined) {
        this.bad.add(list);
        this.bad.add(`${list}.${(attr as { value: string }).value}`);
        return;
      }
    }
    // A lookup or query run inside a loop may template a file that reads the loop variable.
    if (e.kind === 'call' && e.node.kind === 'name' && ['lookup', 'query', 'q'].includes(e.node.name))
      for (const b of this.bound.values()) this.listUnknown.add(b.list);
    // `~` makes text of both operands, the same text for a str and an int.
    if (e.kind === 'binop' && e.op === '~') {
      this.expr(e.left, 'text', at);
      this.expr(e.right, 'text', at);
      return;
    }
    if (e.kind === 'test' && DEFINED_TESTS.has(e.name) && e.args.length === 0 && e.kwargs.length === 0) {
      const name = this.nameOf(e.node);
      if (name !== undefined) return this.good(name, at('tested'));
    }
    for (const child of children(e)) this.expr(child, 'other', at);
  }

  private compared(name: string, at: (how: UseSite['how']) => UseSite): void {
    this.whole.add(name);
    this.good(name, at('compared'));
  }

  /** A field use of the items of list `L` (item-uses.ts): `L.f` is good or bad as a name is. */
  field(list: string, field: string, site: UseSite | undefined): void {
    if (site) this.good(`${list}.${field}`, site);
    else this.bad.add(`${list}.${field}`);
  }

  /** `L` read as a list: not text (no contract of its own), its items read only where the scan follows. */
  listRead(list: string): void {
    this.bad.add(list);
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
        case 'for': {
          // `{% for v in L %}`: v.f in the body reads field f of L's items.
          const list = listSource(n.iter, this, at(n.pos));
          if (list === undefined) this.expr(n.iter, 'other', at(n.pos));
          const outer = this.bound;
          this.bound = new Map(outer);
          this.bind(n.target);
          if (list !== undefined && n.target.kind === 'name') {
            this.bound.set(n.target.name, { list });
            this.looped.add(list);
          } else if (list !== undefined) this.listUnknown.add(list);
          if (n.filter) this.expr(n.filter, 'other', at(n.pos));
          this.nodes(n.body, ctx, at);
          this.bound = outer;
          if (n.else) this.nodes(n.else, ctx, at);
          break;
        }
        case 'set':
          this.bind(n.target);
          this.expr(n.value, 'other', at(n.pos));
          break;
        case 'setblock':
          this.bind(n.target);
          this.nodes(n.body, 'other', at);
          break;
        case 'macro':
          this.unknown(n.name);
          for (const p of n.params) this.unknown(p.name);
          this.shadow(n.params.map((p) => p.name));
          this.nodes(n.body, ctx, at);
          break;
        case 'callblock':
          for (const p of n.params) this.unknown(p.name);
          this.shadow(n.params.map((p) => p.name));
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
        case 'include': {
          this.expr(n.template, 'other', at(n.pos));
          // The included template sees the loop variables: read again with them bound (itemContracts),
          // where it is named literally beside the including one; else their items' uses there are unseen.
          if (this.bound.size === 0) break;
          const name = n.template.kind === 'const' && typeof n.template.value === 'string' ? n.template.value : undefined;
          // The role's templates folder (`templates/x.j2` of a role at the input's root has no dir before it).
          const root = this.file === undefined ? -1 : `/${this.file}`.lastIndexOf('/templates/');
          if (name !== undefined && root >= 0 && n.withContext)
            this.boundTemplates.push({ file: `${this.file!.slice(0, root)}templates/${name}`, bound: new Map(this.bound) });
          else for (const b of this.bound.values()) this.listUnknown.add(b.list);
          break;
        }
        case 'import':
          if (n.alias) this.unknown(n.alias);
          for (const x of n.names) this.unknown(x.alias ?? x.name);
          this.shadow([...(n.alias ? [n.alias] : []), ...n.names.map((x) => x.alias ?? x.name)]);
          break;
        case 'other':
          // A tag the translator does not read (do, extends, block...): what it names is not known.
          for (const m of n.source.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) this.unknownWord(m[0]);
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
    if (target.kind === 'name') {
      this.unknown(target.name);
      this.shadow([target.name]);
    } else for (const c of children(target)) this.bind(c);
  }

  /** Names bound anew (`set`, a macro's parameters): no longer a loop's item where the scan is. */
  private shadow(names: readonly string[]): void {
    for (const n of names) this.bound.delete(n);
  }

  /** A word of text the scan cannot read: a name used unseen, and a bound loop variable's items with it. */
  private unknownWord(word: string): void {
    this.unknown(word);
    const b = this.bound.get(word);
    if (b) this.listUnknown.add(b.list);
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
    this.file = file;
    this.nodes(p.value.nodes, 'print', (pos) => (how) => ({ file, line: pos.line, how }));
    delete this.file;
  }

  /** Text the scan cannot parse: every name-like word in it is a use of unknown kind. */
  private unreadable(text: string): void {
    for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) this.unknownWord(m[0]);
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
    // A loop over a list variable binds its variable to the list's items in the task (item-uses.ts).
    const loop = item.kind === 'task' ? itemLoop(item, this) : undefined;
    const outer = this.bound;
    if (loop) {
      this.bound = new Map([[loop.name, loop.binding]]);
      this.looped.add(loop.binding.list);
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
        for (const e of v.entries) if (e.value.kind === 'scalar' && typeof e.value.value === 'string') this.unknown(e.value.value);
      if (k === 'register' && v.kind === 'scalar' && typeof v.value === 'string') this.unknown(v.value);
      this.yaml(v, CONDITION_KEYWORDS.has(k));
    }
    if (item.kind === 'block') {
      for (const i of [...item.block, ...item.rescue, ...item.always]) this.item(i);
      return;
    }
    const expressionArg = EXPRESSION_ARGS.get(item.module);
    for (const a of item.args) this.yaml(a.value, a.key === expressionArg);
    this.yaml(item.freeForm);
    if (loop) {
      if (loop.template !== undefined) this.boundTemplates.push({ item, src: loop.template, bound: new Map([[loop.name, loop.binding]]) });
      this.bound = outer;
    }
  }
}

/**
 * `x | default(y)` (one argument: with `boolean` true, '' and 0 fall back, '0' does not): the name
 * and the fallback. Whatever y is, x where defined prints the same for a str and an int.
 */
function defaultOf(e: Expr, nameOf: (e: Expr) => string | undefined): { name: string; value: Expr } | undefined {
  if (e.kind !== 'filter' || !DEFAULT_FILTERS.has(e.name) || e.args.length !== 1) return undefined;
  if (e.kwargs.length > 0 || e.dynArgs || e.dynKwargs) return undefined;
  const name = nameOf(e.node);
  return name === undefined ? undefined : { name, value: e.args[0]! };
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

/** Every string constant of an expression tree (a variable may be read by its name as text). */
function stringConstants(tree: unknown, out: Set<string>): void {
  if (Array.isArray(tree)) for (const x of tree) stringConstants(x, out);
  else if (tree && typeof tree === 'object') {
    const n = tree as { kind?: string; value?: unknown };
    if (n.kind === 'const' && typeof n.value === 'string') out.add(n.value);
    // Children without a list of [key, value] pairs per node: this visits every node of every string.
    for (const k in tree) {
      const v = (tree as Record<string, unknown>)[k];
      if (k !== 'pos' && typeof v === 'object') stringConstants(v, out);
    }
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
  return inferredInputContracts(project, tasks, defined, templateText, textLike, parse).vars;
}

/** The contracts of variables (inferredContracts) and of list items' fields (item-contracts.ts), from one scan. */
export interface InputContracts {
  vars: Map<string, UseSite[]>;
  /** List variable -> field -> the uses of it (only `is defined` tests: a field whose presence alone is known). */
  items: Map<string, Map<string, UseSite[]>>;
}

export function inferredInputContracts(
  project: Project,
  tasks: readonly TaskItem[],
  defined: (name: string) => boolean,
  templateText: (file: string) => string | undefined,
  textLike: (name: string) => boolean,
  parse?: TemplateParser,
  /** A list variable whose items no source gives a shape (every definition `[]`, or none): its fields may get contracts. */
  shapeless: (name: string) => boolean = () => false,
): InputContracts {
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
    // An item's field (`L.f`, item-uses.ts): item-contracts below.
    if (name.includes('.')) continue;
    const sites = uses(name, new Set());
    // `is defined` alone says nothing of the value's type (a list is tested so too): no contract.
    if (sites === undefined || !sites.some((s) => s.how !== 'tested' && s.how !== 'aliased')) continue;
    out.set(name, sites);
  }
  const given = (n: string) => GIVEN.has(n) || MAGIC_VARIABLES.has(n) || n.startsWith('ansible_');
  const candidates = [...scan.looped].filter((n) => !given(n) && shapeless(n) && !asText.has(n) && !scan.aliases.has(n));
  return { vars: out, items: candidates.length > 0 ? itemContracts(scan, project, candidates, templateText, textLike, parse) : new Map() };
}

/**
 * The fields of each candidate list's items whose every use the scan saw is a contract's use, with
 * those uses; a template a task renders in a loop over the list is read with its loop variable
 * bound (a separate scan: the variables' own uses were counted once already).
 */
function itemContracts(
  scan: UseScan,
  project: Project,
  candidates: readonly string[],
  templateText: (file: string) => string | undefined,
  textLike: (name: string) => boolean,
  parse: TemplateParser | undefined,
): Map<string, Map<string, UseSite[]>> {
  const wanted = new Set(candidates);
  const roleOf = new Map<TaskItem, string>();
  for (const role of project.roles.values()) {
    const mark = (i: TaskItem): void => {
      roleOf.set(i, role.dir);
      if (i.kind === 'block') [...i.block, ...i.rescue, ...i.always].forEach(mark);
    };
    for (const list of [...role.taskFiles.values(), ...role.handlerFiles.values()]) list.forEach(mark);
  }
  const templates = new Map([...project.roles.values()].map((r) => [r.dir, new Set(r.templates)]));
  // Each template read with the loop variables bound, once per binding (an include may name itself).
  const seen = new Set<string>();
  for (let i = 0; i < scan.boundTemplates.length; i++) {
    const t = scan.boundTemplates[i]!;
    const lists = [...new Set([...t.bound.values()].map((b) => b.list))].filter((l) => wanted.has(l));
    if (lists.length === 0) continue;
    let file = t.file;
    if (t.item && t.src !== undefined) {
      const dir = roleOf.get(t.item);
      const rel = t.src.replace(/^templates\//, '');
      file = dir !== undefined && templates.get(dir)?.has(rel) ? `${dir ? `${dir}/` : ''}templates/${rel}` : undefined;
    }
    const text = file === undefined ? undefined : templateText(file);
    if (file === undefined || text === undefined) {
      for (const l of lists) scan.itemsUnknown(l);
      continue;
    }
    const key = `${file}\0${JSON.stringify([...t.bound])}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const sub = new UseScan(textLike);
    sub.bound = new Map(t.bound);
    sub.template(text, file, parse?.peek);
    // Only the bound lists' fields: the template's own loops were read by the first scan.
    for (const list of lists) {
      const prefix = `${list}.`;
      for (const [n, sites] of sub.ok) if (n.startsWith(prefix)) for (const site of sites) scan.field(list, n.slice(prefix.length), site);
      for (const n of sub.bad) if (n.startsWith(prefix)) scan.field(list, n.slice(prefix.length), undefined);
      if (sub.whole.has(list)) scan.itemsUnknown(list);
    }
    for (const l of sub.listUnknown) scan.itemsUnknown(l);
    scan.boundTemplates.push(...sub.boundTemplates);
  }
  const out = new Map<string, Map<string, UseSite[]>>();
  for (const list of candidates) {
    if (scan.whole.has(list) || scan.listUnknown.has(list)) continue;
    const fields = new Map<string, UseSite[]>();
    for (const [n, sites] of scan.ok) {
      if (!n.startsWith(`${list}.`) || scan.bad.has(n)) continue;
      fields.set(n.slice(list.length + 1), sites);
    }
    if (fields.size > 0) out.set(list, new Map([...fields].sort(([a], [b]) => (a < b ? -1 : 1))));
  }
  return out;
}

/** `printed at templates/a.j2:3, compared at tasks/main.yml:9, …` (the first three uses). */
export function useSites(sites: readonly UseSite[]): string {
  const shown = sites.slice(0, 3).map((s) => `${s.how} at ${s.file}:${s.line}`);
  return `${shown.join(', ')}${sites.length > 3 ? `, and ${sites.length - 3} more` : ''}`;
}
