// One task (or block) -> Chef statements, with its keywords applied: when -> guards, loops ->
// Ruby iteration, notify -> notifications, and every keyword either mapped, ignored with a
// reason, or a TODO. The outcome of every task is recorded in the accounting ledger.
import { printable } from './jinja/rb.js';
import { deferProperties, isLiteral } from './defer.js';
import { SUPPORT_RESOURCES } from '../ruby/support-cookbook.js';
import type { Guard, ResourceStmt, Stmt, TodoStmt } from '../chef/ir.js';
import type { Block, Task, TaskItem } from '../ansible/model.js';
import type { YNode } from '../ansible/yaml.js';
import { bool, call as rcall, someExpr, str, type RExpr } from '../ruby/ast.js';
import { OMIT } from './jinja/magic.js';
import type { CookbookEnv } from './env.js';
import type { Scope } from './jinja-bridge.js';
import { failed, type Result, Untranslatable } from './failure.js';
import { translateConditions, staticBool, staticString, translateValue } from './values.js';
import { IGNORED_KEYWORDS, TODO_KEYWORDS } from './keyword-policy.js';
import { TRANSLATORS } from './modules/index.js';
import { mapParams, resource } from './modules/params.js';
import type { ModuleCall, ModuleOutput } from './modules/types.js';
import { notificationsFor, type HandlerTarget } from './handlers.js';
import { loopOf, type Loop } from './loops.js';
import { withVars } from './task-vars.js';
import { unrollLiteralLoop } from './unroll.js';
import { changedOnly, readBeyondChanged, readsRegistered, recordResult, registerBlock, registerLoopBlock, resultTestExpr, rubyBlock } from './register.js';
import { untilIsRetryOnFailure } from './until.js';
import { inlineInclude, isIncludeTasks, needsInline } from './include-inline.js';
import { includesRepeatedFile } from './repeated-includes.js';
import { strictBool } from './strict-bool.js';
import { runOnceCondition } from './run-once.js';
import { drivesServiceApi } from './service-modules.js';
import { diagnostic } from '../diagnostics.js';
import type { DiagnosticCode } from '../diagnostic-codes.js';
import { INCLUDE_VARS, UNDER_CONDITION } from './modules/include-vars.js';
import { includeVarsIsUnderCondition } from './vars-file-loads.js';
import { pluginTranslatorOf } from '../plugins/adapter.js';

const DYNAMIC_INCLUDES: ReadonlySet<string> = new Set(['ansible.builtin.include_tasks', 'ansible.builtin.include']);

/** Keywords run-once.ts places on a node (or makes a TODO with the reason). */
const PLACED: ReadonlySet<string> = new Set(['run_once', 'delegate_to']);

/** What enclosing blocks pass to their tasks: `when` and `become_user` apply to every child. */
export interface Inherited {
  when: YNode[];
  becomeUser?: YNode;
}

export function translateItems(items: TaskItem[], env: CookbookEnv, scope: Scope, inherited: Inherited = { when: [] }): Stmt[] {
  return items.flatMap((item) => (item.kind === 'block' ? translateBlock(item, env, scope, inherited) : translateTask(item, env, scope, inherited)));
}

