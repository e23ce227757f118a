// One task (or block) -> Chef statements, with its keywords applied: when -> guards, loops ->
// Ruby iteration, notify -> notifications, and every keyword either mapped, ignored with a
// reason, or a TODO. The outcome of every task is recorded in the accounting ledger.
import type { ResourceStmt, Stmt, TodoStmt } from '../../ir/chef-ir.js';
import type { Block, Task, TaskItem } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { CookbookEnv } from '../env.js';
import type { VarScope } from '../jinja-bridge.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { staticString } from '../values.js';
import { BLOCK_HANDED_DOWN, becomesRoot } from './keyword-policy.js';
import { keywordHasEffect } from './role-keywords.js';
import { DYNAMIC_TASK_INCLUDES, ROLE_INCLUDES } from '../../base/include-modules.js';
import type { Loop } from './loops.js';
import { withVars } from './task-vars.js';
import { unrollLiteralLoop } from './unroll.js';
import { unrollFileglobLoop } from './fileglob.js';
import { firstFoundSource } from './first-found-src.js';
import { readsRegistered } from './register.js';
import { factVariableSetBy } from '../../resolve/definitions.js';
import { atConverge, convergeLoopObstacle } from './converge-loop.js';
import { registeredResources, registeredRun } from './register-task.js';
import { untilIsRetryOnFailure, untilRemovedFilter } from './until.js';
import { inlineInclude, isIncludeTasks, needsInline } from './include-inline.js';
import { includesRepeatedFile } from './repeated-includes.js';
import { decidedInclude } from './include-decided.js';
import { SET_FACT, setFactLoopAtConverge } from './set-fact-loop.js';
import { controllerWork } from '../controller-modules.js';
import { fetchedSource } from '../fetched-source.js';
import { argOf } from '../../load/ansible/task-args.js';
import { keptRoot } from './follows-kept.js';
import { missingRequiredArgs } from './required-args.js';
import { unconvertedModule } from '../unconverted-modules.js';
import { runOnceCondition, type RunOnce } from './run-once.js';
import { drivesServiceApi } from '../service-modules.js';
import { localModuleFile } from './local-module.js';
import { controllerStatRead, controllerVarsStat } from '../controller-stat.js';
import { diagnostic } from '../../base/diagnostics.js';
import type { DiagnosticCode } from '../../base/diagnostic-codes.js';
import { INCLUDE_VARS, UNDER_CONDITION } from '../modules/include-vars.js';
import { includeVarsIsUnderCondition } from '../vars-file-loads.js';
import { refusedBeforeModule } from './task-refusal.js';
import { ignoredConditionsRefused } from './result-conditions.js';
import { taskScope, type Inherited } from './task-scope.js';
import { moduleCall, runModule } from './module-call.js';
import { applyKeywords } from './task-keywords.js';
import { allOf, conjuncts, guarded, itemGuards, listGuards, whenGuards } from './task-guards.js';
import { someExpr, str, type RExpr } from '../../ir/ruby-ast.js';
import { collectResources, LABEL_NAMED, nameByItem, settleProperties, wrapLoop } from './task-resources.js';
import { scopeOmitTest, unsettledOmit, type OmitTest } from '../omit-value.js';

export type { Inherited };

/**
 * Keywords a block hands down to each of its tasks that sets none, converted there as the task's own
 * (run_once, delegate_to, check_mode, ignore_errors, notify, ...: the table's block `handed-down`);
 * `when` and become_user go through `inherited`, vars through the scope, no_log through each task's
 * own noLog (ansible/no-log.ts). A block's ignore_errors or notify was reported as not applied while
 * its tasks converted without it; Ansible gives it to every task.
 */
const HANDED_DOWN: ReadonlySet<string> = new Set(
  [...BLOCK_HANDED_DOWN].filter((k) => !['when', 'vars', 'no_log', 'become_user'].includes(k)),
);

export function translateItems(items: TaskItem[], env: CookbookEnv, scope: VarScope, inherited: Inherited = { when: [] }): Stmt[] {
  return items.flatMap((item) =>
    item.kind === 'block' ? translateBlock(item, env, scope, inherited) : translateTask(item, env, scope, inherited),
  );
}

