// Value flow for the audit: what an expression can hold, traced through variable definitions
// (every place a variable is set: role defaults and vars, play vars, inventories, group_vars,
// host_vars, role parameters, set_fact, task vars) down to literals and facts. Each leaf keeps the
// span where it was written, so a finding names the line to change.
import type { Span } from '../base/diagnostics.js';
import type { Project, TaskItem, VarEntry } from '../load/ansible/model.js';
import type { YNode, YScalar } from '../load/ansible/yaml.js';
import { parseString, type Expr, type Pos } from '../load/jinja/index.js';
import { classifyLiteral } from './ip.js';
import type { Rules } from './rules.js';
import { setFactNames, walkDefinitions } from '../resolve/definitions.js';

/** v4/v6: an IP address; name: a host name; wrapped: already through ipwrap or in brackets. */
export type Cls = 'v6' | 'v4' | 'name' | 'wrapped' | 'unknown' | 'other';

export interface Leaf {
  cls: Cls;
  /** Where the literal or fact reference was written. */
  span?: Span;
  literal?: string;
  /** Dotted fact name (`ansible_default_ipv4.address`) when the leaf is a fact. */
  fact?: string;
  /** An IPv4-only filter (`ipv4`, `ipaddr('ipv4')`) produced the leaf. */
  filter?: string;
  /** The variable whose definition holds this leaf (or, for unknown, the variable defined nowhere). */
  variable?: string;
  /** Set by a no_log task (its vars, its set_fact): findings do not quote the literal. */
  hidden?: boolean;
}

/** A value a name can be bound to: a YAML node (for attribute access and loops) or leaves. */
export type Val = { yaml: YNode; variable: string } | { leaves: Leaf[] };

export interface Env {
  locals: ReadonlyMap<string, Val[]>;
  spanOf: (pos: Pos) => Span;
}

/**
 * The locals of a string outside any loop: none. One map for all of them (locals are only read; a
 * binding copies them, lines.ts): a map made per scanned string was most of the audit's own
 * allocation on a large defaults file, which holds tens of thousands of strings.
 */
export const NO_LOCALS: ReadonlyMap<string, Val[]> = new Map();

/**
 * Position of a Jinja node inside a YAML scalar, as a file position. The scalar's span and style are
 * read when a position is asked for, not when the function is made: the audit makes one per scanned
 * string and most strings have no finding, while each read of a composed node's span makes an object.
 */
export function scalarSpanOf(node: YNode): (pos: Pos) => Span {
  return (p) => spanInScalar(node, p);
}

function spanInScalar(node: YNode, p: Pos): Span {
  const s = node.span;
  const style = node.kind === 'scalar' ? node.style : 'plain';
  if (style === 'literal' || style === 'folded') return { file: s.file, line: s.line + p.line, col: p.col };
  const offset = style === 'single' || style === 'double' ? 1 : 0;
  return p.line === 1 ? { ...s, col: s.col + offset + p.col - 1 } : { ...s, line: s.line + p.line - 1, col: p.col };
}

/** The dotted spelling of a name path (`ep.port`, `ansible_facts.default_ipv4.address`), or undefined. */
export function dotted(e: Expr): string | undefined {
  if (e.kind === 'name') return e.name;
  if (e.kind === 'getattr') {
    const base = dotted(e.node);
    return base === undefined ? undefined : `${base}.${e.attr}`;
  }
  if (e.kind === 'getitem' && e.arg.kind === 'const' && typeof e.arg.value === 'string') {
    const base = dotted(e.node);
    return base === undefined ? undefined : `${base}.${e.arg.value}`;
  }
  return undefined;
}

/** `ansible_facts.x` and `ansible_facts['x']` are the same fact as `ansible_x`. */
function factName(d: string): string {
  return d.startsWith('ansible_facts.') ? `ansible_${d.slice('ansible_facts.'.length)}` : d;
}

/** One variable definition as the audit reads it; `hidden` when a no_log task sets it. */
export interface Definition {
  name: string;
  node: YNode;
  span: Span;
  hidden?: boolean;
}

export class ValueFlow {
  private readonly defs = new Map<string, Definition[]>();
  private readonly memo = new Map<string, Leaf[]>();
  private readonly active = new Set<string>();
  /**
   * Every definition, in collectDefinitions' order: the variables scan (sources.ts scanVariables)
   * reads them from here. Walking the project a second time for it made every definition's two
   * objects again, a tenth of the audit on a large defaults file (issue 17).
   */
  readonly all: Definition[] = [];

  constructor(
    project: Project,
    readonly rules: Rules,
  ) {
    collectDefinitions(project, (e, hidden) => {
      const d: Definition = hidden ? { name: e.name, node: e.value, span: e.span, hidden } : { name: e.name, node: e.value, span: e.span };
      this.all.push(d);
      const list = this.defs.get(e.name);
      if (list) list.push(d);
      else this.defs.set(e.name, [d]);
    });
  }

  has(name: string): boolean {
    return this.defs.has(name);
  }

