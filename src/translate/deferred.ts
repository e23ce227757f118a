// Variables evaluated when they are used. Ansible templates a variable each time a task reads it;
// Chef evaluates attribute files once, before any recipe. A definition whose value reads run-time
// state (a set_fact variable, a registered result) or a name bound only inside a task (a loop
// variable, task vars), directly or through another such variable, is "deferred": it is never an
// attribute, and each read translates its Jinja in the reader's scope (jinja-bridge.ts), where the
// reader's loop variable, facts and results are visible as they are in Ansible.
import type { Project, Role, Task, TaskItem } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import type { DiagnosticCode, Span } from '../base/diagnostics.js';
import { asList, isMap, keyName } from '../load/ansible/yaccess.js';
import { containsJinja, parseString } from '../load/jinja/index.js';
import { PRECEDENCE } from '../resolve/precedence.js';
import type { DefinitionKind, SymbolTable } from '../resolve/symbols.js';
import { describeGaps, type VarsFileGap, type VarsFileLoad } from './vars-file-loads.js';
import type { RExpr } from '../ir/ruby-ast.js';
import { setFactNames, setFactTasks, walkDefinitions } from '../resolve/definitions.js';
import { controllerReads, controllerValue, type ControllerDef } from './controller-hostvars.js';
import { absentPathRead } from './absent-paths.js';

/** One definition of a variable in a vars source, with its value. */
export interface DefinedValue {
  name: string;
  kind: DefinitionKind;
  /** Role, play hosts, group or host that defines it. */
  owner: string;
  value: YNode;
  span: Span;
  /** Run-time or task-bound names its value reads (directly), empty for a plain definition. */
  reads: string[];
  deferred: boolean;
  /** No translation: every definition of the name is a TODO, so no attribute file can read it. */
  failing?: true;
  /** A failing value's code when its cause lies outside the converter (carriedCode): every reader keeps it. */
  failingCode?: DiagnosticCode;
  /** An include_vars definition whose vars file no converted include_vars task loads. */
  unconverted?: VarsFileGap;
  /** An include_vars definition: its role and vars file (the key of role.varsFiles). */
  varsFile?: { role: string; key: string };
  /**
   * Loaded under a condition evaluated at each read (converge-condition.ts): the names its value
   * reads that are known only while tasks run (empty: a value an attribute file can write where
   * another include_vars task loads the file).
   */
  atRead?: string[];
  /** A path its value reads that every value of its variable lacks (absent-paths.ts): computed at each use. */
  absent?: string;
}

/** Definition kinds whose deferred value can be computed at a read: unconditional in their role. */
const EXPANDABLE: ReadonlySet<DefinitionKind> = new Set(['role-default', 'role-vars']);

/** Group-level kinds: which of them applies depends on the host's groups. */
const GROUP_KINDS: ReadonlySet<DefinitionKind> = new Set(['group_vars', 'inventory-group']);

const ROLE_KINDS: ReadonlySet<DefinitionKind> = new Set(['role-default', 'role-vars', 'include_vars']);
const rank = (d: { kind: DefinitionKind }): number => PRECEDENCE[d.kind]?.ansible ?? 0;
const spanKey = (s: Span): string => `${s.file}:${s.line}:${s.col}`;

/** What a failing value's carried code says of it, in a reader's diagnostic. */
const FAILING_ROOT: Readonly<Record<string, string>> = {
  'A2C-MISSING-FILE': 'reads a file the input does not hold (Ansible fails wherever it reads it)',
};

/** How a read of a deferred variable is computed, highest Ansible precedence first. */
export type ReadPlan =
  /** Higher definitions are attributes: read the attribute where one is set, else compute `then`. */
  | { kind: 'attribute-or'; then: DefinedValue }
  | { kind: 'compute'; def: DefinedValue }
  | { kind: 'unsupported'; def: DefinedValue; why: string; code?: DiagnosticCode }
  /**
   * Set by the one converted include_vars task that loads these vars files: the value of the file
   * `on` names (each branch's definition computed), else (`on` names none of them, or is nil) the
   * attribute the lower definitions write. Without `on`, the task loads the one file on every node.
   */
  | { kind: 'vars-file'; on?: RExpr; branches: VarsFileBranch[] };

/**
 * One vars file's value in a read: where `on` names `file`, or, with `when`, where that condition
 * (of an include_vars evaluated again at each read) holds.
 */
export interface VarsFileBranch {
  file: string;
  def: DefinedValue;
  when?: { when: YNode; stored: readonly string[] };
}

export class DeferredVars {
  /**
   * Only the names some definition of which is deferred, with all their definitions: every
   * question about any other name has the answer of a name never deferred (not deferred, written
   * as an attribute, no read plan). Holding every definition of the project, with its value, kept
   * a large defaults file's whole YAML tree and a record per variable alive until the end of the
   * translation (a tenth of the live heap there, issue 17).
   */
  private readonly byName = new Map<string, DefinedValue[]>();
  /** The last of those names' definitions at each position, when no other name's definition came after it there. */
  private readonly bySpan = new Map<string, DefinedValue>();
  /** Names whose only group-level definition is one in group_vars/all (computed at a read where deferred). */
  private readonly everyHost = new Set<string>();