function translateBlock(block: Block, env: CookbookEnv, scope: VarScope, inherited: Inherited): Stmt[] {
  const when = block.keywords.get('when');
  const becomeUser = block.keywords.get('become_user') ?? inherited.becomeUser;
  const inner: Inherited = {
    ...inherited,
    when: when ? [...inherited.when, when] : inherited.when,
    ...(becomeUser ? { becomeUser } : {}),
  };
  // Every keyword the loader keeps on a block is handed down or changes nothing on its tasks (the
  // keyword table refuses a block keyword with neither): when and become_user through `inherited`,
  // vars through the scope, HANDED_DOWN below, no_log through each task's own noLog (ansible/no-log.ts).
  const blockScope = withVars(scope, block.keywords.get('vars'));
  if (failed(blockScope)) {
    env.project.sink.add(
      diagnostic(blockScope.code, `block vars: ${blockScope.reason}`, blockScope.span ?? block.span, blockScope.severity),
    );
    for (const t of [...block.block, ...block.rescue, ...block.always]) markTodo(t, env, blockScope.code);
    return [todoStmt(blockScope.code, `block vars: ${blockScope.reason}`, block)];
  }
  const out = handDown(block.block, block).flatMap((item) => {
    const lost = lostThroughInclude(item, block, inner.becomeUser);
    return lost ? todo(item as Task, env, lost) : translateItems([item], env, blockScope, inner);
  });
  for (const part of ['rescue', 'always'] as const) {
    const tasks = handDown(block[part], block);
    if (!tasks.length) continue;
    const first = tasks[0]!;
    const code = part === 'rescue' ? 'A2C-TODO-BLOCK-RESCUE' : 'A2C-TODO-BLOCK-ALWAYS';
    env.project.sink.warning(
      code,
      `block ${part}: Chef has no ${part} section; its ${tasks.length} task(s) are kept as a TODO`,
      first.span,
    );
    for (const t of tasks) markTodo(t, env, code);
    out.push(todoStmt(code, `block ${part} has no Chef equivalent`, first, tasks.map((t) => t.source.text).join('\n')));
  }
  return out;
}

/**
 * A block's HANDED_DOWN keywords apply to each of its tasks that does not set its own (Ansible
 * inherits them); the TODO text of a task says where they came from.
 */
