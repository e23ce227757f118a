// run_once and delegate_to -> one node does the work, chosen as Ansible chooses it.
//
// Ansible 2.14 (plugins/strategy/linear.py) sends a run_once task only to the first host left in
// the play's host list (inventory order for the play's pattern, per serial batch), and with
// `delegate_to: "{{ groups['g'][0] }}"` that one execution happens on g's first host. In Chef every
// node converges on its own, so the task becomes a guard: the node named after that host runs it,
// the others skip it. `groups[g][0]` is read as the converted `groups` is (the inventory order with
// static groups, the node names sorted with --groups search).
//
// delegate_to a group's first host without run_once repeats the task there once per play host, each
// time with that host's variables; where the repeats are the work of one run (repeat-same.ts: a
// module that changes nothing when repeated, reading nothing that differs between hosts), it is
// guarded to that node as run_once would be.
//
// Where the host cannot be known, or the result would differ, the task stays a TODO that says why
// and which node's run list should carry it: other delegate_to without run_once (Ansible runs it
// once per play host, on the delegate, with each play host's variables), delegation to other hosts
// (the Ansible controller: the node that takes over its work), plays
// with serial / order / a non-linear strategy, roles no play of the input runs that another role
// includes, with --groups search (otherwise the first of the play's hosts the Policyfile sets, or
// of the nodes carrying their recipe: play-hosts.ts), and run_once tasks
// whose results Ansible hands to every play host (set_fact, include_vars, a register read later).
import type { Play, Task } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { synthScalar } from '../../load/ansible/tasks.js';
import type { CookbookEnv } from '../env.js';
import type { InventoryView } from '../context.js';
import { type Result, Untranslatable } from '../../base/failure.js';
import { staticBool, staticString } from '../values.js';
import { delegateGroup, groupList, type Bound, type GroupFirst } from './delegate-target.js';
import { repeatTrouble } from './repeat-same.js';
import { CONTROLLER_NAMES } from '../../jinja-to-ruby/hostvars.js';