function translateBlock(block: Block, env: CookbookEnv, scope: Scope, inherited: Inherited): Stmt[] {
  const when = block.keywords.get('when');
  const becomeUser = block.keywords.get('become_user') ?? inherited.becomeUser;
  const inner: Inherited = { when: when ? [...inherited.when, when] : inherited.when, ...(becomeUser ? { becomeUser } : {}) };
  for (const k of block.keywords.keys()) {
    // no_log reaches the block's tasks through their own noLog (ansible/no-log.ts).
    if (['when', 'name', 'tags', 'become', 'become_user', 'vars', 'no_log', ...PLACED].includes(k) || IGNORED_KEYWORDS.has(k)) continue;
    env.sink.warning('A2C-BLOCK-KEYWORD', `block keyword '${k}' is not applied to the block's tasks`, block.keywords.get(k)!.span);
  }
  const blockScope = withVars(scope, block.keywords.get('vars'));
  if (failed(blockScope)) {
    env.sink.add(diagnostic(blockScope.code, `block vars: ${blockScope.reason}`, blockScope.span ?? block.span, blockScope.severity));
    for (const t of [...block.block, ...block.rescue, ...block.always]) markTodo(t, env, blockScope.code);
    return [todoStmt(blockScope.code, `block vars: ${blockScope.reason}`, block)];
  }
  const out = translateItems(handDownPlaced(block.block, block), env, blockScope, inner);
  for (const part of ['rescue', 'always'] as const) {
    const tasks = handDownPlaced(block[part], block);
    if (!tasks.length) continue;
    const first = tasks[0]!;
    const code = part === 'rescue' ? 'A2C-TODO-BLOCK-RESCUE' : 'A2C-TODO-BLOCK-ALWAYS';
    env.sink.warning(code, `block ${part}: Chef has no ${part} section; its ${tasks.length} task(s) are kept as a TODO`, first.span);
    for (const t of tasks) markTodo(t, env, code);
    out.push(todoStmt(code, `block ${part} has no Chef equivalent`, first, tasks.map((t) => t.source.text).join('\n')));
  }
  return out;
}

/**
 * A block's run_once / delegate_to apply to each of its tasks that does not set its own (Ansible
 * inherits them); the TODO text of a task says where they came from.
 */
function handDownPlaced(items: TaskItem[], block: Block): TaskItem[] {
  const placed = [...PLACED].filter((k) => block.keywords.has(k));
  if (!placed.length) return items;
  return items.map((item): TaskItem => {
    const missing = placed.filter((k) => !item.keywords.has(k));
    if (!missing.length) return item;
    const keywords = new Map(item.keywords);
    for (const k of missing) keywords.set(k, block.keywords.get(k)!);
    const note = `\n# and, from its block: ${missing.map((k) => `${k} (${block.keywords.get(k)!.span.file}:${block.keywords.get(k)!.span.line})`).join(', ')}`;
    return { ...item, keywords, source: { text: item.source.text + note } };
  });
}

function markTodo(item: TaskItem, env: CookbookEnv, code: DiagnosticCode): void {
  if (item.kind === 'block') for (const c of [...item.block, ...item.rescue, ...item.always]) markTodo(c, env, code);
  else env.accounting.record(item, 'todo', code);
}

export function todoStmt(code: DiagnosticCode, reason: string, item: TaskItem, original = item.source.text): TodoStmt {
  return { kind: 'todo', code, reason, original, origin: { span: item.span, ...(item.name !== undefined ? { taskName: item.name } : {}) } };
}

function todo(task: Task, env: CookbookEnv, u: Untranslatable): Stmt[] {
  env.sink.add(diagnostic(u.code, u.reason, u.span ?? task.span, u.severity));
  env.accounting.record(task, 'todo', u.code, u.reason);
  return [todoStmt(u.code, u.reason, task)];
}

export function translateTask(task: Task, env: CookbookEnv, scope: Scope, inherited: Inherited): Stmt[] {
  const r = translateTaskInner(task, env, scope, inherited);
  let out: Stmt[];
  if (failed(r)) {
    const u = unrolledTask(task, env, scope, inherited);
    // An item failing for the task's own reason adds nothing; another reason is what stops the task.
    const item = u !== undefined && !Array.isArray(u) ? u : undefined;
    if (u === undefined || (item && item.failure.code === r.code && item.failure.reason === r.reason)) out = todo(task, env, r);
    else if (item) out = todo(task, env, new Untranslatable(item.failure.code, `loop item ${item.index} of ${item.count}: ${item.failure.reason}`, item.failure.span, item.failure.severity));
    else out = u as Stmt[];
  } else {
    out = r;
  }
  // set_fact of a registered name (converted or not): later reads see the fact, not the result.
  if (task.module === 'ansible.builtin.set_fact') {
    for (const a of task.args) if (env.registered.has(a.key)) env.registered.set(a.key, { kind: 'replaced', at: `${task.span.file}:${task.span.line}` });
  }
  return out;
}