  /**
   * Whether a deferred definition can be computed at a read: a role's own value, group_vars/all's
   * (see everyHost), or a vars file's that one converted include_vars task alone loads (loadOf).
   */
  private expandable(d: DefinedValue): boolean {
    return EXPANDABLE.has(d.kind) || (d.kind === 'group_vars' && this.everyHost.has(d.name)) || this.loadOfDef(d) !== undefined;
  }

  private loadOfDef(d: DefinedValue): VarsFileLoad | undefined {
    return d.kind === 'include_vars' && d.varsFile && !d.unconverted ? this.loadOf(d.varsFile.role, d.varsFile.key) : undefined;
  }

  /** `unset`: variables every setter of which is a TODO, with why (see classifyDeferred). */
  constructor(
    defs: readonly DefinedValue[],
    private readonly unsetWhy: ReadonlyMap<string, Unset> = new Map(),
    private readonly controllerOf: (host: string, name: string) => { def: ControllerDef } | { why: string } = (host, name) => ({
      why: `hostvars['${host}']['${name}'] reads the Ansible controller's host variables, which no Chef node holds`,
    }),
    private readonly loadOf: (role: string, file: string) => VarsFileLoad | undefined = () => undefined,
    /** The converted include_vars tasks that may load a vars file; undefined where a TODO one may too. */
    private readonly loadersOf: (role: string, file: string) => readonly Span[] | undefined = () => undefined,
  ) {
    const kept = new Set<string>();
    for (const d of defs) if (d.deferred) kept.add(d.name);
    // A name's one group-level value, in group_vars/all: it holds on every host of the inventory,
    // so, like a role's own value, it can be computed at a read (below every host-level value).
    const groupLevel = new Map<string, DefinedValue[]>();
    for (const d of defs) if (kept.has(d.name) && GROUP_KINDS.has(d.kind)) groupLevel.set(d.name, [...(groupLevel.get(d.name) ?? []), d]);
    for (const [name, list] of groupLevel)
      if (list.length === 1 && list[0]!.kind === 'group_vars' && list[0]!.owner === 'all') this.everyHost.add(name);
    for (const d of defs) {
      if (!kept.has(d.name)) {
        // A later definition of another name at the same position would have hidden a kept one
        // (placement compares the names): it still does.
        if (this.bySpan.size) this.bySpan.delete(spanKey(d.span));
        continue;
      }
      const same = this.byName.get(d.name);
      if (same) same.push(d);
      else this.byName.set(d.name, [d]);
      this.bySpan.set(spanKey(d.span), d);
    }
  }

  /**
   * Why no converted task or attribute sets `name`, when every setter of it is a TODO: its only
   * definitions are in vars files that only TODO include_vars tasks load, or it is set only by
   * set_fact tasks that have no translation. A read of it is a TODO (deferred-read.ts).
   */
  unset(name: string): Unset | undefined {
    return this.unsetWhy.get(name);
  }

  /**
   * The definition of localhost's variable `name` that `hostvars[host][name]` reads, where its value
   * is the same on every node (controller-hostvars.ts), or why there is none.
   */
  controller(host: string, name: string): { def: ControllerDef } | { why: string } {
    return this.controllerOf(host, name);
  }

  /**
   * The set_fact tasks without a translation that set `name` where it has other definitions
   * (todo-set-facts.ts): in Ansible the fact outranks them from that task on, the cookbook never stores it.
   */
  setByTodo(name: string): readonly Span[] | undefined {
    return this.todoSetFacts.get(name);
  }

  /** Told once, before any task is translated, which set_fact tasks will be TODOs (todo-set-facts.ts). */
  noteTodoSetFacts(byName: ReadonlyMap<string, readonly Span[]>): void {
    this.todoSetFacts = byName;
  }

  private todoSetFacts: ReadonlyMap<string, readonly Span[]> = new Map();

  /** Whether some definition of `name` is computed at each use. */
  has(name: string): boolean {
    return this.byName.get(name)?.some((d) => d.deferred) ?? false;
  }

  /** Whether the definition at `span` is itself computed at each use (not only outranked by one). */
  isDeferredAt(span: Span): boolean {
    return this.bySpan.get(spanKey(span))?.deferred ?? false;
  }

  /** Deferred variables some definition of `role` holds, sorted (for the cookbook README). */
  ofRole(role: string): string[] {
    // Indexed by role on first use: asked once per role, a scan of every definition each time grew
    // with roles x definitions.
    if (!this.computedByRole) {
      const byRole = new Map<string, Set<string>>();
      for (const d of this.bySpan.values()) {
        if (!d.deferred || d.failing || !EXPANDABLE.has(d.kind)) continue;
        const names = byRole.get(d.owner) ?? new Set<string>();
        names.add(d.name);
        byRole.set(d.owner, names);
      }
      this.computedByRole = new Map([...byRole].map(([r, names]) => [r, [...names].sort()]));
    }
    return [...(this.computedByRole.get(role) ?? [])];
  }

