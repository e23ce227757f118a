// `register:` — results a later task reads. stat and command/shell results are computed by a
// ruby_block at the task's place in the run and kept in node.run_state, so later guards read
// exactly what Ansible would have registered; a later `when: r is changed` on any other module
// becomes a subscription to the registering resource.
import type { ResourceStmt, Stmt } from '../../ir/chef-ir.js';
import type { Task } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { bool, call, index, isConstCall, someExpr, str, type RExpr } from '../../ir/ruby-ast.js';
import { BOOL, type VarType } from '../../resolve/types.js';
const STR: VarType = { t: 'str' };
import type { VarScope } from '../jinja-bridge.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { translateConditions } from '../values.js';
import type { RunResult } from '../modules/types.js';
import { strictBool } from './strict-bool.js';
import { untilAttempts, untilKind, untilNotEvaluated } from './until.js';
import { CONVERGE_TIME_FACTS } from '../../jinja-to-ruby/facts.js';
import { isIncludedVarRead } from '../included-vars.js';

/**
 * runstate: a ruby_block computed the whole result; resource: a resource whose change a later
 * `when: r is changed` subscribes to (recorded: its changed/skipped state is also kept in
 * run_state, for any other read); opaque: nothing can be read.
 */
export type Registered =
  /**
   * setFactAt: a set_fact reading results stored the value at converge time (control.ts). type:
   * what the stored result holds, where the support library computes it whole (register-types.ts).
   * stored: the result is in run_state wherever the recipe being translated reads it from now on (its
   * ruby_block stands unguarded at the recipe's top level, earlier in the same recipe: storeRegistered),
   * so `r.k is defined` asks the stored Hash, not whether the task ran.
   */
  | { kind: 'runstate'; setFactAt?: string; type?: VarType; stored?: true }
  /**
   * `module`: the registering task's module (what Ansible's result would hold beyond the record).
   * `keys`: those the record holds (RECORDED_KEYS, and the module's arguments returnedArgs gives).
   */
  | { kind: 'resource'; resources: ResourceStmt[]; recorded?: boolean; module?: string; keys?: readonly string[] }
  | { kind: 'opaque' }
  /** A result no node has, read only where the converter decided it (controller-stat.ts): why other reads are not. */
  | { kind: 'unreadable'; why: string }
  /** A later set_fact gave the name another value (Ansible reads that one from then on). */
  | { kind: 'replaced'; at: string };

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };
const URI: RExpr = { k: 'const', path: ['A2C', 'Uri'] };
/**
 * The support library calls that compute and store each kind of result (find and uri have their
 * own libraries); `each` computes one loop item's result, for the kinds a loop may register (a
 * looped find or slurp registers a list of results, which is not converted).
 */
const REGISTER_CALL: Record<RunResult['helper'], { on: RExpr; method: string; each?: string }> = {
  command: { on: TASKS, method: 'register_command', each: 'command_result' },
  stat: { on: TASKS, method: 'register_stat', each: 'stat_result' },
  slurp: { on: TASKS, method: 'register_slurp' },
  find: { on: { k: 'const', path: ['A2C', 'Find'] }, method: 'register' },
  mysql_query: { on: { k: 'const', path: ['A2C', 'MySQL'] }, method: 'register_query' },
  // The whole result, untyped: its keys depend on the mode and the server (getreplica's status row).
  mysql_replication: { on: { k: 'const', path: ['A2C', 'MySQL'] }, method: 'register_replication' },
  uri: { on: URI, method: 'register', each: 'result' },
  // Not a registered result: the `services` fact the module sets, kept where results are.
  service_facts: { on: { k: 'const', path: ['A2C', 'Facts'] }, method: 'register_services' },
  // Likewise the `packages` fact package_facts sets (also read as ansible_facts.packages: A2C::Facts.packages).
  package_facts: { on: { k: 'const', path: ['A2C', 'Facts'] }, method: 'register_packages' },
};
const RUN_STATE: RExpr = call(call(undefined, 'node', [], { noParens: true }), 'run_state', [], { noParens: true });