interface ItemFailure {
  failure: Untranslatable;
  /** 1-based, of `count` items. */
  index: number;
  count: number;
}

/**
 * A loop over a literal list that one Ruby loop cannot express (an item picks the action, the
 * file type...): one translation per item; undefined when the loop is not one to unroll. When an
 * item fails too, its reason is the task's: the loop-wide reason (`config_type is templated`) only
 * says the items were not looked at, the item's says what stops it.
 */
function unrolledTask(task: Task, env: CookbookEnv, scope: Scope, inherited: Inherited): Stmt[] | ItemFailure | undefined {
  const u = unrollLiteralLoop(task, scope);
  if (!u) return undefined;
  const out: Stmt[] = [{ kind: 'comment', lines: [`${task.span.file}:${task.span.line}: the loop over ${u.tasks.length} literal items is unrolled (an item decides what the module does)`] }];
  for (let i = 0; i < u.tasks.length; i++) {
    const r = translateTaskInner(u.tasks[i]!, env, u.scopes[i]!, inherited);
    if (failed(r)) return { failure: r, index: i + 1, count: u.tasks.length };
    // Resources named only by a label get the item's number, so each one has a name of its own.
    for (const res of collectResources(r)) if (LABEL_NAMED.has(res.type)) res.name = { k: 'interp', parts: [...(res.name.k === 'interp' ? res.name.parts : [res.name]), ` (item ${i + 1})`] };
    out.push(...r);
  }
  env.notes.add('loops over literal lists whose items decide the resource or action are unrolled: one resource per item');
  return out;
}

/** The loop variable's type when the loop's items are known; a loop variable of unknown type hides an outer one. */
function loopLocalTypes(scope: Scope, loop: Loop): Pick<Scope, 'localTypes'> {
  const types = new Map([...(scope.localTypes ?? [])].filter(([n]) => n !== loop.varName && n !== loop.indexName));
  if (loop.itemType) types.set(loop.varName, loop.itemType);
  if (loop.indexName) types.set(loop.indexName, { t: 'int' });
  return types.size > 0 ? { localTypes: types } : {};
}

