// `register:` — results a later task reads. stat and command/shell results are computed by a
// ruby_block at the task's place in the run and kept in node.run_state, so later guards read
// exactly what Ansible would have registered; a later `when: r is changed` on any other module
// becomes a subscription to the registering resource.
import type { ResourceStmt, Stmt } from '../chef/ir.js';
import type { Task, TaskItem } from '../ansible/model.js';
import type { YNode } from '../ansible/yaml.js';
import { bool, call, isConstCall, someExpr, str, type RExpr } from '../ruby/ast.js';
import type { Scope } from './jinja-bridge.js';
import { failed, type Result, Untranslatable } from './failure.js';
import { staticBool, staticString, translateConditions, translateValue } from './values.js';
import { shlexSplit } from '../ansible/shlex.js';
import { parseExpression } from '../jinja/index.js';
import { strictBool } from './strict-bool.js';
import { coerceArg } from './modules/coerce.js';
import type { ModuleSpec } from '../mapping/modules.js';

/**
 * runstate: a ruby_block computed the whole result; resource: a resource whose change a later
 * `when: r is changed` subscribes to (recorded: its changed/skipped state is also kept in
 * run_state, for any other read); opaque: nothing can be read.
 */
export type Registered =
  | { kind: 'runstate' }
  | { kind: 'resource'; resources: ResourceStmt[]; recorded?: boolean }
  | { kind: 'opaque' }
  /** A later set_fact gave the name another value (Ansible reads that one from then on). */
  | { kind: 'replaced'; at: string };

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };
const RUN_STATE: RExpr = call(call(undefined, 'node', [], { noParens: true }), 'run_state', [], { noParens: true });

export function registeredRef(name: string): RExpr {
  return call(TASKS, 'registered', [RUN_STATE, str(name)]);
}

export function resultTestExpr(name: string, test: string, negated: boolean): RExpr {
  const e = call(TASKS, 'result?', [registeredRef(name), str(test)]);
  return negated ? { k: 'not', e } : e;
}

/** Does a Ruby tree read a registered result (so it must be evaluated at converge time)? */
export function readsRegistered(e: RExpr): boolean {
  return someExpr(e, (x) => isConstCall(x, 'A2C::Tasks', 'registered'));
}

/**
 * stat / command / shell / slurp / find with register: the ruby_block that runs it and stores the result.
 * `when` is folded in: a skipped task still registers a skipped result, as in Ansible.
 */
export function registerBlock(task: Task, name: string, scope: Scope, when: YNode[], spec?: ModuleSpec): Result<Stmt[] | undefined> {
  let run: RExpr;
  if (task.module === 'ansible.builtin.find' && spec) {
    const r = findRun(task, name, scope, spec);
    if (failed(r)) return r;
    run = r;
  } else if (task.module === 'ansible.builtin.stat') {
    const r = statRun(task, name, scope);
    if (failed(r)) return r;
    run = r;
  } else if (task.module === 'ansible.builtin.slurp') {
    const r = slurpRun(task, name, scope);
    if (failed(r)) return r;
    run = r;
  } else if (task.module === 'ansible.builtin.command' || task.module === 'ansible.builtin.shell') {
    const r = commandRun(task, name, scope);
    if (failed(r)) return r;
    run = r;
  } else {
    return undefined;
  }
  const cond = whenCondition(when, scope);
  if (failed(cond)) return cond;
  const body: RExpr = cond ? { k: 'ternary', c: cond, t: run, f: call(TASKS, 'store', [RUN_STATE, str(name), call(TASKS, 'skipped_result', [])]) } : run;
  return [rubyBlock(task, str(task.name ?? `register ${name}`), body, `registers '${name}' for later tasks (node.run_state)`)];
}

/** The task's `when` conditions (its own and inherited) as one Ruby condition; undefined without any. */
function whenCondition(when: YNode[], scope: Scope): Result<RExpr | undefined> {
  const guards: RExpr[] = [];
  for (const w of when) {
    const c = translateConditions(w, scope);
    if (failed(c)) return c;
    guards.push(...c);
  }
  return guards.length ? guards.reduce((a, b) => ({ k: 'binop', op: '&&', l: a, r: b })) : undefined;
}

/** A ruby_block at the task's place running `body` at converge time. */
export function rubyBlock(task: Task, name: RExpr, body: RExpr, note: string): ResourceStmt {
  return {
    kind: 'resource', type: 'ruby_block', name,
    properties: [{ name: 'block', value: body, block: true }], actions: [], guards: [], notifies: [], subscribes: [],
    origin: { span: task.span, ...(task.name !== undefined ? { taskName: task.name } : {}) },
    notes: [note],
  };
}