/** The keys recordResult keeps of a resource task's result: the rest of Ansible's result is not there. */
export const RECORDED_KEYS: readonly string[] = ['changed', 'failed', 'skipped', 'skip_reason'];

/**
 * The shape of a resource task's record (recordResult): `changed` always, `failed` where it ran,
 * `skipped` and `skip_reason` where it was skipped, and the module's own arguments it returns as given
 * (returned-args.ts). A part of Ansible's result (VarType.partOf): a read of another key, or of the
 * record whole, is refused where it is made, naming what the record holds.
 */
export function recordedType(name: string, reg: Extract<Registered, { kind: 'resource' }>): VarType {
  const keys = reg.keys ?? RECORDED_KEYS;
  const optional: Record<string, VarType> = {};
  for (const k of keys) if (k !== 'changed') optional[k] = k === 'failed' || k === 'skipped' ? BOOL : STR;
  return {
    t: 'dict',
    strKeys: true,
    fields: { changed: BOOL },
    optional,
    partOf: `the result '${name}' of ${reg.module ?? 'its task'} is recorded in Chef only as ${keys.join(', ')}`,
  };
}

/** The registered result `name`; `type`: its shape where known (register-types.ts), for plain reads of its keys. */
/**
 * The results as a reader outside the recipe being translated finds them: none stored for sure (the
 * recipe that stores one may be included conditionally, or later; a template may be rendered by
 * another recipe's task). Called when a recipe's translation ends.
 */
export function forgetStored(registered: Map<string, Registered>): Map<string, Registered> {
  for (const [name, r] of registered)
    if (r.kind === 'runstate' && r.stored) {
      const { stored: _stored, ...rest } = r;
      registered.set(name, rest);
    }
  return registered;
}

export function registeredRef(name: string, type?: VarType): RExpr {
  return call(TASKS, 'registered', [RUN_STATE, str(name)], type ? { vt: type } : {});
}

export function resultTestExpr(name: string, test: string, negated: boolean, type?: VarType): RExpr {
  const ref = registeredRef(name, type);
  const plain = type && plainResultTest(ref, type, test);
  if (plain) return negated ? { k: 'not', e: plain } : plain;
  return resultTestOf(ref, test, negated);
}

/**
 * Ansible's result tests as Ruby's reads of a result of known shape: `changed` is
 * `result.get('changed', False)`, `failed` `result.get('failed', False)` and `succeeded` its
 * negation, each a boolean there (register-types.ts); undefined for the others.
 */
function plainResultTest(ref: RExpr, type: VarType, test: string): RExpr | undefined {
  const key =
    test === 'changed' || test === 'change'
      ? 'changed'
      : ['failed', 'failure', 'success', 'succeeded'].includes(test)
        ? 'failed'
        : undefined;
  if (key === undefined) return undefined;
  const read: RExpr | undefined =
    type.fields?.[key]?.t === 'bool'
      ? index(ref, str(key))
      : type.optional?.[key]?.t === 'bool'
        ? call(ref, 'fetch', [str(key), bool(false)])
        : undefined;
  if (!read) return undefined;
  return test === 'success' || test === 'succeeded' ? { k: 'not', e: read } : read;
}

/** A result test on any value: a loop item over registered results (`item is not skipped`). */
export function resultTestOf(value: RExpr, test: string, negated: boolean): RExpr {
  const e = call(TASKS, 'result?', [value, str(test)]);
  return negated ? { k: 'not', e } : e;
}

/**
 * Does a Ruby tree read a registered result (so it must be evaluated at converge time)? Local
 * facts and package facts count as one (CONVERGE_TIME_FACTS): the task that gathers them again
 * runs at converge time, so a read when the recipe compiles would see them before the tasks ahead
 * of it ran. So does a value an include_vars task stores when it runs (included-vars.ts).
 */