function translateTaskInner(task: Task, env: CookbookEnv, scope: Scope, inherited: Inherited): Result<Stmt[]> {
  if (task.invalid) return new Untranslatable(task.invalid.code, task.invalid.reason, task.invalid.span, 'error');
  for (const [k, node] of task.keywords) {
    const why = TODO_KEYWORDS.get(k);
    if (why) return new Untranslatable('A2C-TODO-PUSH-MODEL', `${k}: ${why}`, node.span);
  }
  // run_once (and delegation to a group's first host): a guard for the node Ansible picks.
  const once = runOnceCondition(task, env);
  if (failed(once)) return once;
  const spec = env.tables.modules.modules.get(task.module);
  if (!spec) return new Untranslatable(drivesServiceApi(task.moduleAsWritten) ? 'A2C-TODO-SERVICE-MODULE' : 'A2C-TODO-MODULE', `module ${task.moduleAsWritten} is not in the mapping table`, task.span);

  // include_vars becomes attributes, set before any recipe runs: the condition of an enclosing
  // block or include is not there (the vars-file pre-pass refuses the same tasks).
  if (task.module === INCLUDE_VARS && (inherited.when.length || includeVarsIsUnderCondition(task, env.role, env.input))) return new Untranslatable('A2C-TODO-INCLUDE-VARS', UNDER_CONDITION, inherited.when[0]?.span ?? task.span);

  // The loop expression sees the task's vars (Ansible templates it in the task's context).
  const loopScope = withVars(scope, task.keywords.get('vars'));
  if (failed(loopScope)) return loopScope;
  const loop = loopOf(task, loopScope);
  if (failed(loop)) return loop;
  const inner: Scope = loop
    ? {
        ...scope,
        locals: new Map([...scope.locals, [loop.varName, loop.local], ...(loop.indexName ? [[loop.indexName, loop.indexLocal!] as [string, string]] : [])]),
        ...loopLocalTypes(scope, loop),
      }
    : scope;

  // include_tasks (and the old include) vars are include params, above the included tasks' vars.
  const scoped = withVars(inner, task.keywords.get('vars'), [], DYNAMIC_INCLUDES.has(task.module));
  if (failed(scoped)) return scoped;
  const untilOk = untilIsRetryOnFailure(task);
  if (failed(untilOk)) return untilOk;

  if (isIncludeTasks(task) && needsInline(task)) return inlineInclude(task, env, scoped, inherited, loop);
  if (includesRepeatedFile(task, env.role, env.input)) {
    env.notes.add('a task file included from more than one place is inlined at each include (include_recipe would run it only the first time)');
    return inlineInclude(task, env, scoped, inherited, loop);
  }
  if (loop && readsRegistered(loop.items)) return new Untranslatable('A2C-TODO-REGISTER', 'a loop over a registered result is decided when the recipe compiles, before the result exists', task.keywords.get('loop')?.span ?? task.span);

  // The chosen node first: Ansible evaluates `when` only on the host it picked.
  const whenNodes = [...(once ? [once.when] : []), ...inherited.when, ...(task.keywords.has('when') ? [task.keywords.get('when')!] : [])];
  const reg = staticString(task.keywords.get('register'));
  if (reg) {
    // stat / command / shell / slurp: a ruby_block computes and stores the result where the task runs.
    const block = loop ? registerLoopBlock(task, reg, scoped, whenNodes, loop) : registerBlock(task, reg, scoped, whenNodes);
    if (failed(block)) return block;
    if (block) {
      const notifier = registerNotifier(task, reg, env);
      const applied = applyKeywords(task, env, scoped, collectResources(block), block, inherited, FOLDED_WITHOUT_NOTIFY);
      if (failed(applied)) return applied;
      const out = [...block];
      if (notifier) {
        // Only notify is applied to the notifier; the rest belongs to the ruby_block.
        const applyNotify = applyKeywords(task, env, scoped, [notifier], [notifier], inherited, new Set([...task.keywords.keys(), 'become_user'].filter((k) => k !== 'notify')));
        if (failed(applyNotify)) return applyNotify;
        out.push(notifier);
      }
      env.registered.set(reg, { kind: 'runstate' });
      once?.announce();
      env.accounting.record(task, 'converted');
      return out;
    }
  }

  const call: ModuleCall = {
    task, spec, env, scope: scoped,
    arg: (...names) => {
      for (let i = task.args.length - 1; i >= 0; i--) if (names.includes(task.args[i]!.key)) return task.args[i]!.value;
      return undefined;
    },
  };
  const translator = spec.plugin ? pluginTranslatorOf(spec.plugin) : (spec.translator ? TRANSLATORS.get(spec.translator) : undefined);
  if (spec.translator && !translator) return new Untranslatable('A2C-INTERNAL', `mapping table names unknown translator '${spec.translator}'`, task.span);
  let out: Result<ModuleOutput>;
  if (translator) out = translator(call);
  else {
    if (task.freeForm) return new Untranslatable('A2C-TODO-PARAM', `free-form arguments of ${spec.fqcn} are not understood`, task.freeForm.span);
    const m = mapParams(call);
    out = failed(m) ? m : { stmts: [resource(call, spec.resource!, m, { k: 'str', v: task.name ?? spec.fqcn })] };
  }
  if (failed(out)) return out;
  if ('ignored' in out) {
    env.sink.info(out.code, out.ignored, task.span);
    env.accounting.record(task, 'ignored', out.code);
    return [];
  }
  const stmts = out.stmts;
  // The table's note for the module (a behaviour the reader of the cookbook should know).
  if (spec.note) env.notes.add(spec.note);
  const resources = collectResources(stmts);
  // Values read from registered results exist only at converge time.
  for (const r of resources) {
    if (readsRegistered(r.name)) return new Untranslatable('A2C-TODO-REGISTER', 'a resource named from a registered result is not converted', task.span);
    // `omit` drops the argument: statically when the value is omit, at run time (nil) when it may be.
    r.properties = r.properties.filter((p) => !isOmit(p.value));
    for (const p of r.properties) {
      if (!p.block && someExpr(p.value, isOmit)) p.value = rcall(TASKS, 'omit', [p.value]);
      if (!p.block && readsRegistered(p.value)) p.value = { k: 'lazy', e: p.value };
    }
  }

  // `when: r is changed` on a resource registered earlier: subscribe to that resource. Other
  // conditions beside it (a block's or a role's `when`) stay guards, checked when notified.
  const conds = whenNodes.flatMap((w) => (w.kind === 'seq' ? w.items : [w]));
  const changedTests = conds.filter((c) => changedOnly([c]) !== undefined);
  const source = changedTests.length === 1 ? changedOnly(changedTests) : undefined;
  const sourceReg = source ? env.registered.get(source) : undefined;
  const guards: RExpr[] = [];
  if (sourceReg?.kind === 'resource' && !loop && resources.length) {
    for (const c of conds.filter((x) => x !== changedTests[0])) {
      const g = translateConditions(c, scoped);
      if (failed(g)) return g;
      guards.push(...g);
    }
    for (const r of resources) {
      const actions = r.actions.length ? r.actions : [];
      if (!actions.length || r.actionExpr) return new Untranslatable('A2C-TODO-REGISTER', "'is changed' on a resource without a static action", task.span);
      r.actions = ['nothing'];
      for (const src of sourceReg.resources) for (const a of actions) r.subscribes.push({ action: a, resourceType: src.type, resourceName: src.name, timing: 'immediately' });
    }
    env.notes.add('when: <registered> is changed -> subscribes ... :immediately (runs right after the changed resource)');
  } else {
    // when (the task's own, and inherited from blocks) -> guards, evaluated per loop item.
    for (const w of whenNodes) {
      const c = translateConditions(w, scoped);
      if (failed(c)) return c;
      guards.push(...c);
    }
  }
  const applied = applyKeywords(task, env, scoped, resources, stmts, inherited);
  if (failed(applied)) return applied;
  let body: Stmt[] = stmts;
  if (reg) {
    // Read beyond `is changed` later on: keep its changed/skipped state in run_state as it runs.
    const recorded = !loop && resources.length > 0 && readBeyondChanged(reg, env.roleItems);
    if (recorded) {
      const guard = guards.length ? guards.reduce((a, b) => ({ k: 'binop', op: '&&', l: a, r: b })) : undefined;
      const [before, changed] = recordResult(reg, task.name ?? task.module, { span: task.span, ...(task.name !== undefined ? { taskName: task.name } : {}) }, guard, resources);
      body = [before!, ...stmts, changed!];
    }
    env.registered.set(reg, !loop && resources.length ? { kind: 'resource', resources, ...(recorded ? { recorded } : {}) } : { kind: 'opaque' });
  }
  if (guards.length) {
    const cond = guards.reduce((a, b) => ({ k: 'binop', op: '&&', l: a, r: b }));
    if (resources.length === stmts.filter((s) => s.kind !== 'comment').length) {
      for (const r of resources) {
        r.guards.unshift({ kind: 'only_if', ruby: cond } satisfies Guard);
        labelComputedName(r, task);
        deferProperties(r);
      }
    } else {
      // include_recipe and assignments run when the recipe compiles: guard them with Ruby `if`.
      if (readsRegistered(cond)) return new Untranslatable('A2C-TODO-REGISTER', 'an include or set_fact conditioned on a registered result is decided before the result exists', task.span);
      body = [{ kind: 'if', cond, body: stmts }];
      env.notes.add('conditional includes and set_fact are decided when the recipe compiles, from attribute values');
    }
  }
  if (loop) {
    nameByItem(loop, resources);
    body = [wrapLoop(loop, body)];
  }
  once?.announce();
  env.accounting.record(task, 'converted');
  return body;
}