  private computedByRole: Map<string, string[]> | undefined;

  /**
   * What the attribute file does with the definition at `span`: `write` it, `omit` it (computed at
   * each use, or outranked by a definition that is), or write a `todo` (deferred, but of a kind
   * whose value cannot be computed at a read).
   */
  placement(name: string, span: Span): { kind: 'write' } | { kind: 'omit' } | { kind: 'todo'; why: string } {
    // The name first: most are never deferred, and the span's key is a string made per call.
    if (!this.has(name)) return { kind: 'write' };
    const d = this.bySpan.get(spanKey(span));
    if (!d || d.name !== name) return { kind: 'write' };
    // Its TODO stays in the attribute file, with the original, as for any value without a translation.
    if (d.failing) return { kind: 'write' };
    // Written where another include_vars task's case loads the file; the reads compute the rest.
    if (d.atRead) return d.atRead.length ? { kind: 'todo', why: this.unsupportedWhy(d) } : { kind: 'write' };
    if (d.deferred) return this.expandable(d) ? { kind: 'omit' } : { kind: 'todo', why: this.unsupportedWhy(d) };
    // Outranked by a value computed at each use (of the same role, for a role's own definition; on
    // every host, for group_vars/all's): no read reaches this one.
    const outranked = this.byName.get(name)!.some(
      (o) =>
        o.deferred &&
        // An include_vars file is loaded on some nodes only: the values below stay written.
        o.kind !== 'include_vars' &&
        this.expandable(o) &&
        rank(o) > rank(d) &&
        (!ROLE_KINDS.has(d.kind) || o.owner === d.owner || o.kind === 'group_vars'),
    );
    return outranked ? { kind: 'omit' } : { kind: 'write' };
  }

  /**
   * Why a deferred value of a kind not computed at a read is a TODO, naming what makes each name it
   * reads unknown in advance, down the chain to its root: a value only tasks give, or one without a
   * translation (a controller lookup in group_vars makes every value reading it, through any number
   * of variables, unknown in advance, which the reader should see rather than "only while tasks run").
   */
  private unsupportedWhy(d: DefinedValue): string {
    const reads = d.reads.map((n) => {
      const { path, root } = this.chain(n, new Set([d.name]));
      const through = path.slice(1);
      const via = through.length
        ? `, through ${through.length > 1 ? `${through.slice(0, -1).join(', ')} and ` : ''}${through.at(-1)},`
        : '';
      return via ? `${n}${via} ${root}` : `${n}, ${root}`;
    });
    return `its ${PRECEDENCE[d.kind]?.ansibleLabel ?? d.kind} value reads ${reads.join('; ')}; a value of that kind computed at each use is not converted`;
  }

  /** The names from `name` to the root of what makes it unknown in advance, and that root. */
  private chain(name: string, seen: Set<string>): { path: string[]; root: string; code?: DiagnosticCode } {
    const defs = this.byName.get(name) ?? [];
    const failing = defs.find((x) => x.failing);
    if (failing)
      return {
        path: [name],
        root: failing.unconverted
          ? 'which only a vars file no converted include_vars task loads sets'
          : `which ${FAILING_ROOT[failing.failingCode ?? ''] ?? 'has no translation'} (${failing.span.file}:${failing.span.line})`,
        ...(failing.failingCode ? { code: failing.failingCode } : {}),
      };
    const d = defs.find((x) => x.deferred && x.reads.length && !seen.has(x.name));
    if (!d) return { path: [name], root: 'known only while tasks run' };
    if (d.absent)
      return { path: [name], root: `which reads ${d.absent}, a path no value of the input holds (Ansible fails only where it is read)` };
    seen.add(name);
    const next = this.chain(d.reads[0]!, seen);
    return { path: [name, ...next.path], root: next.root, ...(next.code ? { code: next.code } : {}) };
  }