export function readsRegistered(e: RExpr): boolean {
  return someExpr(
    e,
    // One set lookup per node: a copy of the set per node visited was 13 MB of garbage at 1000 roles.
    (x) =>
      isConstCall(x, 'A2C::Tasks', 'registered') ||
      (x.k === 'call' && CONVERGE_TIME_FACTS.has(x.name) && isConstCall(x, 'A2C::Facts')) ||
      isIncludedVarRead(x),
  );
}

/**
 * A registered task whose translator says what its result is (RunResult): the ruby_block that
 * computes and stores it where the task runs. `when` is folded in: a skipped task still registers
 * a skipped result, as in Ansible. In a loop, one ruby_block runs every item and stores Ansible's
 * loop result (`results`, each with its `item`; skipped items where `when` is false; a failed item
 * fails the task once all have run, unless ignore_errors).
 */
export function registerBlock(
  task: Task,
  name: string,
  result: RunResult,
  scope: VarScope,
  when: YNode[],
  loop?: { items: RExpr; varName: string; local: string; indexLocal?: string },
): Result<Stmt[]> {
  const lib = REGISTER_CALL[result.helper];
  if (untilKind(task) === 'condition') {
    if (loop) return untilNotEvaluated(task, 'in a loop Ansible applies it to each item');
    if (lib.each === undefined) return untilNotEvaluated(task, `a registered ${result.helper} is not`);
  }
  if (loop && lib.each === undefined)
    return new Untranslatable('A2C-TODO-REGISTER', `a looped ${result.helper} registers a list of results; not converted`, task.span);
  if (loop?.indexLocal) return new Untranslatable('A2C-TODO-REGISTER', 'a registered loop with index_var is not converted', task.span);
  const label = str(task.name ?? `register ${name}`);
  if (loop) {
    const cond = whenCondition(when, scope);
    if (failed(cond)) return cond;
    const ignore = ignoreErrorsArg(task, scope);
    if (failed(ignore)) return ignore;
    const each = call(lib.on, lib.each!, result.args, { kwargs: result.kwargs });
    // Not a ternary: the condition and the command line often hold ternaries of their own.
    const body: RExpr = cond ? call(TASKS, 'item_result', [cond], { block: { params: [], body: each } }) : each;
    const run = call(TASKS, 'register_each', [RUN_STATE, str(name), loop.items, str(loop.varName)], {
      kwargs: ignore ? [['ignore_errors', ignore]] : [],
      block: { params: [loop.local], body },
    });
    return [rubyBlock(task, label, run, `registers '${name}' (a result per loop item) for later tasks (node.run_state)`)];
  }
  const until = untilKind(task) === 'condition';
  // Running out of attempts fails even a module that never fails (stat): ignore_errors then counts.
  const ignore = result.fails || until ? ignoreErrorsArg(task, scope) : undefined;
  if (failed(ignore)) return ignore;
  const cond = whenCondition(when, scope);
  if (failed(cond)) return cond;
  const run = until
    ? untilRun(task, name, call(lib.on, lib.each!, result.args, { kwargs: result.kwargs }), ignore, scope)
    : call(lib.on, lib.method, [RUN_STATE, str(name), ...result.args], {
        kwargs: [...(ignore ? [['ignore_errors', ignore] as [string, RExpr]] : []), ...result.kwargs],
      });
  if (failed(run)) return run;
  const body: RExpr = cond
    ? { k: 'ternary', c: cond, t: run, f: call(TASKS, 'store', [RUN_STATE, str(name), call(TASKS, 'skipped_result', [])]) }
    : run;
  const note =
    result.helper === 'service_facts' || result.helper === 'package_facts'
      ? `sets the fact '${name}' for later tasks, as ${result.helper} does (node.run_state)`
      : `registers '${name}' for later tasks (node.run_state)`;
  return [rubyBlock(task, label, body, note)];
}

/**
 * `until` with a condition other than the task's success: Ansible's attempt loop around one
 * attempt's result (`each`), the condition reading that fresh result under the registered name
 * (A2C::Tasks.register_until). Chef's retries are not used: they would repeat only on failure.
 */