function collectResources(stmts: Stmt[]): ResourceStmt[] {
  return stmts.flatMap((s) => (s.kind === 'resource' ? [s] : s.kind === 'each' || s.kind === 'if' ? collectResources([...s.body, ...(s.kind === 'if' ? s.otherwise ?? [] : [])]) : []));
}

/**
 * A guarded resource's name is evaluated when the recipe compiles, even where the guard skips it,
 * while Ansible never templates a skipped task's arguments: a computed name that stands for a
 * property (a2c_mysql_user's account read from a variable the guard tests) becomes the task's label,
 * and the property is set, lazily, like the others.
 */
function labelComputedName(r: ResourceStmt, task: Task): void {
  // Limited to the service-API resources (their one action is :manage); others keep the name.
  if (!r.identity || isLiteral(r.name) || SUPPORT_RESOURCES[r.type]?.default_action[0] !== 'manage') return;
  if (!r.properties.some((p) => p.name === r.identity!.name)) r.properties.unshift({ ...r.identity });
  r.name = str(task.name ?? task.module);
}

/** Resources whose name is only a label (their behaviour comes from other properties). */
const LABEL_NAMED: ReadonlySet<string> = new Set(['execute', 'ruby_block', 'log', 'http_request', 'apt_update']);

/**
 * In a loop every resource gets a name of its own: a name that does not mention the loop
 * variable is suffixed with the item (the name property keeps the original value).
 */