function statRun(task: Task, name: string, scope: Scope): Result<RExpr> {
  const a = statArgs(task, scope);
  if (failed(a)) return a;
  return call(TASKS, 'register_stat', [RUN_STATE, str(name), a.path], { kwargs: a.kwargs });
}

/** The path and the options of a stat task (free-form `path=...` is parsed into args by the loader). */
function statArgs(task: Task, scope: Scope): Result<{ path: RExpr; kwargs: Array<[string, RExpr]> }> {
  const path = task.args.find((a) => ['path', 'dest', 'name'].includes(a.key))?.value;
  if (!path) return new Untranslatable('A2C-TODO-PARAM', 'stat needs path', task.span);
  const p = translateValue(path, scope);
  if (failed(p)) return p;
  const kwargs: Array<[string, RExpr]> = [];
  const follow = task.args.find((a) => a.key === 'follow')?.value;
  if (follow) {
    // follow changes what is looked at (a link or its target), so it must be known.
    const b = staticBool(follow);
    if (b === undefined) return new Untranslatable('A2C-TODO-PARAM', 'stat follow must be a literal boolean', follow.span);
    if (b) kwargs.push(['follow', bool(true)]);
  }
  return { path: p, kwargs };
}

/**
 * stat, command or shell in a loop with register: one ruby_block runs every item at converge time
 * and stores Ansible's loop result (`results`, each with its `item`; skipped items where `when` is
 * false; a failed item fails the task once all have run, unless ignore_errors).
 */
export function registerLoopBlock(task: Task, name: string, scope: Scope, when: YNode[], loop: { items: RExpr; varName: string; local: string; indexLocal?: string }): Result<Stmt[] | undefined> {
  const isCommand = task.module === 'ansible.builtin.command' || task.module === 'ansible.builtin.shell';
  if (task.module !== 'ansible.builtin.stat' && !isCommand) return undefined;
  if (loop.indexLocal) return new Untranslatable('A2C-TODO-REGISTER', 'a registered loop with index_var is not converted', task.span);
  let result: RExpr;
  if (isCommand) {
    const parts = commandParts(task, name, scope);
    if (failed(parts)) return parts;
    result = call(TASKS, 'command_result', [parts.command], { kwargs: parts.kwargs });
  } else {
    const a = statArgs(task, scope);
    if (failed(a)) return a;
    result = call(TASKS, 'stat_result', [a.path], { kwargs: a.kwargs });
  }
  const cond = whenCondition(when, scope);
  if (failed(cond)) return cond;
  const ignore = ignoreErrorsArg(task, scope);
  if (failed(ignore)) return ignore;
  const body: RExpr = cond ? { k: 'ternary', c: cond, t: result, f: call(TASKS, 'skipped_result', []) } : result;
  const run = call(TASKS, 'register_each', [RUN_STATE, str(name), loop.items, str(loop.varName)], { kwargs: ignore ? [['ignore_errors', ignore]] : [], block: { params: [loop.local], body } });
  return [rubyBlock(task, str(task.name ?? `register ${name}`), run, `registers '${name}' (a result per loop item) for later tasks (node.run_state)`)];
}

/** slurp: the file's content (base64) in the result; failing like the module unless ignore_errors. */
function slurpRun(task: Task, name: string, scope: Scope): Result<RExpr> {
  for (const a of task.args) {
    if (!['src', 'path'].includes(a.key)) return new Untranslatable('A2C-TODO-REGISTER', `registered slurp with '${a.key}' is not converted`, a.value.span);
  }
  for (const k of ['failed_when', 'changed_when'] as const) {
    const n = task.keywords.get(k);
    // slurp never reports a change: `changed_when: false` says what is already so.
    if (n && !(k === 'changed_when' && staticBool(n) === false)) return new Untranslatable('A2C-TODO-REGISTER', `${k} on a registered slurp is not converted`, n.span);
  }
  const src = task.args.find((a) => a.key === 'src' || a.key === 'path')?.value;
  if (!src) return new Untranslatable('A2C-TODO-PARAM', 'slurp needs src', task.span);
  const v = translateValue(src, scope);
  if (failed(v)) return v;
  const kwargs: Array<[string, RExpr]> = [];
  const ignore = ignoreErrorsArg(task, scope);
  if (failed(ignore)) return ignore;
  if (ignore) kwargs.push(['ignore_errors', ignore]);
  return call(TASKS, 'register_slurp', [RUN_STATE, str(name), v], { kwargs });
}

/**
 * find: A2C::Find walks and filters as the module does. The table's rows say which arguments
 * convert (each to the keyword of its property, converted to the module's type) and why the
 * others do not.
 */