/** `groups['g'][0]`, `groups.g[0]`, `groups['g'] | first`: the first host of a group. */
const FIRST_OF_GROUP =
  /^\s*\{\{\s*groups\s*(?:\[\s*(['"])((?:(?!\1)[^\\])*)\1\s*\]|\.([A-Za-z_][A-Za-z0-9_]*))\s*(?:\[\s*0\s*\]|\|\s*first)\s*\}\}\s*$/;

/** Modules whose run_once result Ansible gives to every host of the play (facts, meta). */
const SHARED_RESULT: ReadonlySet<string> = new Set([
  'ansible.builtin.set_fact',
  'ansible.builtin.include_vars',
  'ansible.builtin.setup',
  'ansible.builtin.gather_facts',
  'ansible.builtin.package_facts',
  'ansible.builtin.service_facts',
  'ansible.builtin.meta',
]);

/**
 * Includes whose run_once is not placed. include_tasks is: Ansible 2.14 includes the file for the
 * chosen host only (its `when` read there), so the included tasks run on that host alone, which
 * the guard handed down to each inlined task reproduces (task.ts). The legacy include gives
 * run_once to every included task (each result then shared with every host), and a role include
 * would need the guard on each of the role's tasks. import_tasks is static: its run_once and
 * delegate_to become each imported task's own (import-keywords.ts), each placed or refused here
 * as that task would be.
 */
const UNPLACED_INCLUDE: Readonly<Record<string, string>> = {
  'ansible.builtin.include': 'the legacy include is not placed (write include_tasks)',
  'ansible.builtin.include_role': "Ansible runs the role's tasks on that host only; the role's recipe is not guarded task by task",
  'ansible.builtin.import_role': "Ansible runs the role's tasks on that host only; the role's recipe is not guarded task by task",
};

/** A Python string literal, for the synthesized Jinja condition. */
function pyStr(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The hosts of a group as the converted `groups` orders them. */
function ordered(p: InventoryView, group: string): string[] {
  const hosts = p.groups[group] ?? [];
  return p.groupsMode === 'search' ? [...hosts].sort() : hosts;
}

/**
 * What is asked of a play's hosts: the host run_once picks, or the list a magic variable holds.
 * Ansible 2.14 (vars/manager.py, strategy/__init__.py `_set_hosts_cache`) lists
 * ansible_play_hosts[_all] from the play's pattern in inventory order, ignoring the serial batch
 * (a restriction of the inventory) and `order`; ansible_play_batch (play_hosts) is the current
 * batch in the play's `order`. The strategy changes neither list, only when failed hosts leave it.
 */
export type PlayHostsUse = 'run-once' | 'hosts' | 'batch';

/**
 * Why Ansible's choice of host in this play (run_once), or its list of the play's hosts, cannot be
 * reproduced, or undefined.
 */
function playTrouble(play: Play, p: InventoryView, use: PlayHostsUse = 'run-once'): string | undefined {
  const where = `play '${play.name ?? play.hosts}' (${play.file}:${play.span.line})`;
  if (p.patternOf(play).includes('{{')) return `${where} has a templated host pattern`;
  if (use === 'hosts') return undefined;
  const list = use === 'batch';
  if (play.keywords.has('serial'))
    return `${where} has serial: Ansible runs ${list ? 'the play in batches of hosts' : 'the task once per batch'}`;
  const order = play.keywords.get('order');
  if (order && staticString(order) !== 'inventory')
    return `${where} orders its hosts (order)${list ? '' : ", so its first host is not the inventory's"}`;
  if (list) return undefined;
  const strategy = play.keywords.get('strategy');
  if (strategy && !['linear', 'ansible.builtin.linear'].includes(staticString(strategy) ?? ''))
    return `${where} uses another strategy than linear: the first host to reach the task runs it`;
  return undefined;
}

interface Chosen {
  /** A Jinja expression naming the host. */
  expr: string;
  /** That host, from this inventory. */
  host: string;
  /** How it is chosen, for the report. */
  how: string;
}

function firstHow(group: string, p: InventoryView): string {
  return p.groupsMode === 'search'
    ? `the first node of '${group}' by name (--groups search; Ansible takes the inventory's first)`
    : `the first host of '${group}' in inventory order, as Ansible picks it`;
}

/** The plays' common host pattern resolved against the inventory: one group, or one host. */
export type PlayPattern = { kind: 'group'; name: string; hosts: string[] } | { kind: 'host'; name: string };

/** The plays' common host pattern as one group or one host of this inventory, or why it is not. */
export function playPattern(plays: readonly Play[], p: InventoryView): PlayPattern | string {
  const patterns = [...new Set(plays.map((pl) => p.patternOf(pl).trim()))];
  if (patterns.length !== 1) return `the plays that run it have different host patterns (${patterns.join(', ')})`;
  const term = patterns[0]!;
  if (!/^[^\s:,!&*[\]]+$/.test(term)) return `its play's host pattern '${term}' is not one group or host`;
  if (Object.hasOwn(p.groups, term)) {
    if (p.groupsMode === 'search' && term === 'all') return "with --groups search no node publishes group 'all'";
    const hosts = ordered(p, term);
    if (!hosts.length) return `group '${term}' has no host in the inventory`;
    return { kind: 'group', name: term, hosts };
  }
  if (p.hostsOf(term).includes(term)) return { kind: 'host', name: term };
  return `no inventory host matches its play's host pattern '${term}'`;
}

/**
 * The one name of a play's static host pattern when it names no host of this inventory (a group
 * the inventory lacks or leaves empty, as where a dynamic inventory fills the groups), else undefined.
 */
export function unlistedPattern(play: Play, p: InventoryView): string | undefined {
  const term = p.patternOf(play).trim();
  if (!/^[^\s:,!&*[\]{}]+$/.test(term)) return undefined;
  if (Object.hasOwn(p.groups, term) && (p.groups[term]?.length ?? 0) > 0) return undefined;
  return p.hostsOf(term).length ? undefined : term;
}

/** The first host of the plays' common host pattern (a group or a host), as Ansible picks it. */
function firstPlayHost(plays: readonly Play[], p: InventoryView): Chosen | string {
  const pattern = playPattern(plays, p);
  if (typeof pattern === 'string') return pattern;
  if (pattern.kind === 'host') return { expr: pyStr(pattern.name), host: pattern.name, how: `the play's only host` };
  return { expr: `groups[${pyStr(pattern.name)}][0]`, host: pattern.hosts[0]!, how: firstHow(pattern.name, p) };
}

/**
 * Why the hosts Ansible runs these plays on, in its order, cannot be known at conversion time for
 * `use`, or undefined: the plays run them, none has a templated pattern, and (for run_once, and
 * the batch) none has serial or another order, nor (for run_once) another strategy.
 */
export function playsTrouble(plays: readonly Play[], where: string, p: InventoryView, use: PlayHostsUse = 'run-once'): string | undefined {
  if (!plays.length) return `no play of the input runs ${where}`;
  for (const play of plays) {
    const why = playTrouble(play, p, use);
    if (why) return why;
  }
  return undefined;
}

/**
 * Why a role no play runs has no known hosts, or undefined when they are known on the node: with
 * static groups, the play's hosts the Policyfile running it sets (play-hosts.ts); with --groups
 * search, the nodes whose run list carries its recipe, unless another role may run it too.
 */
export function noPlayTrouble(env: CookbookEnv): string | undefined {
  const where = env.role ? `role ${env.role.name}` : 'these tasks';
  if (!env.role) return `no play of the input runs ${where}`;
  if (env.project.groupsMode !== 'search') return undefined;
  if (env.project.reachedByRoles.has(env.role.name))
    return `no play of the input runs ${where}, and another role depends on it or includes it: the nodes that run it are not only those whose run list carries recipe[${env.cookbook}]`;
  return undefined;
}

/**
 * The value a `{{ name }}` delegate has in the input when nothing outside it sets the name: the
 * plain string of its one definition in the role, or the default of `{{ other | default('x') }}`
 * where the input defines `other` nowhere. Undefined when another value is possible.
 */
function inputValue(target: string, env: CookbookEnv): { value: string; why: string } | undefined {
  const m = /^\s*\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}\s*$/.exec(target);
  if (!m || !env.role) return undefined;
  const name = m[1]!;
  const defs = env.project.symbols.get(name)?.definitions ?? [];
  const entries = [...env.role.defaults, ...env.role.vars].flatMap((f) => f.entries.filter((e) => e.name === name));
  if (defs.length !== 1 || entries.length !== 1) return undefined;
  const entry = entries[0]!;
  const at = `${entry.span.file}:${entry.span.line}`;
  const plain = staticString(entry.value);
  if (plain !== undefined) return { value: plain, why: `${name} is '${plain}' in the input (${at}; nothing else in it sets ${name})` };
  const raw = entry.value.kind === 'scalar' && typeof entry.value.value === 'string' ? entry.value.value : '';
  const fallback = /^\s*\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\|\s*default\(\s*(['"])([^'"\\{}]*)\2\s*\)\s*\}\}\s*$/.exec(raw);
  if (!fallback) return undefined;
  const other = env.project.symbols.get(fallback[1]!)?.definitions ?? [];
  if (other.some((d) => d.kind !== 'undeclared')) return undefined;
  return {
    value: fallback[3]!,
    why: `${name} is '${fallback[3]}' in the input (${at}, where ${fallback[1]} is set nowhere; nothing else sets ${name})`,
  };
}

/**
 * Which node's run list should carry work Ansible does on the controller. The controller is no
 * Chef node unless the inventory lists localhost itself; otherwise one node must take over its
 * work, and the reason names the hosts the work is done for (once per play host without
 * run_once) or the node run_once alone would pick, so the operator can place it.
 */
function controllerCarrier(p: InventoryView, env: CookbookEnv | undefined, once: boolean): string {
  if (p.hostsOf('localhost').includes('localhost'))
    return `it runs on the Ansible controller, which the inventory lists as host localhost: the run list of node localhost should carry it${once ? '' : ', repeated for each play host with its values'}`;
  if (env?.plays.length && env.plays.every((pl) => p.patternOf(pl).trim() === 'localhost'))
    return "its play runs on the Ansible controller too (hosts: localhost), which is no Chef node: the run list of the one node that takes over the controller's work should carry the play's recipe";
  const pattern = env?.plays.length ? playPattern(env.plays, p) : undefined;
  const hosts =
    pattern === undefined || typeof pattern === 'string'
      ? undefined
      : pattern.kind === 'group'
        ? { list: pattern.hosts, first: `node ${pattern.hosts[0]}, the first host of '${pattern.name}'` }
        : { list: [pattern.name], first: `node ${pattern.name}, the play's only host` };
  // A pattern naming a group the inventory lacks (a dynamic inventory fills it): named as written.
  const terms = env?.plays.length ? [...new Set(env.plays.map((pl) => p.patternOf(pl).trim()))] : [];
  const named = !hosts && terms.length === 1 && /^[A-Za-z0-9_.-]+$/.test(terms[0]!) ? terms[0] : undefined;
  const roleHosts =
    env?.role && !env.plays.length
      ? `the hosts of the play that runs role ${env.role.name}`
      : named
        ? `the hosts of '${named}'`
        : undefined;
  const where = once
    ? `, once (run_once alone would place it on ${hosts?.first ?? (roleHosts ? `the first of ${roleHosts}` : "the play's first host")})`
    : `, repeated for each play host (${hosts ? hosts.list.join(', ') : (roleHosts ?? "the play's hosts")}) with that host's values`;
  return `it runs on the Ansible controller (localhost), which is no Chef node: the run list of the one node that takes over the controller's work should carry it${where}`;
}

/** Where a delegated task should go instead, for the TODO's reason. */
function carrier(target: string, p: InventoryView, env?: CookbookEnv, resolved?: Delegate, once = false): string {
  if (resolved && 'carrier' in resolved && resolved.carrier) return resolved.carrier;
  if (resolved && 'group' in resolved && resolved.via.length) {
    const host = ordered(p, resolved.group)[0];
    const first = `the first host of '${resolved.group}'`;
    return `the run list of ${host !== undefined ? `node ${host} (${first}, ` : `${first} (`}${viaText(resolved)}) should carry it`;
  }
  const known = env ? inputValue(target, env) : undefined;
  if (known && !known.value.includes('{{')) return `${known.why}: ${carrier(known.value, p, env, undefined, once)}`;
  const v = target.trim();
  if (['localhost', '127.0.0.1', '::1'].includes(v)) return controllerCarrier(p, env, once);
  const group = FIRST_OF_GROUP.exec(v);
  if (group) {
    const host = ordered(p, group[2] ?? group[3]!)[0];
    return `the run list of ${host !== undefined ? `node ${host} (` : 'the node named by '}${v.replace(/^\s*\{\{\s*|\s*\}\}\s*$/g, '')}${host !== undefined ? ')' : ''} should carry it`;
  }
  if (v.includes('{{')) return `the run list of the node that ${v} names should carry it`;
  return `the run list of node '${v}' should carry it`;
}

/** Is `name` read by any task of the project other than `task` (its own keywords are fine)? */
function readElsewhere(name: string, task: Task, env: CookbookEnv): boolean {
  const word = new RegExp(`(^|[^A-Za-z0-9_.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_]|$)`);
  const strings = (n: YNode | undefined): string[] =>
    !n
      ? []
      : n.kind === 'scalar'
        ? typeof n.value === 'string'
          ? [n.value]
          : []
        : n.kind === 'seq'
          ? n.items.flatMap(strings)
          : n.entries.flatMap((e) => [...strings(e.key), ...strings(e.value)]);
  const same = (t: { span: Task['span'] }) =>
    t.span.file === task.span.file && t.span.line === task.span.line && t.span.col === task.span.col;
  const visit = (item: CookbookEnv['roleItems'][number]): boolean => {
    if (item.kind === 'block')
      return (
        [...item.keywords.values()].some((v) => strings(v).some((s) => word.test(s))) ||
        [...item.block, ...item.rescue, ...item.always].some(visit)
      );
    if (same(item)) return false;
    for (const [k, v] of item.keywords) if (k !== 'register' && strings(v).some((s) => word.test(s))) return true;
    return item.args.some((a) => strings(a.value).some((s) => word.test(s))) || strings(item.freeForm).some((s) => word.test(s));
  };
  return [...env.roleItems, ...env.project.allItems].some(visit);
}

/** Is the task a handler (of the role, or of the play)? */
function isHandler(task: Task, env: CookbookEnv): boolean {
  const lists = env.role ? [...env.role.handlerFiles.values()] : env.plays.map((pl) => pl.handlers);
  const flat = (items: CookbookEnv['roleItems']): CookbookEnv['roleItems'] =>
    items.flatMap((i) => (i.kind === 'block' ? flat([...i.block, ...i.rescue, ...i.always]) : [i]));
  return lists.some((l) =>
    flat(l).some((h) => h.span.file === task.span.file && h.span.line === task.span.line && h.span.col === task.span.col),
  );
}

/** A delegate read as the first host of a group (in place or through variables), or why not. */
type Delegate = GroupFirst | { why: string; carrier?: string };

/** `groups['g'][0]` written in place, or a `{{ expression }}` whose variables lead there (delegate-target.ts). */
function delegateOf(target: string | undefined, env: CookbookEnv, bound: Bound): Delegate | undefined {
  if (target === undefined) return undefined;
  const direct = FIRST_OF_GROUP.exec(target);
  if (direct) return { group: direct[2] ?? direct[3]!, via: [], whenEmpty: 'Ansible fails' };
  return delegateGroup(target, env.project.symbols, bound, env.role?.name);
}

/**
 * `delegate_to: "{{ item }}"` over the hosts of a group (`loop: "{{ groups['g'] }}"`, with_items):
 * Ansible runs it on each host of the group, templated with the play host's variables. No guard
 * reproduces that (each node would run it for itself, with its own values), so it stays a TODO
 * whose reason names those hosts.
 */
function loopDelegate(
  task: Task,
  target: string | undefined,
  loopKey: string | undefined,
  loopVar: string | undefined,
  env: CookbookEnv,
  bound: Bound,
): Delegate | undefined {
  if (!target || !loopKey || !['loop', 'with_items', 'with_list'].includes(loopKey)) return undefined;
  const written = task.keywords.get(loopKey);
  // with_items flattens one level: `with_items: ["{{ hosts }}"]` loops over the hosts.
  const node = loopKey === 'with_items' && written?.kind === 'seq' && written.items.length === 1 ? written.items[0] : written;
  const text = node?.kind === 'scalar' && typeof node.value === 'string' && !node.unsafe ? node.value : undefined;
  const playHosts =
    text !== undefined && /^\s*\{\{\s*(ansible_play_hosts|ansible_play_hosts_all|ansible_play_batch|play_hosts)\s*\}\}\s*$/.exec(text);
  if (playHosts && !bound(playHosts[1]!)) {
    const pattern = env.plays.length ? playPattern(env.plays, env.project) : undefined;
    const hosts =
      pattern && typeof pattern !== 'string'
        ? ` (${pattern.kind === 'group' ? pattern.hosts.join(', ') : pattern.name})`
        : env.role && !env.plays.length
          ? ` (the hosts of the play that runs role ${env.role.name})`
          : '';
    const carrier = `the loop delegates it to each of the play's hosts${hosts}, templated with the variables of the host that runs the loop: the run list of each play host should carry it, where a node would run it for itself only, with its own values`;
    return { why: carrier, carrier };
  }
  const listed = text !== undefined ? groupList(text, env.project.symbols, (n) => n !== loopVar && bound(n), env.role?.name) : undefined;
  if (!listed) return undefined;
  const hosts = ordered(env.project, listed.group);
  const named = hosts.length ? ` (${hosts.join(', ')})` : '';
  const carrier = `the loop delegates it to each host of '${listed.group}'${named}${listed.via.length ? `, ${viaText({ ...listed, whenEmpty: '' })}` : ''}, each time with the play host's variables: the run list of each of them should carry it, where a node would run it for itself only, with its own values`;
  return { why: carrier, carrier };
}

/** The variables a resolved delegate was read through, for the report. */
function viaText(d: GroupFirst): string {
  return `named through ${d.via.join(', then ')}`;
}

const todo = (reason: string, node: YNode) => new Untranslatable('A2C-TODO-PUSH-MODEL', reason, node.span);

export interface RunOnce {
  /** A Jinja `when` condition, checked before the task's own. */
  when: YNode;
  /** Reports the chosen node; called once the task is converted (a TODO runs nowhere). */
  announce: () => void;
}

/**
 * The condition that keeps a run_once task to the node Ansible runs it on, undefined when the task
 * has neither keyword, or why it stays a TODO.
 */
export function runOnceCondition(
  task: Task,
  env: CookbookEnv,
  scopeBound: Bound = () => false,
  inheritedWhen: readonly YNode[] = [],
): Result<RunOnce | undefined> {
  // import_tasks hands both keywords to each imported task (import-keywords.ts): no guard of its own.
  if (task.module === IMPORT_TASKS) return undefined;
  const ro = task.keywords.get('run_once');
  const dt = task.keywords.get('delegate_to');
  if (!ro && !dt) return undefined;
  const once = ro ? staticBool(ro) : false;
  if (ro && once === undefined) return todo('run_once: a templated run_once is decided per play run; not converted', ro);
  const target = dt ? (dt.kind === 'scalar' && typeof dt.value === 'string' ? dt.value : (staticString(dt) ?? '')) : undefined;
  const vars = task.keywords.get('vars');
  const own = new Set(vars?.kind === 'map' ? vars.entries.map((e) => staticString(e.key) ?? '') : []);
  // A loop binds item (or its loop_var) over every definition.
  const loopKey = [...task.keywords.keys()].find((k) => k === 'loop' || k.startsWith('with_'));
  let loopVar: string | undefined;
  if (loopKey) {
    const control = task.keywords.get('loop_control');
    loopVar =
      (control?.kind === 'map' ? staticString(control.entries.find((e) => staticString(e.key) === 'loop_var')?.value) : undefined) ??
      'item';
    own.add(loopVar);
  }
  const bound: Bound = (n) => own.has(n) || scopeBound(n);
  // `delegate_to: "{{ inventory_hostname }}"` names the host the task runs for: no delegation at
  // all (with run_once, the first host's name: the host run_once picks anyway).
  if (target !== undefined && /^\s*\{\{\s*inventory_hostname\s*\}\}\s*$/.test(target) && !bound('inventory_hostname')) {
    if (!ro) return undefined;
    return runOnceCondition(withoutDelegate(task), env, scopeBound, inheritedWhen);
  }
  // The controller on an action plugin that works wholly there (assert, debug, set_fact...): Ansible
  // templates it with the play host's variables and gives the play host its result, as without
  // delegate_to, so there is no delegation to place.
  if (target !== undefined && worksOnController(task, target, env)) {
    if (!ro) return undefined;
    return runOnceCondition(withoutDelegate(task), env, scopeBound, inheritedWhen);
  }
  // The loop variable itself names no group's first host: only the loop's list can say more.
  const itemTarget = loopVar !== undefined && target !== undefined && new RegExp(`^\\s*\\{\\{\\s*${loopVar}\\s*\\}\\}\\s*$`).test(target);
  const delegate = itemTarget ? loopDelegate(task, target, loopKey, loopVar, env, bound) : delegateOf(target, env, bound);
  const group = delegate && 'group' in delegate ? delegate : undefined;
  // Without run_once, the repeats on a group's first host may be the work of one run there (repeat-same.ts).
  const repeats = dt && !once ? (group ? repeatTrouble(task, env, own, scopeBound, inheritedWhen) : '') : undefined;
  if (dt && !once && repeats !== undefined) {
    return todo(
      `delegate_to: Ansible runs this once per play host, on ${target || 'the delegate'}, with each play host's variables${repeats ? ` (not the work of one run: ${repeats})` : ''}; a Chef run converges only its own node: ${carrier(target ?? '', env.project, env, delegate)}`,
      dt,
    );
  }
  const repeated = dt !== undefined && !once;
  if (!repeated && (!ro || !once)) return undefined;
  /** The keyword the guard and its report point at. */
  const at = (repeated ? dt : ro)!;
  if (dt && !group) {
    // Why the variables the delegate reads do not name one group's first host (when it reads any).
    const why = delegate && 'why' in delegate && !delegate.carrier && !inputValue(target ?? '', env) ? `${delegate.why}; ` : '';
    return todo(
      `delegate_to: run_once runs this once, on ${target || 'the delegate'}; only the first host of an inventory group (groups['g'][0], in place or through variables that all lead there) is placed on a node: ${why}${carrier(target ?? '', env.project, env, delegate, true)}`,
      dt,
    );
  }
  const p = env.project;
  const plays = env.plays;
  const where = env.role ? `role ${env.role.name}` : 'these tasks';
  if (!plays.length) {
    const why = noPlayTrouble(env);
    if (why) return todo(`run_once: which host Ansible would run it on is unknown: ${why}`, at);
    if (dt)
      return todo(
        `delegate_to: no play of the input runs ${where}, so whether the delegate runs it is unknown: ${carrier(target!, p, env, group)}`,
        dt,
      );
  }
  // A delegate that is a group's first host takes the repeats whatever the play's batches and order.
  const trouble = plays.length && !repeated ? playsTrouble(plays, where, p) : undefined;
  if (trouble) return todo(`run_once: ${trouble}`, at);
  // Ansible runs it once for the hosts that notified it; a guard would skip it unless the chosen node was one.
  if (isHandler(task, env))
    return todo(
      repeated
        ? `delegate_to: a handler delegated to the first host of '${group!.group}' runs there once for each host of the play that notified it; a Chef node knows only its own notifications`
        : group
          ? `run_once: a run_once handler delegated to the first host of '${group.group}' runs there once when any host of the play notified it; a Chef node knows only its own notifications`
          : 'run_once: a run_once handler runs on the first host that notified it, which a Chef node cannot know',
      at,
    );
  const unplaced = UNPLACED_INCLUDE[task.module];
  if (unplaced) return todo(`run_once on ${task.module.replace('ansible.builtin.', '')}: ${unplaced}`, at);
  if (SHARED_RESULT.has(task.module))
    return todo(
      `run_once: Ansible gives the result of ${task.module} to every host of the play; a Chef guard would keep it to one node`,
      at,
    );
  const reg = staticString(task.keywords.get('register'));
  if (reg !== undefined && readElsewhere(reg, task, env))
    return todo(
      repeated
        ? `delegate_to: each play host registers its own run's result as '${reg}' (only the first run reports a change), and other tasks read it; only one node would have it in Chef`
        : `run_once: Ansible gives the registered '${reg}' to every host of the play, and other tasks read it; only one node would have it in Chef`,
      at,
    );
  if (repeated && task.keywords.has('notify'))
    return todo(
      `delegate_to: Ansible notifies the handlers of each play host whose run on ${target} reports a change (which one does depends on the order the repeats reach it); Chef would notify once, on that node`,
      dt!,
    );

  const first: Chosen | string = plays.length
    ? firstPlayHost(plays, p)
    : {
        // A role no play runs: the first of the play's hosts, as the Policyfile running it lists
        // them (static groups), or of the nodes carrying its recipe (--groups search).
        expr: 'ansible_play_hosts_all[0]',
        ...(p.groupsMode === 'search'
          ? {
              host: `the first node by name of those whose run list carries recipe[${env.cookbook}]`,
              how: 'found by Chef search, as no play of the input runs the role (Ansible takes the first host of the play that runs it, in inventory order)',
            }
          : {
              host: `the first of the play's hosts`,
              how: `as the Policyfile that runs recipe[${env.cookbook}] lists them (node['${p.symbols.namespace}']['ansible_play_hosts'], the play's hosts in inventory order), as no play of the input runs the role`,
            }),
      };
  let chosen: Chosen;
  const warnings: Array<() => void> = [];
  if (group) {
    const name = group.group;
    const host = ordered(p, name)[0];
    if (host === undefined)
      return todo(`delegate_to: group '${name}' has no host in the inventory${group.via.length ? `, where ${group.whenEmpty}` : ''}`, dt!);
    const runs = new Set(plays.flatMap((pl) => p.hostsOf(pl.hosts)));
    if (!runs.has(host))
      return todo(
        `delegate_to: ${repeated ? 'Ansible repeats this' : 'run_once runs this'} on ${host} (the first host of '${name}'), which runs none of the plays that run ${where}: ${carrier(target!, p, env, group)}`,
        dt!,
      );
    chosen = {
      expr: `groups[${pyStr(name)}][0]`,
      host,
      how: `${firstHow(name, p)}${group.via.length ? `, ${viaText(group)} (every definition of each leads there)` : ''}`,
    };
    const firstHost = typeof first === 'string' ? undefined : first.host;
    // Repeated: every play host templates it alike (repeat-same.ts), so no host's variables differ.
    if (firstHost !== host && !repeated) {
      // Ansible notifies the handler on the play's first host, and templates the task with its variables.
      if (task.keywords.has('notify'))
        return todo(
          `delegate_to: Ansible notifies the handler on the play's first host${firstHost ? ` (${firstHost})` : ''}, not on ${host}, where Chef would`,
          dt!,
        );
      warnings.push(() =>
        env.project.sink.warning(
          'A2C-DELEGATE-VARS',
          `run_once + delegate_to: runs on ${host}, with ${host}'s attributes; Ansible templates it with the variables of the play's first host${firstHost ? ` (${firstHost})` : ''}: they agree unless the task reads host-specific values`,
          dt!.span,
        ),
      );
    }
  } else {
    if (typeof first === 'string') return todo(`run_once: ${first}`, at);
    chosen = first;
  }
  const module = task.module.replace(/^ansible\.builtin\./, '');
  const announce = () => {
    const why = repeated
      ? `delegate_to without run_once: Ansible runs it there once per play host, with the same arguments and condition on each (it reads nothing that differs between hosts), and ${module} changes nothing when run again, so one run there does the work; `
      : '';
    env.project.sink.info('A2C-RUN-ONCE', `runs on ${chosen.host} only: ${why}${chosen.how} (node.name == ${chosen.expr})`, at.span);
    for (const w of warnings) w();
    env.notes.add(
      repeated
        ? "delegate_to: a task Ansible repeats on a group's first host once per play host, with the same arguments, runs once on that node (CONVERSION.md names it); Ansible's repeats run side by side there (forks), one Chef run does the work once; if it fails, only that node's run fails, where Ansible fails every host of the play"
        : "run_once: the task runs on one node only, the one Ansible picks (CONVERSION.md names it); if it fails, only that node's run fails, where Ansible fails every host of the play",
    );
  };
  return { when: synthScalar(`inventory_hostname == ${chosen.expr}`, at.span), announce };
}

const IMPORT_TASKS = 'ansible.builtin.import_tasks';

/**
 * Is `delegate_to: <target>` a delegation to the Ansible controller of a module the table marks
 * `on_controller` (an action plugin that runs no module on any host)? set_fact with a
 * delegate_facts other than a plain false gives its facts to the delegate instead, so it is not.
 */
function worksOnController(task: Task, target: string, env: CookbookEnv): boolean {
  if (!CONTROLLER_NAMES.has(target.trim())) return false;
  if (env.project.tables.modules.modules.get(task.module)?.on_controller !== true) return false;
  const facts = task.keywords.get('delegate_facts');
  return facts === undefined || staticBool(facts) === false;
}

/** The task without its delegate_to (a delegation to the host itself, or to the controller where that changes nothing). */
function withoutDelegate(task: Task): Task {
  return { ...task, keywords: new Map([...task.keywords].filter(([k]) => k !== 'delegate_to')) };
}