function nameByItem(loop: Loop, resources: ResourceStmt[]): void {
  const mentions = (e: RExpr) => someExpr(e, (x) => x.k === 'var' && x.name === loop.local);
  for (const r of resources) {
    // Only where the name is a label, or its property is kept explicitly, is renaming harmless.
    if (mentions(r.name) || !(r.identity || LABEL_NAMED.has(r.type))) continue;
    if (r.identity && !r.properties.some((p) => p.name === r.identity!.name)) r.properties.unshift(r.identity);
    const item = printable({ e: { k: 'var', name: loop.local }, t: loop.itemType?.t ?? 'any' });
    const head = r.name.k === 'interp' ? r.name.parts : [r.name];
    r.name = { k: 'interp', parts: [...head, ' ', item] };
  }
}

function wrapLoop(loop: Loop, body: Stmt[]): Stmt {
  return { kind: 'each', items: loop.items, params: loop.indexLocal ? [loop.local, loop.indexLocal] : [loop.local], withIndex: !!loop.indexLocal, ...(loop.itemType ? { itemType: loop.itemType } : {}), body };
}

/** Keywords that become resource properties, guards or notifications. */
const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };

function isOmit(e: RExpr): boolean {
  return e.k === 'const' && OMIT.k === 'const' && e.path.join('::') === OMIT.path.join('::');
}

/** Keywords a register ruby_block already carries out itself. */
const FOLDED_INTO_REGISTER: ReadonlySet<string> = new Set(['when', 'failed_when', 'changed_when', 'ignore_errors', 'environment', 'become_user', 'register']);
const FOLDED_WITHOUT_NOTIFY: ReadonlySet<string> = new Set([...FOLDED_INTO_REGISTER, 'notify']);
/** Modules whose registered result never says changed (without changed_when). */
const NEVER_CHANGES: ReadonlySet<string> = new Set(['ansible.builtin.stat', 'ansible.builtin.slurp']);