  /** How a read of deferred `name` by a task of `role` (undefined: a play or a template) is computed. */
  plan(name: string, role: string | undefined): ReadPlan | { kind: 'ambiguous'; roles: string[] } | undefined {
    const all = this.byName.get(name);
    if (!all?.some((d) => d.deferred)) return undefined;
    // Role defaults and vars of the reader's role (or of the one role defining it).
    const roleKinds = all.filter((d) => ROLE_KINDS.has(d.kind));
    const roles = [...new Set(roleKinds.map((d) => d.owner))].sort();
    const own = role !== undefined && roles.includes(role) ? role : roles.length === 1 ? roles[0] : undefined;
    if (roles.length > 1 && own === undefined) return { kind: 'ambiguous', roles };
    const defs = all.filter((d) => !roleKinds.includes(d) || d.owner === own).sort((a, b) => rank(b) - rank(a));
    let plainAbove = false;
    for (const d of defs) {
      if (!d.deferred) {
        plainAbove = true;
        // A role's own definition holds on every node: nothing below it is reached.
        if (EXPANDABLE.has(d.kind)) return undefined;
        continue;
      }
      if (d.failing) return { kind: 'compute', def: d };
      if (this.loadOfDef(d)) return this.varsFilePlan(d, defs);
      if (!this.expandable(d)) {
        // Where every name it reads fails for one cause outside the converter, the readers keep that code.
        const codes = new Set(d.reads.map((n) => this.chain(n, new Set([d.name])).code));
        const code = codes.size === 1 ? [...codes][0] : undefined;
        return { kind: 'unsupported', def: d, why: this.unsupportedWhy(d), ...(code ? { code } : {}) };
      }
      return plainAbove ? { kind: 'attribute-or', then: d } : { kind: 'compute', def: d };
    }
    return undefined;
  }

  /**
   * The read of a value the include_vars task loading `d`'s vars file sets: a case on the file it
   * loads, where every other definition of the name in the role's vars files is loaded by that same
   * task, none outranks it, and those below are attributes (read where the task loads no file that
   * sets the name). Where its condition tests a name its files set, those values must not be
   * attributes either: the condition, evaluated at the read, would see them set.
   */
  private varsFilePlan(d: DefinedValue, defs: readonly DefinedValue[]): ReadPlan {
    const load = this.loadOfDef(d)!;
    const unsupported = (why: string): ReadPlan => ({ kind: 'unsupported', def: d, why });
    const same = defs.filter((o) => o.kind === 'include_vars');
    const atRead = same.filter((o) => this.loadOfDef(o)?.atRead);
    if (atRead.length) return this.atReadPlan(d, defs, same, atRead);
    const where = `${load.task.file}:${load.task.line}`;
    for (const o of same)
      if (this.loadOfDef(o)?.task !== load.task)
        return unsupported(
          `its include_vars value reads ${d.reads.join(', ')}, known only while tasks run, and another include_vars task (or none converted) loads ${o.span.file}, which sets it too; a value of that kind computed at each use is not converted`,
        );
    const above = defs.find((o) => rank(o) > rank(d));
    if (above)
      return unsupported(
        `its include_vars value (loaded by ${where}) reads ${d.reads.join(', ')}, known only while tasks run, and ${PRECEDENCE[above.kind]?.ansibleLabel ?? above.kind} (${above.span.file}:${above.span.line}) outranks it; not converted`,
      );
    const below = defs.find((o) => rank(o) < rank(d) && o.deferred);
    if (below)
      return unsupported(
        `its include_vars value (loaded by ${where}) reads ${d.reads.join(', ')}, known only while tasks run, and where that task loads no file setting it the value is ${below.span.file}:${below.span.line}'s, computed at each use too; not converted`,
      );
    for (const n of load.condNames) {
      const known = this.byName.get(n);
      if (!known || known.some((o) => o.kind === 'include_vars' && !o.deferred))
        return unsupported(
          `its include_vars task (${where}) tests ${n} in its condition, which its vars files write as an attribute: evaluated where the value is read, the condition would see it set; not converted`,
        );
    }
    return { kind: 'vars-file', ...(load.on ? { on: load.on } : {}), branches: same.map((o) => ({ file: o.varsFile!.key, def: o })) };
  }