  definitions(name: string): readonly Definition[] {
    return this.defs.get(name) ?? [];
  }

  /** Every leaf a variable can end in, over all its definitions. */
  variable(name: string): Leaf[] {
    const done = this.memo.get(name);
    if (done) return done;
    if (this.active.has(name)) return [];
    this.active.add(name);
    const defs = this.defs.get(name);
    const leaves = defs
      ? defs.flatMap((d) => leavesOf(this.node(d.node, name)).map((l) => (d.hidden ? { ...l, hidden: true } : l)))
      : [{ cls: 'unknown' as const, variable: name }];
    this.active.delete(name);
    this.memo.set(name, leaves);
    return leaves;
  }

  /** The values of a YAML node: Jinja strings are followed, structures kept for attribute access. */
  node(node: YNode, variable: string): Val[] {
    if (node.kind !== 'scalar') return [{ yaml: node, variable }];
    return [{ leaves: this.scalar(node, variable) }];
  }

  private scalar(node: YScalar, variable: string): Leaf[] {
    if (typeof node.value !== 'string') return [{ cls: 'other', span: node.span, literal: String(node.value), variable }];
    const text = node.value;
    if (!text.includes('{{') && !text.includes('{%'))
      return [{ cls: literalCls(text, this.rules), span: node.span, literal: text, variable }];
    const parsed = parseString(text);
    if (!parsed.ok) return [{ cls: 'other', span: node.span, variable }];
    const nodes = parsed.value;
    const env: Env = { locals: NO_LOCALS, spanOf: scalarSpanOf(node) };
    const only = nodes.length === 1 ? nodes[0] : undefined;
    if (only?.kind === 'output') return this.expr(only.expr, env).map((l) => ({ ...l, variable: l.variable ?? variable }));
    // `[{{ addr }}]` is the bracketed form already; any other mix of text and output is a new string.
    const first = nodes[0];
    const last = nodes[nodes.length - 1];
    if (nodes.length === 3 && first?.kind === 'text' && first.text.endsWith('[') && last?.kind === 'text' && last.text.startsWith(']')) {
      return [{ cls: 'wrapped', span: node.span, variable }];
    }
    return [{ cls: 'other', span: node.span, variable }];
  }

  /** A mapping's key as a leaf: the literal as written, where it was written, in the mapping's variable. */
  keyLeaf(key: YScalar, variable: string): Leaf {
    const text = String(key.value);
    return { cls: typeof key.value === 'string' ? literalCls(text, this.rules) : 'other', span: key.span, literal: text, variable };
  }

  /** Leaves of a Jinja expression. */
  expr(e: Expr, env: Env): Leaf[] {
    return leavesOf(this.vals(e, env));
  }

  vals(e: Expr, env: Env): Val[] {
    const r = this.rules;
    switch (e.kind) {
      case 'const':
        return typeof e.value === 'string'
          ? [{ leaves: [{ cls: literalCls(e.value, r), span: env.spanOf(e.pos), literal: e.value }] }]
          : [{ leaves: [{ cls: 'other' }] }];
      case 'condexpr':
        return [...this.vals(e.then, env), ...(e.otherwise ? this.vals(e.otherwise, env) : [])];
      case 'filter':
        return this.filter(e, env);
      case 'list':
      case 'tuple':
        return e.items.flatMap((i) => this.vals(i, env));
      case 'name':
      case 'getattr':
      case 'getitem':
        return this.path(e, env);
      default:
        return [{ leaves: [{ cls: 'other' }] }];
    }
  }

  private filter(e: Extract<Expr, { kind: 'filter' }>, env: Env): Val[] {
    const r = this.rules;
    if (r.wrapFilters.includes(e.name)) return [{ leaves: [{ cls: 'wrapped' }] }];
    if (r.ipv4Filters.includes(e.name)) return [{ leaves: [{ cls: 'v4', span: env.spanOf(e.pos), filter: e.name }] }];
    if (r.ipaddrFilters.includes(e.name)) {
      const a = e.args[0];
      const family = a?.kind === 'const' ? a.value : undefined;
      if (family === 'ipv4') return [{ leaves: [{ cls: 'v4', span: env.spanOf(e.pos), filter: `${e.name}('ipv4')` }] }];
      if (family === 'ipv6') return [{ leaves: [{ cls: 'v6', span: env.spanOf(e.pos) }] }];
      return this.vals(e.node, env);
    }
    if (r.passthroughFilters.includes(e.name)) return [...this.vals(e.node, env), ...e.args.flatMap((a) => this.vals(a, env))];
    return [{ leaves: [{ cls: 'other' }] }];
  }