/**
 * A registering task's notify: Ansible notifies only when the result says changed (a skipped task,
 * a stat, `changed_when: false` do not), but its ruby_block runs, and so counts as updated, every
 * time. The notifications go on an empty ruby_block right after it, run only when the stored
 * result is changed. Without changed_when, stat and slurp never change: the notify is dropped.
 */
function registerNotifier(task: Task, reg: string, env: CookbookEnv): ResourceStmt | undefined {
  const notify = task.keywords.get('notify');
  if (!notify) return undefined;
  if (NEVER_CHANGES.has(task.module) && !task.keywords.has('changed_when')) {
    env.sink.info('A2C-IGNORED-NOTIFY', `notify on ${task.module} never fires: the module never reports a change`, notify.span);
    return undefined;
  }
  const notifier = rubyBlock(task, str(`${task.name ?? reg} (notify when changed)`), { k: 'nil' }, `notifies only when '${reg}' is changed, as Ansible does`);
  notifier.guards.push({ kind: 'only_if', ruby: resultTestExpr(reg, 'changed', false) });
  return notifier;
}

/** A condition that is false as written: a YAML false, or Jinja's literal `false` / `False`. */
const isFalseCondition = (node: YNode): boolean => node.kind === 'scalar' && (node.value === false || node.value === 'false' || node.value === 'False');