function findRun(task: Task, name: string, scope: Scope, spec: ModuleSpec): Result<RExpr> {
  if (task.freeForm) return new Untranslatable('A2C-TODO-PARAM', 'find with free-form arguments is not converted', task.freeForm.span);
  const failedWhen = task.keywords.get('failed_when');
  if (failedWhen) return new Untranslatable('A2C-TODO-REGISTER', 'failed_when on a registered find is not converted', failedWhen.span);
  const changedWhen = task.keywords.get('changed_when');
  // find never reports a change: `changed_when: false` says what is already so.
  if (changedWhen && staticBool(changedWhen) !== false) return new Untranslatable('A2C-TODO-REGISTER', 'changed_when on a registered find is not converted', changedWhen.span);
  const kwargs: Array<[string, RExpr]> = [];
  for (const a of task.args) {
    const p = spec.params.get(a.key);
    if (!p || p.kind === 'unsupported') return new Untranslatable('A2C-TODO-PARAM', `find argument '${a.key}': ${p?.reason ?? 'not in the mapping table'}`, a.value.span);
    if (p.kind !== 'property') continue;
    const chosen = staticString(a.value);
    if (p.choices && chosen !== undefined && !p.choices.includes(chosen)) return new Untranslatable('A2C-TODO-PARAM', `the module rejects ${a.key}: ${chosen} (one of ${p.choices.join(', ')})`, a.value.span);
    const raw = translateValue(a.value, scope);
    if (failed(raw)) return raw;
    const v = coerceArg(p.type, a.key, raw, a.value, scope);
    if (failed(v)) return v;
    // An omitted argument (a constant) is absent: the module's default applies.
    if (v.k === 'const') continue;
    kwargs.push([p.property, v]);
  }
  if (!kwargs.some(([k]) => k === 'paths')) return new Untranslatable('A2C-TODO-PARAM', 'find needs paths', task.span);
  return call({ k: 'const', path: ['A2C', 'Find'] }, 'register', [RUN_STATE, str(name)], { kwargs });
}

/** The ignore_errors keyword as a Ruby boolean (Ansible's strict conversion), or undefined when false/absent. */
function ignoreErrorsArg(task: Task, scope: Scope): Result<RExpr | undefined> {
  const ignore = task.keywords.get('ignore_errors');
  if (!ignore) return undefined;
  const b = strictBool(ignore, 'ignore_errors', scope);
  if (failed(b)) return b;
  return b.k === 'bool' && !b.v ? undefined : b;
}

/** The command line and the options of a command/shell task with register. */
function commandParts(task: Task, name: string, scope: Scope): Result<{ command: RExpr; kwargs: Array<[string, RExpr]> }> {
  const isShell = task.module === 'ansible.builtin.shell';
  const arg = (k: string) => task.args.find((a) => a.key === k)?.value;
  for (const a of task.args) {
    const known = isShell ? ['cmd', 'chdir', 'executable'] : ['cmd', 'argv', 'chdir'];
    if (!known.includes(a.key)) return new Untranslatable('A2C-TODO-REGISTER', `registered ${isShell ? 'shell' : 'command'} with '${a.key}' is not converted`, a.value.span);
  }
  const textNode = arg('cmd') ?? task.freeForm;
  let command: RExpr;
  const argv = arg('argv');
  if (argv && !isShell) {
    const v = translateValue(argv, scope);
    if (failed(v)) return v;
    command = v;
  } else if (textNode) {
    const text = staticString(textNode);
    const v = translateValue(textNode, scope);
    if (failed(v)) return v;
    if (isShell) command = v;
    else if (text !== undefined) {
      const words = shlexSplit(text);
      if (!Array.isArray(words)) return new Untranslatable('A2C-TODO-COMMAND', 'command line has unbalanced quotes', textNode.span);
      command = { k: 'array', items: words.map(str) };
    } else command = call(TASKS, 'shlex_split', [v]);
  } else return new Untranslatable('A2C-TODO-PARAM', 'command without a command line', task.span);
  const kwargs: Array<[string, RExpr]> = [];
  // The shell module runs [executable, '-c', command] (/bin/sh by default).
  const exe = isShell ? arg('executable') : undefined;
  if (exe) {
    const e = translateValue(exe, scope);
    if (failed(e)) return e;
    kwargs.push(['executable', e]);
  }
  const chdir = arg('chdir');
  if (chdir) {
    const v = translateValue(chdir, scope);
    if (failed(v)) return v;
    kwargs.push(['cwd', v]);
  }
  for (const [kw, key] of [['environment', 'environment'], ['user', 'become_user']] as const) {
    const n = task.keywords.get(key);
    if (!n) continue;
    const v = translateValue(n, scope);
    if (failed(v)) return v;
    kwargs.push([kw, v]);
  }
  // failed_when / changed_when see the fresh result as `name`.
  for (const key of ['failed_when', 'changed_when'] as const) {
    const n = task.keywords.get(key);
    if (!n) continue;
    const inner: Scope = { ...scope, locals: new Map([...scope.locals, [name, 'result']]) };
    const conds = translateConditions(n, inner);
    if (failed(conds)) return conds;
    const cond = conds.reduce((a, b) => ({ k: 'binop', op: '&&', l: a, r: b }));
    kwargs.push([key, call(undefined, 'lambda', [], { block: { params: ['result'], body: cond } })]);
  }
  return { command, kwargs };
}