  /** A variable, a fact, a loop local, or an attribute/item of one of those. */
  private path(e: Expr, env: Env): Val[] {
    const d = dotted(e);
    if (d !== undefined) {
      const fact = this.fact(factName(d), env.spanOf(e.pos));
      if (fact) return [{ leaves: [fact] }];
      const host = /^hostvars\.[^.]+\.(.+)$/.exec(d)?.[1];
      if (host !== undefined) return this.global(host);
    }
    if (e.kind === 'name') return env.locals.get(e.name) ?? this.global(e.name);
    if (e.kind === 'getattr' || (e.kind === 'getitem' && e.arg.kind === 'const')) {
      const key = e.kind === 'getattr' ? e.attr : String((e.arg as { value: unknown }).value);
      return this.vals(e.node, env).flatMap((v) => member(v, key, this));
    }
    if (e.kind === 'getitem') return this.vals(e.node, env).flatMap((v) => elements(v, this));
    return [{ leaves: [{ cls: 'other' }] }];
  }

  private global(name: string): Val[] {
    const leaves = this.variable(name);
    if (this.rules.inventoryAddress.includes(name)) {
      // Without an ansible_host, Ansible connects to (and templates) the inventory name.
      return [{ leaves: [...leaves.filter((l) => l.cls !== 'unknown'), { cls: 'name', fact: 'inventory_hostname', variable: name }] }];
    }
    // Definitions holding a structure come back as YAML values for attribute access and loops.
    const defs = this.defs.get(name);
    if (defs?.some((x) => x.node.kind !== 'scalar')) return defs.flatMap((x) => this.node(x.node, name));
    return [{ leaves }];
  }

  private fact(d: string, span: Span): Leaf | undefined {
    const r = this.rules;
    const matches = (list: string[]) => list.some((f) => d === f || d.startsWith(`${f}.`));
    if (matches(r.ipv6Facts)) return { cls: 'v6', span, fact: d };
    if (matches(r.ipv4Facts)) return { cls: 'v4', span, fact: d };
    if (r.nameFacts.includes(d)) return { cls: 'name', span, fact: d };
    return undefined;
  }
}

function literalCls(text: string, rules: Rules): Cls {
  const c = classifyLiteral(text, rules.localNames);
  return c === 'bracketed' ? 'wrapped' : c;
}

/** `v.key` of a value: a map entry, or nothing known. */
function member(v: Val, key: string, flow: ValueFlow): Val[] {
  if ('leaves' in v)
    return [
      {
        leaves: v.leaves.map((l) => ({
          cls: l.cls === 'unknown' ? 'unknown' : 'other',
          ...(l.variable ? { variable: `${l.variable}.${key}` } : {}),
        })),
      },
    ];
  if (v.yaml.kind === 'map') {
    const entry = v.yaml.entries.find((x) => x.key.kind === 'scalar' && String(x.key.value) === key);
    return entry ? flow.node(entry.value, `${v.variable}.${key}`) : [];
  }
  if (v.yaml.kind === 'seq') return v.yaml.items.flatMap((i) => member({ yaml: i, variable: v.variable }, key, flow));
  return [];
}

/** The items of a list value (a loop over it, `x[0]`, `x | first`). */
export function elements(v: Val, flow: ValueFlow): Val[] {
  if ('leaves' in v) return [v];
  if (v.yaml.kind === 'seq') return v.yaml.items.flatMap((i) => flow.node(i, v.variable));
  return [v];
}

export function leavesOf(vals: Val[]): Leaf[] {
  return vals.flatMap((v) =>
    'leaves' in v
      ? v.leaves
      : v.yaml.kind === 'seq'
        ? [{ cls: 'other' as const, variable: v.variable }]
        : [{ cls: 'other' as const, variable: v.variable }],
  );
}

/**
 * Every variable definition of the project, task vars and set_fact included; `hidden` when it
 * belongs to a no_log task (its own or inherited).
 */
export function collectDefinitions(project: Project, addEntry: (e: VarEntry, hidden?: boolean) => void): void {
  walkDefinitions(project, (d) => addEntry({ name: d.name, value: d.value, span: d.span }));
  // The task-level places the symbol table does not hold as definitions of their own.
  const tasks = (items: TaskItem[]) => items.forEach((t) => taskVars(t, addEntry));
  for (const role of project.roles.values()) [...role.taskFiles.values(), ...role.handlerFiles.values()].forEach(tasks);
  for (const book of project.playbooks)
    for (const play of book.plays) [play.preTasks, play.tasks, play.postTasks, play.handlers].forEach(tasks);
}

function taskVars(item: TaskItem, add: (e: VarEntry, hidden?: boolean) => void): void {
  const hidden = item.noLog !== undefined;
  const vars = item.keywords.get('vars');
  if (vars?.kind === 'map')
    for (const e of vars.entries) if (e.key.kind === 'scalar') add({ name: String(e.key.value), value: e.value, span: e.key.span }, hidden);
  if (item.kind === 'block') {
    [...item.block, ...item.rescue, ...item.always].forEach((t) => taskVars(t, add));
    return;
  }
  if (item.module === 'ansible.builtin.set_fact') {
    const names = new Set(setFactNames(item.args));
    for (const a of item.args) if (names.has(a.key)) add({ name: a.key, value: a.value, span: a.value.span }, hidden);
  }
}