  /**
   * The read where include_vars tasks under a condition evaluated again at each read load some of
   * the name's vars files: the value of the last of them whose condition holds, else the attribute
   * (the other vars files' values, written by include_vars tasks that all run before them in the
   * same task file, or the definitions below). Ansible takes the last file loaded.
   */
  private atReadPlan(
    d: DefinedValue,
    defs: readonly DefinedValue[],
    same: readonly DefinedValue[],
    atRead: readonly DefinedValue[],
  ): ReadPlan {
    const unsupported = (why: string): ReadPlan => ({ kind: 'unsupported', def: d, why });
    const loads = atRead.map((o) => ({ def: o, load: this.loadOfDef(o)! }));
    const file = loads[0]!.load.task.file;
    const first = Math.min(...loads.map((x) => x.load.task.line));
    const tasks = loads.map((x) => `${x.load.task.file}:${x.load.task.line}`).join(', ');
    if (loads.some((x) => x.load.task.file !== file))
      return unsupported(
        `the include_vars tasks that load it under a condition on converge-time values (${tasks}) are in several task files; not converted`,
      );
    const late = atRead.find((o) => o.atRead?.length);
    if (late)
      return unsupported(
        `it is loaded under a condition on converge-time values (${tasks}), and ${late.span.file}:${late.span.line}'s value reads ${late.atRead!.join(', ')}, known only while tasks run; not converted`,
      );
    const after = loads.flatMap((x) => (x.load.alsoLoadedBy ?? []).filter((s) => s.file !== file || s.line >= first));
    if (after.length)
      return unsupported(
        `it is loaded under a condition on converge-time values (${tasks}), and ${after[0]!.file}:${after[0]!.line} may load the same vars file, not before them in the same task file; not converted`,
      );
    for (const o of same) {
      if (atRead.includes(o)) continue;
      if (o.deferred)
        return unsupported(
          `it is loaded under a condition on converge-time values (${tasks}), and ${o.span.file}:${o.span.line} sets it too, computed at each use; not converted`,
        );
      const loaders = o.varsFile ? this.loadersOf(o.varsFile.role, o.varsFile.key) : undefined;
      const late = loaders?.find((l) => l.file !== file || l.line >= first);
      if (!loaders || late)
        return unsupported(
          `it is loaded under a condition on converge-time values (${tasks}), and ${o.span.file} sets it too, loaded ${late ? `by ${late.file}:${late.line}, not before them in the same task file` : 'by an include_vars task without a translation'}; not converted`,
        );
    }
    const above = defs.find((o) => rank(o) > rank(d));
    if (above)
      return unsupported(
        `it is loaded under a condition on converge-time values (${tasks}), and ${PRECEDENCE[above.kind]?.ansibleLabel ?? above.kind} (${above.span.file}:${above.span.line}) outranks it; not converted`,
      );
    const below = defs.find((o) => rank(o) < rank(d) && o.deferred);
    if (below)
      return unsupported(
        `it is loaded under a condition on converge-time values (${tasks}), and elsewhere its value is ${below.span.file}:${below.span.line}'s, computed at each use too; not converted`,
      );
    const latestFirst = [...loads].sort((a, b) => b.load.task.line - a.load.task.line);
    return {
      kind: 'vars-file',
      branches: latestFirst.map((x) => ({ file: x.def.varsFile!.key, def: x.def, when: x.load.atRead! })),
    };
  }
}

/**
 * The names standing for facts tasks set while the run converges (jinja-to-ruby/facts.ts
 * CONVERGE_TIME_FACTS), read through ansible_facts: ansible_local is the variable Ansible also
 * gives; `ansible_facts.packages` is no variable name (package_facts sets no ansible_packages),
 * only the run-time marker classifyDeferred looks for.
 */
const CONVERGE_FACT_NAMES: Readonly<Record<string, string>> = { local: 'ansible_local', packages: 'ansible_facts.packages' };

/** `ansible_facts.<fact>` or `ansible_facts['<fact>']` for a fact of CONVERGE_FACT_NAMES: that fact. */
function convergeFactKey(o: Record<string, unknown>): string | undefined {
  const base = o.node as { kind?: string; name?: string } | undefined;
  if (base?.kind !== 'name' || base.name !== 'ansible_facts') return undefined;
  const arg = o.arg as { kind?: string; value?: unknown } | undefined;
  const key = o.kind === 'getattr' ? o.attr : o.kind === 'getitem' && arg?.kind === 'const' ? arg.value : undefined;
  return typeof key === 'string' && Object.hasOwn(CONVERGE_FACT_NAMES, key) ? key : undefined;
}

/** Every name a Jinja template string reads and does not bind itself. */
export function jinjaNames(text: string): string[] {
  if (!containsJinja(text)) return [];
  const parsed = parseString(text);
  if (!parsed.ok) return [];
  const read = new Set<string>();
  const bound = new Set<string>();
  const walk = (x: unknown, binding = false): void => {
    if (Array.isArray(x)) return x.forEach((y) => walk(y, binding));
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (o.kind === 'name' && typeof o.name === 'string') (binding ? bound : read).add(o.name);
    // ansible_facts.local / ansible_facts['packages']: facts tasks set while the run converges, read
    // as the names that say so (CONVERGE_FACT_NAMES), so a value reading them is computed at use.
    const fact = convergeFactKey(o);
    if (fact && !binding) read.add(CONVERGE_FACT_NAMES[fact]!);
    if ((o.kind === 'for' || o.kind === 'set' || o.kind === 'setblock') && o.target) walk(o.target, true);
    if ((o.kind === 'macro' || o.kind === 'callblock') && Array.isArray(o.params))
      for (const p of o.params as Array<{ name: string }>) bound.add(p.name);
    if (o.kind === 'with' && Array.isArray(o.targets))
      for (const t of o.targets as Array<{ target: unknown; value: unknown }>) {
        walk(t.target, true);
        walk(t.value);
      }
    // for-in over a node's own keys (AST nodes are plain objects) makes no [key, value] pair per key.
    for (const k in o) {
      const v = o[k];
      if (k !== 'pos' && k !== 'target' && k !== 'targets' && typeof v === 'object' && Object.hasOwn(o, k)) walk(v, binding);
    }
  };
  walk(parsed.value);
  return [...read].filter((n) => !bound.has(n));
}

/**
 * Names by value, for the values asked about. Every read of a variable looks at the names of its
 * definitions again (shadowed-read.ts): 1.5% of a 1000-role run, walking the same Jinja ASTs. A
 * loaded YAML value never changes, so its names are its own for as long as it lives.
 */