function untilRun(task: Task, name: string, each: RExpr, ignore: RExpr | undefined, scope: VarScope): Result<RExpr> {
  const attempts = untilAttempts(task);
  if (failed(attempts)) return attempts;
  const inner: VarScope = { ...scope, locals: new Map([...scope.locals, [name, 'result']]) };
  const conds = translateConditions(task.keywords.get('until')!, inner);
  if (failed(conds)) return conds;
  const cond = conds.reduce((a, b) => ({ k: 'binop', op: '&&', l: a, r: b }));
  const condition = call(undefined, 'lambda', [], { block: { params: ['result'], body: cond } });
  return call(
    TASKS,
    'register_until',
    [RUN_STATE, str(name), { k: 'int', v: attempts.retries }, { k: 'int', v: attempts.delay }, condition],
    { kwargs: ignore ? [['ignore_errors', ignore]] : [], block: { params: [], body: each } },
  );
}

/** The task's `when` conditions (its own and inherited) as one Ruby condition; undefined without any. */
function whenCondition(when: YNode[], scope: VarScope): Result<RExpr | undefined> {
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
    kind: 'resource',
    type: 'ruby_block',
    name,
    properties: [{ name: 'block', value: body, block: true }],
    actions: [],
    guards: [],
    notifies: [],
    subscribes: [],
    origin: { span: task.span, ...(task.name !== undefined ? { taskName: task.name } : {}) },
    notes: [note],
  };
}

/** The ignore_errors keyword as a Ruby boolean (Ansible's strict conversion), or undefined when false/absent. */
function ignoreErrorsArg(task: Task, scope: VarScope): Result<RExpr | undefined> {
  const ignore = task.keywords.get('ignore_errors');
  if (!ignore) return undefined;
  const b = strictBool(ignore, 'ignore_errors', scope);
  if (failed(b)) return b;
  return b.k === 'bool' && !b.v ? undefined : b;
}

/**
 * A registered resource whose result is read beyond `is changed`: a ruby_block before it records
 * the result unchanged (skipped when its guard is false), and the resource notifies a second one,
 * immediately, that marks it changed.
 */
export function recordResult(
  name: string,
  label: string,
  origin: ResourceStmt['origin'],
  guard: RExpr | undefined,
  resources: ResourceStmt[],
  /** Keys of the result that are the task's own arguments (returned-args.ts), kept where it ran. */
  returned: ReadonlyArray<[string, RExpr]> = [],
): Stmt[] {
  // Ansible's result of a task that ran has `failed` and no `skipped`; a skipped one has `skipped` and
  // `skip_reason` and no `failed` (ansible-core 2.14's TaskExecutor): `r.skipped is defined` tells them apart.
  const ran: RExpr = {
    k: 'hash',
    pairs: [[str('changed'), bool(false)], [str('failed'), bool(false)], ...returned.map(([k, v]): [RExpr, RExpr] => [str(k), v])],
  };
  const skippedResult: RExpr = {
    k: 'hash',
    pairs: [
      [str('changed'), bool(false)],
      [str('skipped'), bool(true)],
      [str('skip_reason'), str('Conditional result was False')],
    ],
  };
  const record: RExpr = guard ? { k: 'ternary', c: guard, t: ran, f: skippedResult } : ran;
  const base = { kind: 'resource' as const, guards: [], notifies: [], subscribes: [], origin };
  const before: ResourceStmt = {
    ...base,
    type: 'ruby_block',
    name: str(`register ${name} (${label})`),
    actions: [],
    properties: [{ name: 'block', value: call(TASKS, 'store', [RUN_STATE, str(name), record]), block: true }],
  };
  const changed: ResourceStmt = {
    ...base,
    type: 'ruby_block',
    name: str(`register ${name} changed`),
    actions: ['nothing'],
    properties: [{ name: 'block', value: call(TASKS, 'mark_changed', [RUN_STATE, str(name)]), block: true }],
  };
  for (const r of resources)
    r.notifies.push({ action: 'run', resourceType: 'ruby_block', resourceName: changed.name, timing: 'immediately' });
  return [before, changed];
}