function commandRun(task: Task, name: string, scope: Scope): Result<RExpr> {
  const parts = commandParts(task, name, scope);
  if (failed(parts)) return parts;
  const ignore = ignoreErrorsArg(task, scope);
  if (failed(ignore)) return ignore;
  return call(TASKS, 'register_command', [RUN_STATE, str(name), parts.command], { kwargs: [...(ignore ? [['ignore_errors', ignore] as [string, RExpr]] : []), ...parts.kwargs] });
}

/** Is `name` read anywhere in these tasks other than as a whole `when: name is changed`? */
export function readBeyondChanged(name: string, items: readonly TaskItem[]): boolean {
  const word = new RegExp(`(^|[^A-Za-z0-9_.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_]|$)`);
  const simple = new RegExp(`^\\s*${name}(\\s+is\\s+changed|\\.changed)\\s*$`);
  const strings = (n: YNode | undefined): string[] =>
    !n ? [] : n.kind === 'scalar' ? (typeof n.value === 'string' ? [n.value] : []) : n.kind === 'seq' ? n.items.flatMap(strings) : n.entries.flatMap((e) => strings(e.value));
  const visit = (item: TaskItem): boolean => {
    for (const [k, v] of item.keywords) {
      if (k === 'register' || k === 'name') continue;
      for (const s of strings(v)) if (word.test(s) && !(k === 'when' && simple.test(s))) return true;
    }
    if (item.kind === 'block') return [...item.block, ...item.rescue, ...item.always].some(visit);
    return item.args.some((a) => strings(a.value).some((s) => word.test(s))) || strings(item.freeForm).some((s) => word.test(s));
  };
  return items.some(visit);
}

/**
 * A registered resource whose result is read beyond `is changed`: a ruby_block before it records
 * the result unchanged (skipped when its guard is false), and the resource notifies a second one,
 * immediately, that marks it changed.
 */
export function recordResult(name: string, label: string, origin: ResourceStmt['origin'], guard: RExpr | undefined, resources: ResourceStmt[]): Stmt[] {
  const skipped: RExpr = guard ? { k: 'not', e: guard } : bool(false);
  const record: RExpr = { k: 'hash', pairs: [[str('changed'), bool(false)], [str('failed'), bool(false)], [str('skipped'), skipped]] };
  const base = { kind: 'resource' as const, guards: [], notifies: [], subscribes: [], origin };
  const before: ResourceStmt = { ...base, type: 'ruby_block', name: str(`register ${name} (${label})`), actions: [], properties: [{ name: 'block', value: call(TASKS, 'store', [RUN_STATE, str(name), record]), block: true }] };
  const changed: ResourceStmt = { ...base, type: 'ruby_block', name: str(`register ${name} changed`), actions: ['nothing'], properties: [{ name: 'block', value: call(TASKS, 'mark_changed', [RUN_STATE, str(name)]), block: true }] };
  for (const r of resources) r.notifies.push({ action: 'run', resourceType: 'ruby_block', resourceName: changed.name, timing: 'immediately' });
  return [before, changed];
}

/** `when: r is changed` / `r.changed` alone, on a resource-kind registered result: its name. */
export function changedOnly(when: YNode[]): string | undefined {
  if (when.length !== 1) return undefined;
  const text = staticString(when[0]!.kind === 'seq' && when[0]!.items.length === 1 ? when[0]!.items[0] : when[0]);
  if (text === undefined) return undefined;
  const p = parseExpression(text);
  if (!p.ok) return undefined;
  const e = p.value;
  if (e.kind === 'test' && !e.negated && ['changed', 'change'].includes(e.name) && e.node.kind === 'name' && e.args.length === 0) return e.node.name;
  if (e.kind === 'getattr' && e.attr === 'changed' && e.node.kind === 'name') return e.node.name;
  return undefined;
}
