// Flow knowledge from a required input's guard (issue 14): a task that fails the host when a
// variable is undefined or None, or asserts it is neither, e.g.
//
//   - fail: { msg: "set x" }
//     when: (x is undefined) or (x is none)
//
// ends the host's play on such a value, so the tasks after it in the same list (the following items
// of its task file, block body or play section, with everything nested in them) never see x None.
// Its own tests of x and the None tests of those tasks (`x is none`, `x == None`, negated) are then
// false for every value the host runs with: neutral uses for a contract, as `is defined` is
// (use-contracts.ts), where today a None test leaves the variable unknown (the role may branch on
// None). Nothing else is proved: a fail on another condition (`x | length == 0`, a `when` list,
// which Ansible reads as `and`) narrows nothing; tasks before the guard, in other lists (an
// included file, a handler, another play section) or in an `always`/`rescue` beside its block are
// not narrowed; a task's own `vars` setting x hides the guard's x from it.
//
// A guard is one only where its failure ends the play for the host: no loop, `ignore_errors`,
// `failed_when` or other keyword that could keep it from failing or change what it reads, no
// enclosing block with a rescue or ignore_errors, and no `ignore_errors` (an include's `apply` of
// it too) or rescue around an include anywhere in the input (an include of the guard's file could
// be rescued; the scan does not follow which file an include names, so one such include turns
// every guard off).
import type { Project, TaskItem } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import { containsJinja, parseExpression, type Expr } from '../load/jinja/index.js';
import { INCLUDES } from '../base/include-modules.js';

const FAIL = 'ansible.builtin.fail';
const ASSERT = 'ansible.builtin.assert';
/** Keywords that neither keep a failing guard from failing the host nor change what its condition reads. */
const GUARD_KEYWORDS: ReadonlySet<string> = new Set(['name', 'when', 'tags', 'no_log', 'check_mode', 'diff', 'any_errors_fatal']);
/** The module arguments of a guard: only its messages beside assert's condition. */
const GUARD_ARGS: Readonly<Record<string, ReadonlySet<string>>> = {
  [FAIL]: new Set(['msg']),
  [ASSERT]: new Set(['that', 'msg', 'fail_msg', 'success_msg', 'quiet']),
};
const DEFINED_TESTS: ReadonlySet<string> = new Set(['defined', 'ansible.builtin.defined']);
const UNDEFINED_TESTS: ReadonlySet<string> = new Set(['undefined', 'ansible.builtin.undefined']);

export interface RequiredGuards {
  /** The variables a guard proves neither undefined nor None where `item`'s own condition and arguments are read (the guard's included). */
  notNone(item: TaskItem): ReadonlySet<string>;
  /** Each guard task with the variables it proves, for the report and tests. */
  readonly guards: ReadonlyMap<TaskItem, ReadonlySet<string>>;
}

const NONE: ReadonlySet<string> = new Set();

/** What one operand of a guard's condition says of a variable: whether it is true exactly when x is undefined, or None, or the contrary. */
interface Atom {
  name: string;
  fact: 'undefined' | 'none';
  /** True: the operand is true exactly when the fact holds; false: exactly when it does not. */
  holds: boolean;
}

/** `x is undefined`, `x is not defined`, `x is none`, `x == None`, `None != x`, each under any number of `not`s. */
function atom(e: Expr): Atom | undefined {
  if (e.kind === 'unary' && e.op === 'not') {
    const a = atom(e.node);
    return a && { ...a, holds: !a.holds };
  }
  if (e.kind === 'test' && e.node.kind === 'name' && e.args.length === 0 && e.kwargs.length === 0 && !e.dynArgs && !e.dynKwargs) {
    const name = e.node.name;
    if (DEFINED_TESTS.has(e.name)) return { name, fact: 'undefined', holds: e.negated };
    if (UNDEFINED_TESTS.has(e.name)) return { name, fact: 'undefined', holds: !e.negated };
    if (e.name === 'none') return { name, fact: 'none', holds: !e.negated };
    return undefined;
  }
  if (e.kind === 'binop' && (e.op === '==' || e.op === '!=')) {
    const isNone = (x: Expr) => x.kind === 'const' && x.value === null;
    const other = isNone(e.right) ? e.left : isNone(e.left) ? e.right : undefined;
    if (other?.kind === 'name') return { name: other.name, fact: 'none', holds: e.op === '==' };
  }
  return undefined;
}

/** The operands of a chain of `op` (`a or b or c`), parentheses being no node of their own. */
function operands(e: Expr, op: 'and' | 'or'): Expr[] {
  return e.kind === 'binop' && e.op === op ? [...operands(e.left, op), ...operands(e.right, op)] : [e];
}

/** A bare condition string (no `{{ }}`, which Ansible warns of and templates first). */
function condition(n: YNode | undefined): Expr | undefined {
  if (n?.kind !== 'scalar' || typeof n.value !== 'string' || n.unsafe || containsJinja(n.value)) return undefined;
  const p = parseExpression(n.value);
  return p.ok ? p.value : undefined;
}

/** The variables both of whose facts (undefined, None) the atoms prove false once the guard passed. */
function bothDisproved(atoms: readonly (Atom | undefined)[], failing: boolean): Set<string> {
  // A fail's disjunct true on the fact (`x is none`) is false after it; an assert's conjunct true on the contrary (`x is not none`) is true.
  const seen = new Map<string, Set<Atom['fact']>>();
  for (const a of atoms) {
    if (!a || a.holds !== failing) continue;
    seen.set(a.name, new Set([...(seen.get(a.name) ?? []), a.fact]));
  }
  return new Set([...seen].filter(([, facts]) => facts.size === 2).map(([n]) => n));
}