function handDown(items: TaskItem[], block: Block): TaskItem[] {
  const placed = [...HANDED_DOWN].filter((k) => block.keywords.has(k));
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

/**
 * A block's keywords reach the tasks a dynamic include or a role include inside it brings in (Ansible
 * hands them on, checked with include_tasks), which are converted in their own recipe or cookbook
 * without them: the include is a TODO. (An import_tasks carries them: import-keywords.ts.)
 */
function lostThroughInclude(item: TaskItem, block: Block, becomeUser: YNode | undefined): Untranslatable | undefined {
  if (item.kind === 'block' || !(DYNAMIC_TASK_INCLUDES.has(item.module) || ROLE_INCLUDES.has(item.module))) return undefined;
  // The block's own handed-down keywords the include did not override, and the become_user in force (this block's or an outer one's).
  const handed = [...block.keywords].filter(
    ([k, n]) => HANDED_DOWN.has(k) && !['run_once', 'delegate_to'].includes(k) && item.keywords.get(k) === n,
  );
  const user: Array<[string, YNode]> = becomeUser && !item.keywords.has('become_user') ? [['become_user', becomeUser]] : [];
  const lost = [...handed, ...user].filter(([k, n]) => keywordHasEffect(k, n) && !becomesRoot(k, n));
  if (!lost.length) return undefined;
  const names = lost.map(([k]) => k);
  return new Untranslatable(
    'A2C-TODO-INCLUDE',
    `block ${names.join(', ')}: Ansible applies ${names.length === 1 ? 'it' : 'them'} also to the tasks this ${item.moduleAsWritten} brings in, which are converted without ${names.length === 1 ? 'it' : 'them'}`,
    lost[0]![1].span,
  );
}

function markTodo(item: TaskItem, env: CookbookEnv, code: DiagnosticCode): void {
  if (item.kind === 'block') for (const c of [...item.block, ...item.rescue, ...item.always]) markTodo(c, env, code);
  else env.project.accounting.record(item, 'todo', code);
}

export function todoStmt(code: DiagnosticCode, reason: string, item: TaskItem, original = item.source.text): TodoStmt {
  return { kind: 'todo', code, reason, original, origin: { span: item.span, ...(item.name !== undefined ? { taskName: item.name } : {}) } };
}

function todo(task: Task, env: CookbookEnv, u: Untranslatable): Stmt[] {
  // A read that follows a TODO which stays one says so, and is counted with it (follows-kept.ts).
  const kept = u.code === 'A2C-TODO-UNSET-READ' ? keptRoot(u.reason, env) : undefined;
  const reason = kept ? `${u.reason}: ${kept.text}` : u.reason;
  env.project.sink.add(diagnostic(u.code, reason, u.span ?? task.span, u.severity));
  env.project.accounting.record(task, 'todo', u.code, reason, kept?.code);
  return [todoStmt(u.code, reason, task)];
}

export function translateTask(task: Task, env: CookbookEnv, outer: VarScope, inherited: Inherited): Stmt[] {
  // Which task reads here, for the reads a TODO set_fact later in its file cannot precede (todo-set-facts.ts).
  const scope: VarScope = { ...outer, reader: { span: task.span, mayRunLate: inherited.handler === true || outer.locals.size > 0 } };
  const r = translateTaskInner(task, env, scope, inherited);
  let out: Stmt[];
  if (failed(r)) {
    const u = unrolledTask(task, env, scope, inherited);
    // An item failing for the task's own reason adds nothing; another reason is what stops the task.
    const item = u !== undefined && !Array.isArray(u) ? u : undefined;
    if (u === undefined || (item && item.failure.code === r.code && item.failure.reason === r.reason)) out = todo(task, env, r);
    else if (item && item.index === undefined) out = todo(task, env, item.failure);
    else if (item)
      out = todo(
        task,
        env,
        new Untranslatable(
          item.failure.code,
          `loop item ${item.index} of ${item.count}: ${item.failure.reason}`,
          item.failure.span,
          item.failure.severity,
        ),
      );
    else out = u as Stmt[];
  } else {
    out = r;
  }
  // set_fact of a registered name (converted or not): later reads see the fact, not the result.
  if (task.module === 'ansible.builtin.set_fact') {
    const at = `${task.span.file}:${task.span.line}`;
    for (const a of task.args) {
      const reg = env.registered.get(a.key);
      // A fact this task stored with the results (control.ts) is read from there.
      if (reg && !(reg.kind === 'runstate' && reg.setFactAt === at)) env.registered.set(a.key, { kind: 'replaced', at });
    }
  }
  return out;
}

/**
 * A handler looping over literal items, one handler resource per item (restart = stop, then start:
 * `state: "{{ item }}"`), where its Ruby loop gives no resources a notification can name; undefined
 * where the loop is not one to unroll or an item does not convert.
 */
export function unrolledHandler(task: Task, env: CookbookEnv, scope: VarScope): Stmt[] | undefined {
  if (!unrollLiteralLoop(task, scope)) return undefined;
  const u = unrolledTask(task, env, scope, { when: [], handler: true });
  return Array.isArray(u) ? u : undefined;
}

interface ItemFailure {
  failure: Untranslatable;
  /** 1-based, of `count` items; absent when the loop itself is why (its items are not known). */
  index?: number;
  count?: number;
}

/**
 * A loop over a literal list that one Ruby loop cannot express (an item picks the action, the
 * file type...): one translation per item; undefined when the loop is not one to unroll. When an
 * item fails too, its reason is the task's: the loop-wide reason (`config_type is templated`) only
 * says the items were not looked at, the item's says what stops it.
 */
function unrolledTask(task: Task, env: CookbookEnv, scope: VarScope, inherited: Inherited): Stmt[] | ItemFailure | undefined {
  const firstFound = firstFoundSource(task, env.role, env.project.input, scope);
  if (failed(firstFound)) return { failure: firstFound };
  if (firstFound) {
    // One run with the item bound to the file found on the node: no unrolling comment or numbering.
    const r = translateTaskInner(firstFound.tasks[0]!, env, firstFound.scopes[0]!, inherited);
    if (failed(r)) return { failure: r };
    env.notes.add("with_first_found over a role's templates -> the first name (computed on the node) that names a template of the role");
    return r;
  }
  const glob = unrollFileglobLoop(task, env.role, env.project.input, scope);
  if (failed(glob)) return { failure: glob };
  const u = glob ?? unrollLiteralLoop(task, scope);
  if (!u) return undefined;
  const at = `${task.span.file}:${task.span.line}`;
  const out: Stmt[] = [
    {
      kind: 'comment',
      lines: [
        glob && !u.tasks.length
          ? `${at}: the fileglob loop matches none of the role's files: Ansible runs the task zero times`
          : glob
            ? `${at}: the fileglob loop matches ${u.tasks.length} of the role's files: one task per file (Ansible's order is the folder's listing order)`
            : `${at}: the loop over ${u.tasks.length} literal items is unrolled (an item decides what the module does)`,
      ],
    },
  ];
  for (let i = 0; i < u.tasks.length; i++) {
    const r = translateTaskInner(u.tasks[i]!, env, u.scopes[i]!, inherited);
    if (failed(r)) return { failure: r, index: i + 1, count: u.tasks.length };
    // Resources named only by a label get the item's number, so each one has a name of its own.
    for (const res of collectResources(r))
      if (LABEL_NAMED.has(res.type))
        res.name = { k: 'interp', parts: [...(res.name.k === 'interp' ? res.name.parts : [res.name]), ` (item ${i + 1})`] };
    // Files globbed into one dest folder each make it (copy to dest/): the same folder once is enough.
    out.push(...(glob ? r.filter((st) => !(st.kind === 'resource' && st.type === 'directory' && out.some((o) => sameStmt(o, st)))) : r));
  }
  // No item: nothing runs, and no item's translation records the task.
  if (!u.tasks.length) env.project.accounting.record(task, 'converted');
  env.notes.add(
    glob
      ? "fileglob loops over a role's own files are unrolled: one resource per matching file"
      : 'loops over literal lists whose items decide the resource or action are unrolled: one resource per item',
  );
  return out;
}

function sameStmt(a: Stmt, b: Stmt): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * One task, step by step: refused before its module is looked at, its scope and loop, includes
 * inlined, its module translated; then a registered result wrapped, or the resources' conditions,
 * keywords, recorded result and loop applied.
 */
function translateTaskInner(task: Task, env: CookbookEnv, scope: VarScope, inherited: Inherited): Result<Stmt[]> {
  const refused = refusedBeforeModule(task);
  if (refused) return refused;
  // A stat of the role's own vars file on the controller: decided when converting (controller-stat.ts).
  const controllerStat = controllerVarsStat(task);
  if (controllerStat) {
    if (failed(controllerStat)) return controllerStat;
    env.registered.set(controllerStat.register, { kind: 'unreadable', why: controllerStatRead(controllerStat.register) });
    return converted(task, env, undefined, [
      {
        kind: 'comment',
        lines: [
          `${task.span.file}:${task.span.line}: stat of the role's own {{ role_path }}/${controllerStat.file} on the Ansible controller: whether it exists is known when converting`,
          `(an include_vars conditioned on ${controllerStat.register}.stat.exists loads the file where the facts name one the role has)`,
        ],
      },
    ]);
  }
  // run_once (and delegation to a group's first host): a guard for the node Ansible picks.
  const once = runOnceCondition(
    task,
    env,
    (n) => scope.locals.has(n) || scope.vars?.has(n) === true || scope.pinned?.has(n) === true,
    inherited.when,
  );
  if (failed(once)) return once;
  const ownModule = localModuleFile(task.moduleAsWritten, [...(env.role ? [env.role.dir] : []), env.baseDir, ''], env.project.input);
  if (ownModule)
    return new Untranslatable(
      'A2C-TODO-MODULE',
      `module ${task.moduleAsWritten} is the input's own ${ownModule}, which Ansible runs in place of any module of that name: its code is not converted`,
      task.span,
    );
  const spec = env.project.tables.modules.modules.get(task.module);
  const onController = spec ? undefined : controllerWork(task.module);
  if (onController) return new Untranslatable('A2C-TODO-CONTROLLER', `module ${task.moduleAsWritten} ${onController}`, task.span);
  const fetched = fetchedSource(task, env.project.fetchedFiles);
  if (fetched) return new Untranslatable('A2C-TODO-CONTROLLER', fetched, argOf(task, 'src')?.span ?? task.span);
  const differs = spec ? undefined : unconvertedModule(task.module);
  if (differs) return new Untranslatable('A2C-TODO-MODULE', `module ${task.moduleAsWritten} is not converted: ${differs}`, task.span);
  if (!spec)
    return new Untranslatable(
      drivesServiceApi(task.moduleAsWritten) ? 'A2C-TODO-SERVICE-MODULE' : 'A2C-TODO-MODULE',
      `module ${task.moduleAsWritten} is not in the mapping table`,
      task.span,
    );
  const argsRefused = missingRequiredArgs(task, spec);
  if (argsRefused) return argsRefused;

  // include_vars becomes attributes, set before any recipe runs: the condition of an enclosing
  // block or include is not there (the vars-file pre-pass refuses the same tasks).
  if (task.module === INCLUDE_VARS && (inherited.when.length || includeVarsIsUnderCondition(task, env.role, env.project.input)))
    return new Untranslatable('A2C-TODO-INCLUDE-VARS', UNDER_CONDITION, inherited.when[0]?.span ?? task.span);

  const ts = taskScope(task, scope);
  if (failed(ts)) return ts;
  const { loop, scope: scoped } = ts;
  const removed = untilRemovedFilter(task, env.project.tables);
  if (removed) return removed;
  const untilOk = untilIsRetryOnFailure(task);
  if (failed(untilOk)) return untilOk;
  const decided = decidedInclude(task, env, scoped, inherited, loop);
  if (decided) return decided;
  // A run_once include_tasks: its tasks run on the chosen node only, each guarded as the include is.
  const onceInclude = once && isIncludeTasks(task);
  const inlined = inlinedInclude(
    task,
    env,
    scoped,
    onceInclude ? { ...inherited, when: [once.when, ...inherited.when] } : inherited,
    loop,
    !!onceInclude,
  );
  if (inlined) {
    if (onceInclude && !failed(inlined)) once.announce();
    return inlined;
  }
  // A loop over a registered result is known only at converge time: a command or shell runs
  // there, item by item, in the ruby_block that would register its loop result (under a name no
  // task can read when the task registers nothing); other modules' resources are declared inside
  // an a2c_converge_loop resource, which runs the loop when its turn comes (converge-loop.ts).
  const loopAtConverge = loop !== undefined && readsRegistered(loop.items);
  const commandAtConverge = loopAtConverge && CONVERGE_LOOP_MODULES.has(task.module);
  const declaredAtConverge = loopAtConverge && !commandAtConverge;
  // set_fact runs its loop in a ruby_block of its own (set-fact-loop.ts), not in a2c_converge_loop.
  const factLoop = declaredAtConverge && task.module === SET_FACT && !inherited.handler;
  if (declaredAtConverge && !factLoop) {
    const obstacle = convergeLoopObstacle(task, !!inherited.handler);
    if (obstacle) return obstacle;
  }

  // The chosen node first: Ansible evaluates `when` only on the host it picked.
  const whenNodes = withoutRepeats([
    ...(once ? [once.when] : []),
    ...inherited.when,
    ...(task.keywords.has('when') ? [task.keywords.get('when')!] : []),
  ]);
  if (factLoop && loop) {
    const stmts = setFactLoopAtConverge(task, env, scoped, loop, whenNodes);
    if (failed(stmts)) return stmts;
    // Its conditions are in the loop; the other keywords apply to the ruby_block as to any resource.
    const kept = applyKeywords(task, env, scoped, collectResources(stmts), inherited, new Set(['when']));
    return failed(kept) ? kept : converted(task, env, once, stmts);
  }
  // A module setting a fact of its own name (service_facts' `services`) stores it as a result is stored.
  const fact = factVariableSetBy(task);
  if (fact !== undefined && (whenNodes.length || loop))
    return new Untranslatable(
      'A2C-TODO-REGISTER',
      `${task.moduleAsWritten} under a condition or in a loop is not converted (a skipped task leaves '${fact}' as it was)`,
      task.span,
    );
  const reg =
    staticString(task.keywords.get('register')) ||
    (commandAtConverge ? `a2c loop at ${task.span.file}:${task.span.line}` : undefined) ||
    fact;
  const out = runModule(moduleCall(task, spec, env, scoped, reg));
  if (failed(out)) return out;
  if ('ignored' in out) {
    const conditions = ignoredConditionsRefused(task, out.ignored);
    if (conditions) return conditions;
    env.project.sink.info(out.code, out.ignored, task.span);
    env.project.accounting.record(task, 'ignored', out.code);
    return [];
  }
  if (reg && out.result) {
    // stat / command / shell / slurp: a ruby_block computes and stores the result where the task runs.
    const run = registeredRun(task, env, scoped, inherited, reg, out.result, whenNodes, loop);
    if (failed(run)) return run;
    if (commandAtConverge && !task.keywords.has('register'))
      for (const r of collectResources(run))
        if (r.type === 'ruby_block' && r.notes?.length)
          r.notes = [
            'its loop reads a registered result: the items run here, at converge time (a failed item fails the task once all have run)',
          ];
    return converted(task, env, once, run);
  }

  const stmts = out.stmts;
  // The table's note for the module (a behaviour the reader of the cookbook should know).
  if (spec.note) env.notes.add(spec.note);
  const resources = collectResources(stmts);
  // Values read from registered results exist only at converge time. A name that only stands for
  // its name property (`apt: name: linux-headers-{{ arch.stdout }}`) becomes the task's label and
  // the property is set lazily (settleProperties); other names stay TODOs (a handler is found by
  // its name).
  for (const r of resources)
    if (readsRegistered(r.name) && r.identity && !inherited.handler) {
      if (!r.properties.some((p) => p.name === r.identity!.name)) r.properties.unshift({ ...r.identity });
      r.name = str(task.name ?? task.moduleAsWritten);
    }
  if (resources.some((r) => readsRegistered(r.name)))
    return new Untranslatable('A2C-TODO-REGISTER', 'a resource named from a registered result is not converted', task.span);
  const omits = scopeOmitTest(scoped);
  for (const r of resources) settleProperties(r, omits);
  // The safety net: a value that may be the omit placeholder, reaching a resource's name or Ruby
  // code of its own with nothing settling it, would pass the placeholder text on where Ansible
  // leaves the argument out.
  const unsettled = omitReachesCode(resources, omits);
  if (unsettled)
    return new Untranslatable(
      'A2C-TODO-PARAM',
      `an argument that may be omit (it reads a variable or loop item holding omit) reaches the ${unsettled} unsettled: Ansible would leave it out`,
      task.span,
    );
  const ownWhen = out.whenDecided ? task.keywords.get('when') : undefined;
  const whenGuarded = whenGuards(task, env, scoped, ownWhen ? whenNodes.filter((w) => w !== ownWhen) : whenNodes, resources, loop);
  if (failed(whenGuarded)) return whenGuarded;
  // A loop at converge time checks the leading conditions that do not read the item before it
  // reads its list, as Ansible skips the task without failing on a list a skipped task registered.
  const { outer, inner: whenLoop } = declaredAtConverge && loop ? itemFree(loop, whenGuarded) : { outer: [], inner: whenGuarded };
  // A list that may be unset is read only where the conditions that do not read its item hold.
  const { before, rest: whenAll } =
    loop && !declaredAtConverge && !inherited.handler ? listGuards(loop, whenLoop) : { before: [], rest: whenLoop };
  // A handler's loop keeps every item's resource: its notifications name each one.
  const { skip, rest: guards } = loop && !inherited.handler ? itemGuards(loop, whenAll, stmts, resources) : { skip: [], rest: whenAll };
  const applied = applyKeywords(task, env, scoped, resources, inherited);
  if (failed(applied)) return applied;
  // A loop's registered result is recorded around the whole loop (not inside a handler's, nor one
  // declared at converge time, whose resources notify from another run context).
  const aroundLoop = loop && !declaredAtConverge && !inherited.handler ? { before: [] as Stmt[], after: [] as Stmt[] } : undefined;
  const recorded = reg ? registeredResources(task, env, reg, scoped, stmts, resources, guards, loop, aroundLoop) : stmts;
  const body = guarded(task, env, stmts, recorded, resources, guards, !!inherited.handler);
  if (failed(body)) return body;
  if (!loop) return converted(task, env, once, body);
  nameByItem(loop, resources);
  const each = wrapLoop(loop, body, allOf(skip));
  const around = (st: Stmt): Stmt[] => [...(aroundLoop?.before ?? []), st, ...(aroundLoop?.after ?? [])];
  const listCond = allOf(before);
  if (listCond) {
    env.notes.add(
      'a loop over a variable that may be unset is read inside a Ruby `if` of its conditions: Ansible skips the task on a false condition without reading the list',
    );
    return converted(task, env, once, around({ kind: 'if', cond: listCond, body: [each] }));
  }
  if (!declaredAtConverge) return converted(task, env, once, around(each));
  const late = atConverge(task, each, allOf(outer));
  if (failed(late)) return late;
  env.notes.add(
    "a loop over a registered result runs inside an a2c_converge_loop resource (support cookbook): its list is read, and its resources declared, when the task's turn comes at converge time",
  );
  return converted(task, env, once, [late]);
}

/** The leading conjuncts of a loop's conditions that do not read its item or index, and the rest. */
function itemFree(loop: Loop, guards: RExpr[]): { outer: RExpr[]; inner: RExpr[] } {
  const params = new Set([loop.local, ...(loop.indexLocal ? [loop.indexLocal] : [])]);
  const parts = guards.flatMap(conjuncts);
  let n = 0;
  while (n < parts.length && !someExpr(parts[n]!, (x) => x.k === 'var' && params.has(x.name))) n++;
  return { outer: parts.slice(0, n), inner: parts.slice(n) };
}

/** Modules whose loop can run at converge time, inside the ruby_block computing their results. */
const CONVERGE_LOOP_MODULES: ReadonlySet<string> = new Set(['ansible.builtin.command', 'ansible.builtin.shell']);

function converted(task: Task, env: CookbookEnv, once: RunOnce | undefined, body: Stmt[]): Stmt[] {
  once?.announce();
  env.project.accounting.record(task, 'converted');
  return body;
}

/** include_tasks whose file must be inlined (see include-inline.ts), and a file included from several places. */
function inlinedInclude(
  task: Task,
  env: CookbookEnv,
  scope: VarScope,
  inherited: Inherited,
  loop: Loop | undefined,
  force = false,
): Result<Stmt[]> | undefined {
  if (isIncludeTasks(task) && (force || needsInline(task))) return inlineInclude(task, env, scope, inherited, loop);
  if (!includesRepeatedFile(task, env.role, env.project.input)) return undefined;
  env.notes.add(
    'a task file included from more than one place is inlined at each include (include_recipe would run it only the first time)',
  );
  return inlineInclude(task, env, scope, inherited, loop);
}

/** Where a resource passes a value that may be omit on unsettled (omit-value.ts unsettledOmit): what to name, or undefined. */
function omitReachesCode(resources: readonly ResourceStmt[], omits: OmitTest): string | undefined {
  for (const r of resources) {
    if (unsettledOmit(r.name, omits)) return `${r.type} resource's name`;
    // A property is settled whole (settleProperties); what a helper took as an argument of its own is not.
    const p = r.properties.find((x) => unsettledOmit(x.value, omits));
    if (p) return `${r.type} resource's ${p.name}${p.block ? ' code' : ''}`;
  }
  return undefined;
}

/**
 * The conditions without a second copy of a condition already there: a run_once include_tasks
 * hands its node guard to each included task, and a task that is run_once itself would otherwise
 * print the same test twice (`x && x`). Only identical text repeats; a condition evaluated twice
 * gives the same answer both times (a task's conditions read no value the task changes).
 */
function withoutRepeats(nodes: YNode[]): YNode[] {
  const seen = new Set<string>();
  return nodes.filter((n) => {
    if (n.kind !== 'scalar' || typeof n.value !== 'string') return true;
    if (seen.has(n.value)) return false;
    seen.add(n.value);
    return true;
  });
}