const NAMES = new WeakMap<YNode, readonly string[]>();

/** One empty list for every value that reads no name (most of a variables file's): lists are shared anyway. */
const NO_NAMES: readonly string[] = Object.freeze([]);

/** Names a YAML value reads through its Jinja strings (shared: callers must not change the list). */
export function valueNames(node: YNode): readonly string[] {
  let names = NAMES.get(node);
  if (names === undefined) {
    const found = namesOf(node);
    names = found.length ? found : NO_NAMES;
    NAMES.set(node, names);
  }
  return names;
}

function namesOf(node: YNode): string[] {
  const out: string[] = [];
  addNames(node, out);
  return out;
}

/**
 * Appends the names of node's strings to out, in document order (keys before their values). One list
 * for the whole value: a list per entry, spread into its parent's, was the largest allocation of the
 * stages before the roles' translation on a large defaults file (issue 17).
 */
function addNames(node: YNode, out: string[]): void {
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string' || node.unsafe || !containsJinja(node.value)) return;
    const names = jinjaNames(node.value);
    for (let i = 0; i < names.length; i++) out.push(names[i]!);
  } else if (node.kind === 'seq') for (const i of node.items) addNames(i, out);
  else
    for (const e of node.entries) {
      addNames(e.key, out);
      addNames(e.value, out);
    }
}

/** Names bound only while a task runs: loop variables (`item`, loop_var, index_var) and task, block and include vars. */
function taskBoundNames(items: readonly TaskItem[]): Set<string> {
  const names = new Set<string>(['item']);
  const walk = (item: TaskItem): void => {
    const control = item.keywords.get('loop_control');
    if (control && isMap(control)) {
      for (const e of control.entries) {
        const k = keyName(e.key);
        if ((k === 'loop_var' || k === 'index_var') && e.value.kind === 'scalar' && typeof e.value.value === 'string')
          names.add(e.value.value);
      }
    }
    const vars = item.keywords.get('vars');
    if (vars && isMap(vars)) for (const e of vars.entries) names.add(keyName(e.key));
    if (item.kind === 'block') [...item.block, ...item.rescue, ...item.always].forEach(walk);
  };
  items.forEach(walk);
  return names;
}

/** A definition as classifyDeferred works on it: with the names its value reads. */
type Classified = DefinedValue & { names: readonly string[] };

/** The reads of a definition not deferred (most): one list, never changed (a deferred one is given its own). */
const NO_READS: string[] = Object.freeze([]) as unknown as string[];

/**
 * Every definition in the project's vars sources, with its value (the symbol table keeps only
 * where), not yet deferred. One record each, made once: a large defaults file has tens of
 * thousands, all live until the classification ends, and copies of them (spread into new records
 * at each step) were a quarter of the live heap there (issue 17).
 */
function definedValues(project: Project, unconverted: VarsFileWhy): Classified[] {
  const out: Classified[] = [];
  walkDefinitions(project, ({ name, kind, owner, value, span, varsFile }) => {
    const gap = varsFile ? unconverted(varsFile.role, varsFile.key) : undefined;
    const names = valueNames(value);
    const d: Classified = gap
      ? { name, kind, owner, value, span, unconverted: gap, names, reads: NO_READS, deferred: false }
      : { name, kind, owner, value, span, names, reads: NO_READS, deferred: false };
    if (varsFile) d.varsFile = { role: varsFile.role.name, key: varsFile.key };
    out.push(d);
  });
  return out;
}

/**
 * Whether a vars file a TODO include_vars task may load defines the name at a rank no other definition
 * passes: on a host where that task runs, Ansible reads the value it loads (include_vars outranks every
 * definition but set_fact and extra vars; of two include_vars the later load wins, which may be the
 * TODO's), which the cookbook never sets. Reading the other definitions there would be silently wrong.
 */
function replacedByTodo(list: readonly DefinedValue[]): boolean {
  return list.some((d) => d.unconverted !== undefined && d.unconverted.todo.length > 0 && list.every((o) => rank(o) <= rank(d)));
}

/** Why the variables of a role's vars file (its name under vars/) have no converted setter (vars-file-loads.ts). */
export type VarsFileWhy = (role: Role, file: string) => VarsFileGap | undefined;

/** Names a task reads through its arguments, `when` and loop, except those it binds itself. */
function taskReads(task: Task): string[] {
  const bound = taskBoundNames([task]);
  const names = new Set<string>();
  for (const a of task.args) for (const n of valueNames(a.value)) names.add(n);
  for (const c of asList(task.keywords.get('when'))) {
    const text = c.kind === 'scalar' && typeof c.value === 'string' ? c.value : undefined;
    if (text !== undefined) for (const n of jinjaNames(containsJinja(text) ? text : `{{ ${text} }}`)) names.add(n);
  }
  for (const [k, v] of task.keywords) if (k === 'loop' || k.startsWith('with_')) for (const n of valueNames(v)) names.add(n);
  return [...names].filter((n) => !bound.has(n));
}