/** The variables a task proves neither undefined nor None once it passed, if it is a guard. */
function guarded(item: TaskItem): Set<string> {
  if (item.kind !== 'task' || (item.module !== FAIL && item.module !== ASSERT) || item.invalid || item.freeForm) return new Set();
  if ([...item.keywords.keys()].some((k) => !GUARD_KEYWORDS.has(k))) return new Set();
  if (item.args.some((a) => !GUARD_ARGS[item.module]!.has(a.key))) return new Set();
  const when = item.keywords.get('when');
  if (item.module === FAIL) {
    // One condition: a `when` list is the `and` of its items, which proves none of them false.
    const one = when?.kind === 'seq' ? (when.items.length === 1 ? when.items[0] : undefined) : when;
    const e = condition(one);
    return e ? bothDisproved(operands(e, 'or').map(atom), true) : new Set();
  }
  // An assert runs unconditionally; each item of `that` (and each operand of an `and`) holds after it.
  if (when) return new Set();
  const that = item.args.find((a) => a.key === 'that')?.value;
  const items = that?.kind === 'seq' ? that.items : that ? [that] : [];
  const conjuncts: Expr[] = [];
  for (const i of items) {
    const e = condition(i);
    if (!e) return new Set();
    conjuncts.push(...operands(e, 'and'));
  }
  return bothDisproved(conjuncts.map(atom), false);
}

/** The names a task item's own `vars` sets (hiding the variables of the same name inside it). */
function ownVars(item: TaskItem): Set<string> {
  const v = item.keywords.get('vars');
  const out = new Set<string>();
  if (v?.kind === 'map') for (const e of v.entries) if (e.key.kind === 'scalar') out.add(String(e.key.value));
  return out;
}

/** Whether a failure inside `item` may be caught: ignore_errors (an include's `apply` too), or a block's rescue. */
function catches(item: TaskItem): boolean {
  if (item.keywords.has('ignore_errors')) return true;
  if (item.kind === 'block') return item.rescue.length > 0;
  const apply = item.args.find((a) => a.key === 'apply')?.value;
  return apply?.kind === 'map' && apply.entries.some((e) => e.key.kind === 'scalar' && e.key.value === 'ignore_errors');
}

/** Whether the input catches failures around an include, or plays or role entries ignore errors: every guard is off then. */
function catchesAroundIncludes(project: Project): boolean {
  const around = (items: readonly TaskItem[], caught: boolean): boolean =>
    items.some((i) => {
      const c = caught || catches(i);
      if (i.kind === 'block') return around(i.block, c) || around(i.rescue, c) || around(i.always, c);
      return c && INCLUDES.has(i.module);
    });
  for (const role of project.roles.values()) {
    for (const list of [...role.taskFiles.values(), ...role.handlerFiles.values()]) if (around(list, false)) return true;
    if (role.dependencies.some((d) => d.keywords.has('ignore_errors'))) return true;
  }
  for (const book of project.playbooks)
    for (const play of book.plays) {
      if (play.keywords.has('ignore_errors') || play.roles.some((r) => r.keywords.has('ignore_errors'))) return true;
      for (const list of [play.preTasks, play.tasks, play.postTasks, play.handlers]) if (around(list, false)) return true;
    }
  return false;
}

/** The guards of the input's task lists (role task files, plays' pre_tasks, tasks, post_tasks; never handlers) and what they narrow. */
export function requiredGuards(project: Project): RequiredGuards {
  const guards = new Map<TaskItem, ReadonlySet<string>>();
  const narrowed = new Map<TaskItem, Set<string>>();
  if (catchesAroundIncludes(project)) return { notNone: () => NONE, guards };
  const mark = (item: TaskItem, names: ReadonlySet<string>): void => {
    const hidden = ownVars(item);
    const left = [...names].filter((n) => !hidden.has(n));
    if (left.length === 0) return;
    narrowed.set(item, new Set([...(narrowed.get(item) ?? []), ...left]));
    if (item.kind === 'block') for (const i of [...item.block, ...item.rescue, ...item.always]) mark(i, new Set(left));
  };
  // `caught`: an enclosing block rescues or ignores a failure inside it (no guard there).
  const list = (items: readonly TaskItem[], caught: boolean): void => {
    for (const [i, item] of items.entries()) {
      if (item.kind === 'block') {
        const c = caught || catches(item);
        for (const inner of [item.block, item.rescue, item.always]) list(inner, c);
        continue;
      }
      if (caught) continue;
      const names = guarded(item);
      if (names.size === 0) continue;
      guards.set(item, names);
      narrowed.set(item, new Set([...(narrowed.get(item) ?? []), ...names]));
      for (const later of items.slice(i + 1)) mark(later, names);
    }
  };
  for (const role of project.roles.values()) for (const items of role.taskFiles.values()) list(items, false);
  for (const book of project.playbooks)
    for (const play of book.plays) for (const items of [play.preTasks, play.tasks, play.postTasks]) list(items, false);
  return { notNone: (item) => narrowed.get(item) ?? NONE, guards };
}