function applyKeywords(task: Task, env: CookbookEnv, scope: Scope, resources: ResourceStmt[], stmts: Stmt[], inherited: Inherited, folded: ReadonlySet<string> = new Set()): Result<void> {
  const kw = new Map([...task.keywords].filter(([k]) => !folded.has(k)));
  // `changed_when: false`: the task never reports a change, so Ansible never notifies its handlers.
  const changedWhen = kw.get('changed_when');
  const notifyNode = kw.get('notify');
  if (changedWhen && notifyNode && isFalseCondition(changedWhen)) {
    env.sink.info('A2C-IGNORED-NOTIFY', 'notify never fires: changed_when: false, so the task never reports a change', notifyNode.span);
    kw.delete('notify');
  }
  if (inherited.becomeUser && !kw.has('become_user') && !folded.has('become_user')) kw.set('become_user', inherited.becomeUser);
  // no_log inherited from a play, role, block or include (ansible/no-log.ts): sensitive as if written here.
  if (task.noLog && !kw.has('no_log') && !folded.has('no_log')) kw.set('no_log', task.noLog);
  const hasEffects = resources.length > 0;
  for (const [k, node] of kw) {
    if (IGNORED_KEYWORDS.has(k)) {
      if (k !== 'name' && k !== 'args' && k !== 'register') env.notes.add(`${k}: ${IGNORED_KEYWORDS.get(k)}`);
      continue;
    }
    switch (k) {
      case 'run_once':
      case 'delegate_to':
        // Turned into the first guard by runOnceCondition (or the task is a TODO).
        break;
      case 'when':
      case 'loop':
      case 'loop_control':
      case 'vars':
        break;
      case 'no_log':
      case 'ignore_errors': {
        const b = strictBool(node, k, scope);
        if (failed(b)) return b;
        if (readsRegistered(b)) return new Untranslatable('A2C-TODO-KEYWORD', `${k} from a registered result is not converted`, node.span);
        if (b.k === 'bool' && !b.v) break;
        for (const r of resources) r.properties.push({ name: k === 'no_log' ? 'sensitive' : 'ignore_failure', value: b });
        break;
      }
      case 'failed_when': {
        if (staticBool(node) === false || (node.kind === 'scalar' && node.value === false)) {
          for (const r of resources) r.properties.push({ name: 'ignore_failure', value: bool(true) });
          break;
        }
        return new Untranslatable('A2C-TODO-KEYWORD', 'failed_when with a condition has no Chef equivalent', node.span);
      }
      case 'changed_when': {
        if (kw.has('notify')) return new Untranslatable('A2C-TODO-KEYWORD', 'changed_when on a task that notifies handlers has no Chef equivalent', node.span);
        env.notes.add('changed_when: only affects reporting and registered results in Ansible; dropped where nothing depends on it');
        break;
      }
      case 'retries':
      case 'delay':
        // Ansible 2.14 retries only with `until` (the task executor ignores retries alone).
        if (!kw.has('until')) env.notes.add(`${k} without until: Ansible makes a single attempt, so nothing is converted`);
        break;
      case 'until': {
        // until: <register> is success -> Chef retries on failure; Ansible's defaults are 3 and 5 s.
        const num = (key: string, dflt: number): Result<number> => {
          const n = kw.get(key);
          if (!n) return dflt;
          const v = staticString(n);
          if (v === undefined || !/^\d+$/.test(v)) return new Untranslatable('A2C-TODO-KEYWORD', `${key} must be a static number`, n.span);
          return Number(v);
        };
        const retries = num('retries', 3);
        if (failed(retries)) return retries;
        const delay = num('delay', 5);
        if (failed(delay)) return delay;
        for (const r of resources) r.properties.push({ name: 'retries', value: { k: 'int', v: retries } }, { name: 'retry_delay', value: { k: 'int', v: delay } });
        break;
      }
      case 'become': {
        if (staticBool(node) === false) env.notes.add('become: false — Chef still runs this resource as root');
        break;
      }
      case 'become_user':
      case 'environment': {
        if (!resources.every((r) => r.type === 'execute')) {
          if (!hasEffects) break;
          return new Untranslatable('A2C-TODO-KEYWORD', `${k} is converted only for commands`, node.span);
        }
        const v = translateValue(node, scope);
        if (failed(v)) return v;
        for (const r of resources) r.properties.push({ name: k === 'become_user' ? 'user' : 'environment', value: v });
        break;
      }
      case 'timeout': {
        const v = staticString(node);
        if (v === undefined || !resources.every((r) => r.type === 'execute')) return new Untranslatable('A2C-TODO-KEYWORD', 'timeout is converted only for commands, as a static number', node.span);
        for (const r of resources) r.properties.push({ name: 'timeout', value: { k: 'int', v: Number(v) } });
        break;
      }
      case 'notify': {
        const names = node.kind === 'seq' ? node.items.map(staticString) : [staticString(node)];
        const queued: HandlerTarget[] = [];
        env.handlers.sequences.push(queued);
        for (const [i, n] of names.entries()) {
          if (n === undefined) return new Untranslatable('A2C-TODO-KEYWORD', 'notify with a templated handler name', node.span);
          const hits = env.handlers.resolve(n);
          if (!hits.length) {
            env.sink.error('A2C-MISSING-HANDLER', `notify: no handler named or listening to '${n}'`, node.kind === 'seq' ? node.items[i]!.span : node.span);
            continue;
          }
          for (const h of hits) {
            if (h.unreachable) {
              env.sink.warning('A2C-TODO-NOTIFY', `notify '${h.name}' is not converted: ${h.unreachable}`, node.span);
              for (const r of resources) (r.notes ??= []).push(`TODO: notify '${h.name}' once that handler is converted`);
              continue;
            }
            queued.push(h);
            for (const r of resources) if (!r.auxiliary || resources.every((x) => x.auxiliary)) r.notifies.push(...notificationsFor(h));
          }
        }
        break;
      }
      default:
        if (k.startsWith('with_')) break;
        return new Untranslatable('A2C-TODO-KEYWORD', `task keyword '${k}' is not converted`, node.span);
    }
  }
  void stmts;
  return undefined;
}