/**
 * Variables every setter of which is a TODO (`failing` names whose definitions include vars files
 * only a TODO include_vars loads, and, to a fixed point, names only set_fact tasks set where each
 * of those tasks reads such a variable, which makes it a TODO too), with why.
 *
 * A read of one becomes a TODO naming the variable and the task that would set it, rather than a
 * required input: a required input is an undefined value, and `default()`, `is defined` or a
 * `when` would then silently take the branch Ansible takes only when that task did not run.
 */
/** Why a variable is never set by the cookbook; `followsTodo` when it would be once a TODO task converts. */
export interface Unset {
  why: string;
  followsTodo: boolean;
}

function unsetVariables(
  defs: ReadonlyArray<DefinedValue>,
  failingNames: ReadonlySet<string>,
  tasks: readonly TaskItem[],
  symbols: SymbolTable,
): Map<string, Unset> {
  const why = new Map<string, Unset>();
  const byName = new Map<string, DefinedValue[]>();
  for (const d of defs) if (d.failing) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  for (const [name, list] of byName) {
    const unconverted = list.filter((d) => d.unconverted !== undefined);
    if (!unconverted.length) continue;
    const others = list.length - unconverted.length;
    const gaps = unconverted.map((d) => d.unconverted!);
    const replaced = replacedByTodo(list) && others > 0;
    const tail = !others
      ? ''
      : replaced
        ? ` (on a host where that task runs, its value replaces the ${others} other definition${others > 1 ? 's' : ''})`
        : ` (its ${others} other definition${others > 1 ? 's have' : ' has'} no translation either)`;
    // A vars file no include_vars task loads at all is no TODO's consequence.
    why.set(name, {
      why: `${replaced ? describeGaps(gaps).replace(/^is set only by /, 'is set by ') : describeGaps(gaps)}${tail}`,
      followsTodo: gaps.some((g) => g.todo.length > 0),
    });
  }
  const failing = new Set([...failingNames, ...why.keys()]);
  const onlySetFact = (n: string) => symbols.get(n)?.definitions.every((d) => d.kind === 'set_fact') ?? false;
  const sets = setFactTasks(tasks).map((task) => ({ task, names: setFactNames(task.args), reads: taskReads(task) }));
  for (let changed = true; changed; ) {
    changed = false;
    const todo = new Map<Task, string>();
    for (const s of sets) {
      const read = s.reads.find((n) => failing.has(n));
      if (read !== undefined) todo.set(s.task, read);
    }
    for (const name of new Set(sets.flatMap((s) => s.names))) {
      if (failing.has(name) || !onlySetFact(name)) continue;
      const setters = sets.filter((s) => s.names.includes(name));
      if (!setters.every((s) => todo.has(s.task))) continue;
      const where = setters.map((s) => `${s.task.span.file}:${s.task.span.line} (it reads ${todo.get(s.task)})`).join(', ');
      why.set(name, {
        why: `is set only by ${setters.length === 1 ? 'the set_fact task' : 'set_fact tasks'} at ${where}, which ${setters.length === 1 ? 'has' : 'have'} no translation`,
        followsTodo: true,
      });
      failing.add(name);
      changed = true;
    }
  }
  return why;
}

/**
 * Classify every definition: deferred when its value reads a registered result, a variable some
 * set_fact sets, a name bound only inside a task, a variable no definition of which has a
 * translation (`translates` says; an include_vars definition has none when `unconverted` says
 * why), or (to a fixed point) a deferred variable.
 */
export function classifyDeferred(
  project: Project,
  tasks: readonly TaskItem[],
  symbols: SymbolTable,
  registerNames: ReadonlySet<string>,
  translates: (value: YNode, name: string) => boolean,
  unconverted: VarsFileWhy = () => undefined,
  roleParams: (role: string) => ReadonlySet<string> | undefined = () => undefined,
  failingCode: (value: YNode) => DiagnosticCode | undefined = () => undefined,
  loadOf: (role: string, file: string) => VarsFileLoad | undefined = () => undefined,
  loadersOf: (role: string, file: string) => readonly Span[] | undefined = () => undefined,
): DeferredVars {
  const defined = (n: string) => symbols.get(n)?.definitions.some((d) => d.kind !== 'undeclared' && d.kind !== 'set_fact') ?? false;
  const runTime = new Set<string>(registerNames);
  for (const s of symbols.all()) if (s.definitions.some((d) => d.kind === 'set_fact')) runTime.add(s.name);
  for (const n of taskBoundNames(tasks)) if (!defined(n) || n === 'item') runTime.add(n);
  // Another host's variables (A2C::Jinja.host_node, a Chef search) are read where Ansible reads
  // them, not on every node at attribute load, where an unused value could fail the run.
  runTime.add('hostvars');
  // Local facts change where a setup task gathers them again (a2c_facts_local.rb): read at use.
  runTime.add('ansible_local');
  for (const n of Object.values(CONVERGE_FACT_NAMES)) runTime.add(n);
  const defs = definedValues(project, unconverted);
  const deferredNames = new Set<string>();
  const byName = new Map<string, Classified[]>();
  for (const d of defs) {
    const same = byName.get(d.name);
    if (same) same.push(d);
    else byName.set(d.name, [d]);
  }
  for (const [name, list] of byName) {
    if (!list.every((d) => d.unconverted !== undefined || !translates(d.value, d.name)) && !replacedByTodo(list)) continue;
    for (const d of list) {
      const code = d.unconverted === undefined ? failingCode(d.value) : undefined;
      Object.assign(d, { deferred: true, failing: true }, code ? { failingCode: code } : {});
    }
    deferredNames.add(name);
  }
  const unset = unsetVariables(defs, deferredNames, tasks, symbols);
  // A vars file loaded under a condition evaluated again at each read: its values are no attributes.
  for (const d of defs) {
    const atRead = d.varsFile && !d.unconverted ? loadOf(d.varsFile.role, d.varsFile.key)?.atRead : undefined;
    if (!atRead || d.deferred) continue;
    d.deferred = true;
    d.atRead = [];
    d.reads = [...atRead.stored];
    deferredNames.add(d.name);
  }
  // A role value reading a path its variable's literal values all lack fails wherever it is
  // computed: Ansible computes it only where a task reads it, so it is no attribute either.
  const literalValues = (n: string): readonly YNode[] | undefined => {
    const list = byName.get(n);
    const declared = symbols.get(n)?.definitions.filter((x) => x.kind !== 'undeclared').length ?? 0;
    if (!list?.length || list.length !== declared || runTime.has(n) || deferredNames.has(n)) return undefined;
    return list.some((x) => x.names.length) ? undefined : list.map((x) => x.value);
  };
  for (const d of defs) {
    if (d.deferred || !d.names.length || !EXPANDABLE.has(d.kind)) continue;
    const absent = absentPathRead(d.value, d.names, literalValues);
    if (absent === undefined) continue;
    Object.assign(d, { deferred: true, reads: [absent.split('.')[0]!], absent });
    deferredNames.add(d.name);
  }
  const byNameAll = (n: string): readonly Classified[] => byName.get(n) ?? [];
  // What a task could set on localhost too: a register, set_fact or include_vars of the name.
  const taskSets = (n: string): string | undefined =>
    registerNames.has(n) ? 'register' : symbols.get(n)?.definitions.find((x) => x.kind === 'set_fact' || x.kind === 'include_vars')?.kind;
  const controllerOf = (host: string, name: string) => controllerValue(host, name, byNameAll(name), taskSets(name), project);
  // hostvars['localhost']['x'] of a value localhost holds alike for every node reads no run-time state
  // (asked once per definition: the fixed point below visits a definition on every pass).
  const atLoad = new Map<Classified, boolean>();
  const hostvarsAtLoad = (d: Classified): boolean => {
    let known = atLoad.get(d);
    if (known === undefined) {
      const reads = controllerReads(d.value);
      known = reads !== undefined && reads.length > 0 && reads.every((r) => 'def' in controllerOf(r.host, r.name));
      atLoad.set(d, known);
    }
    return known;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of defs) {
      // Most definitions read no name: no list is made for them on every pass (issue 17).
      if (d.deferred || !d.names.length) continue;
      // A role's own default reading a name an include passes it (role-resource.ts) follows the passed value.
      const passed = EXPANDABLE.has(d.kind) ? roleParams(d.owner) : undefined;
      const atLoad = d.names.includes('hostvars') && hostvarsAtLoad(d);
      const defers = (n: string) =>
        n !== d.name && ((runTime.has(n) && !(atLoad && n === 'hostvars')) || deferredNames.has(n) || passed?.has(n) === true);
      if (!d.names.some(defers)) continue;
      const reads = d.names.filter(defers);
      d.deferred = true;
      d.reads = reads;
      deferredNames.add(d.name);
      changed = true;
    }
  }
  for (const d of defs) if (d.atRead) d.atRead = d.names.filter((n) => n !== d.name && (runTime.has(n) || deferredNames.has(n)));
  // The records themselves, not copies without `names`: the table keeps only the few deferred ones.
  const table = new DeferredVars(defs, unset, controllerOf, loadOf, loadersOf);
  // The report's variable table says where each such definition is computed.
  const unloaded = new Set(defs.filter((d) => d.unconverted).map((d) => spanKey(d.span)));
  for (const sym of symbols.all()) {
    for (const def of sym.definitions) {
      if (def.kind === 'include_vars' && unloaded.has(spanKey(def.span))) {
        def.atUse = 'unloaded';
        continue;
      }
      const placed = table.placement(sym.name, def.span);
      if (placed.kind === 'todo') def.atUse = 'todo';
      else if (placed.kind === 'omit') def.atUse = table.isDeferredAt(def.span) ? 'computed' : 'outranked';
    }
  }
  return table;
}
