// Which include_vars tasks set the variables of a role's vars files, decided before any task is
// translated. A task reads a variable in whatever order the recipes are translated (task files
// sorted by name, handlers first, templates once per run), so whether the include_vars task that
// sets it converts must be known in advance: the same pure decision the module translator makes
// (planIncludeVars), with the task keywords the task translator refuses first.
import { argOf } from '../load/ansible/task-args.js';
import type { Role, Task, TaskItem } from '../load/ansible/model.js';
import type { InputIndex } from '../load/ansible/input.js';
import type { Span } from '../base/diagnostics.js';
import { failed } from '../base/failure.js';
import type { VarScope } from './jinja-bridge.js';
import { refusedBeforeModule } from './task/task-refusal.js';
import { INCLUDE_VARS, planIncludeVars, planLoads, todoMayLoad, UNDER_CONDITION, type IncludeVarsPlan } from './modules/include-vars.js';
import { unrollLiteralLoop } from './task/unroll.js';
import { staticIncludeTarget } from '../load/ansible/include-path.js';
import { staticString } from './values.js';
import { TASK_FILE_INCLUDES } from '../base/include-modules.js';
import { nil, str, type RExpr } from '../ir/ruby-ast.js';
import type { YNode } from '../load/ansible/yaml.js';
import { asList } from '../load/ansible/yaccess.js';
import { parseExpression } from '../load/jinja/index.js';
import { namesIn } from './facts-condition.js';

/** The include_vars tasks that may load one vars file of a role. */
export interface VarsFileSetters {
  converted: Span[];
  /** The plan of each converted task that loads the file as one task (not unrolled from a loop). */
  plans: Array<{ plan: IncludeVarsPlan; condNames: readonly string[] }>;
  /** Tasks without a translation, each with why. */
  todo: Array<{ span: Span; why: string }>;
}

/** Each task of the list with whether an enclosing block has a `when`. */
export function tasksOf(items: readonly TaskItem[]): Array<{ task: Task; underWhen: boolean }> {
  const out: Array<{ task: Task; underWhen: boolean }> = [];
  const walk = (item: TaskItem, underWhen: boolean): void => {
    if (item.kind === 'block')
      return [...item.block, ...item.rescue, ...item.always].forEach((i) => walk(i, underWhen || item.keywords.has('when')));
    out.push({ task: item, underWhen });
  };
  items.forEach((i) => walk(i, false));
  return out;
}

const spanKey = (s: Span): string => `${s.file}:${s.line}:${s.col}`;
const underConditionCache = new WeakMap<Role, Set<string>>();

/**
 * The include_vars tasks of the role (by position) that run only under the `when` of an enclosing
 * block or of an include_tasks/import_tasks that leads to their file. Their values would be
 * attributes set on every run, so they have no translation: the pre-pass and the task translator
 * (task.ts) both ask here. A file included under a condition from anywhere counts as conditional.
 */
export function includeVarsUnderCondition(role: Role, input: InputIndex): Set<string> {
  const cached = underConditionCache.get(role);
  if (cached) return cached;
  const prefix = role.dir ? `${role.dir}/` : '';
  const conditionalFiles = new Set<string>();
  const edges = new Map<string, string[]>();
  for (const [file, items] of role.taskFiles) {
    for (const { task, underWhen } of tasksOf(items)) {
      if (!TASK_FILE_INCLUDES.has(task.module)) continue;
      const name = staticString(argOf(task, 'file') ?? task.freeForm);
      if (name === undefined || name.includes('{{')) continue;
      const found = staticIncludeTarget(task, role.dir, name, (p) => input.has(prefix + p));
      if (!found || !('taskFile' in found)) continue;
      if (underWhen || task.keywords.has('when')) conditionalFiles.add(found.taskFile);
      edges.set(file, [...(edges.get(file) ?? []), found.taskFile]);
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of [...conditionalFiles])
      for (const g of edges.get(f) ?? []) if (!conditionalFiles.has(g)) grew = !!conditionalFiles.add(g);
  }
  const out = new Set<string>();
  for (const [file, items] of role.taskFiles) {
    for (const { task, underWhen } of tasksOf(items))
      if (task.module === INCLUDE_VARS && (underWhen || conditionalFiles.has(file))) out.add(spanKey(task.span));
  }
  underConditionCache.set(role, out);
  return out;
}

/** Whether this include_vars task runs only under an enclosing block's or include's `when`. */
export function includeVarsIsUnderCondition(task: Task, role: Role | undefined, input: InputIndex): boolean {
  return role !== undefined && includeVarsUnderCondition(role, input).has(spanKey(task.span));
}

/** Why the task translator refuses the task before its module is looked at, if it does. */
function refusedFirst(task: Task): string | undefined {
  const u = refusedBeforeModule(task);
  if (!u) return undefined;
  return task.invalid ? u.reason : `${u.reason} (line ${u.span!.line})`;
}

/**
 * Per vars file of the role (its name under vars/), the include_vars tasks of the role that may
 * load it. `scope` translates first_found candidates (facts), as the task translator would.
 */
export function varsFileSetters(role: Role, input: InputIndex, scope: VarScope): Map<string, VarsFileSetters> {
  const out = new Map<string, VarsFileSetters>([...role.varsFiles.keys()].map((f) => [f, { converted: [], plans: [], todo: [] }]));
  const place = { role, baseDir: role.dir, input };
  const underCondition = includeVarsUnderCondition(role, input);
  for (const { task } of tasksOf([...role.taskFiles.values()].flat()).filter((t) => t.task.module === INCLUDE_VARS)) {
    const refused = underCondition.has(spanKey(task.span)) ? UNDER_CONDITION : refusedFirst(task);
    const plan = refused === undefined ? planIncludeVars(task, place, scope) : undefined;
    if (plan && !failed(plan)) {
      const loads = planLoads(plan, place);
      const condNames = plan.cond
        ? ownNamesRead(
            task,
            loads.map((f) => role.varsFiles.get(f)),
          )
        : [];
      for (const f of loads) {
        out.get(f)?.converted.push(task.span);
        out.get(f)?.plans.push({ plan, condNames });
      }
      continue;
    }
    // As the task translator does, a loop over literal items converts as one task per item.
    const unrolled = plan ? unrollLiteralLoop(task, scope) : undefined;
    const plans = unrolled?.tasks.map((t, i) => planIncludeVars(t, place, unrolled.scopes[i]!));
    if (plans?.every((p) => !failed(p))) {
      for (const p of plans) for (const f of planLoads(p as IncludeVarsPlan, place)) out.get(f)?.converted.push(task.span);
      continue;
    }
    const why = refused ?? (plan && failed(plan) ? plan.reason : '');
    for (const f of todoMayLoad(task, place)) out.get(f)?.todo.push({ span: task.span, why });
  }
  return out;
}

/**
 * Which vars file the one converted include_vars task loading `file` loads on the node, for a read
 * that computes a value of it (deferred.ts): `on` gives the loaded file's name (nil where the task
 * loads none: its condition is false, or the facts name another file); absent, the task loads this
 * file on every node. Undefined when no single converted task alone loads the file.
 */
export interface VarsFileLoad {
  /** The include_vars task. */
  task: Span;
  on?: RExpr;
  /** The names its condition reads (the vars files it loads must not be written where one is). */
  condNames: readonly string[];
  /** Its `when`, evaluated again at each read, and the converge-time facts it reads (converge-condition.ts). */
  atRead?: { when: YNode; stored: readonly string[] };
  /** With atRead: the other converted include_vars tasks that may load the file (their case writes its attributes). */
  alsoLoadedBy?: readonly Span[];
}

export function varsFileLoad(file: string, setters: VarsFileSetters | undefined): VarsFileLoad | undefined {
  if (!setters || setters.todo.length || setters.converted.length !== setters.plans.length) return undefined;
  // Loaded under a condition evaluated at each read, by one task; other tasks that may load it write
  // its values as attributes (a case on the facts), which a read takes where the condition is false.
  const atRead = setters.plans.flatMap((p, i) => (p.plan.kind === 'file' && p.plan.atRead ? [{ i, at: p.plan.atRead }] : []));
  if (atRead.length === 1) {
    const { i, at } = atRead[0]!;
    return { task: setters.converted[i]!, atRead: at, condNames: [], alsoLoadedBy: setters.converted.filter((_, j) => j !== i) };
  }
  if (atRead.length || setters.converted.length !== 1) return undefined;
  const { plan, condNames } = setters.plans[0]!;
  const task = setters.converted[0]!;
  const cond = plan.cond;
  if (plan.kind === 'first-found')
    return { task, on: cond ? { k: 'ternary', c: cond, t: plan.choice.on, f: nil } : plan.choice.on, condNames };
  return cond ? { task, on: { k: 'ternary', c: cond, t: str(file), f: nil }, condNames } : { task, condNames: [] };
}

/** The names the task's `when` reads that these vars files define. */
function ownNamesRead(task: Task, files: ReadonlyArray<{ entries: ReadonlyArray<{ name: string }> } | undefined>): string[] {
  const defined = new Set(files.flatMap((f) => f?.entries.map((e) => e.name) ?? []));
  const read = new Set<string>();
  for (const c of asList(task.keywords.get('when'))) {
    const text = c.kind === 'scalar' && typeof c.value === 'string' ? c.value : undefined;
    if (text === undefined) continue;
    const parsed = parseExpression(/^\s*\{\{([\s\S]*)\}\}\s*$/.exec(text)?.[1] ?? text);
    if (parsed.ok) namesIn(parsed.value, read);
  }
  return [...read].filter((n) => defined.has(n)).sort();
}

/** A vars file whose variables no converted task sets: the TODO include_vars tasks that may load it (none: no task of the role does). */
export interface VarsFileGap {
  file: string;
  todo: Array<{ span: Span; why: string }>;
}

/**
 * The gap when the variables of a vars file have no converted setter, or undefined when a
 * converted include_vars loads it and no TODO one may. A file a TODO task may load counts as set
 * by that TODO even when a converted first_found could also pick it: on a host where the TODO task
 * runs, Ansible's value is the one that task loads, which the cookbook never sets.
 */
export function varsFileGap(file: string, setters: VarsFileSetters | undefined): VarsFileGap | undefined {
  if (setters?.converted.length && !setters.todo.length) return undefined;
  return { file, todo: setters?.todo ?? [] };
}

/** Why a variable defined only in these vars files is never set by the cookbook (for the TODO at its reads). */
export function describeGaps(gaps: readonly VarsFileGap[]): string {
  const files = [...new Set(gaps.map((g) => `vars/${g.file}`))].sort();
  const tasks = new Map<string, string>();
  const todo = gaps
    .flatMap((g) => g.todo)
    .sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.line - b.span.line));
  for (const t of todo) tasks.set(`${t.span.file}:${t.span.line}`, t.why);
  const what = `is set only by ${files.length === 1 ? 'the vars file' : 'the vars files'} ${files.join(', ')}`;
  if (!tasks.size) return `${what}, which no converted include_vars task loads`;
  const list = [...tasks].map(([at, why]) => `${at} (${why})`).join('; ');
  return `${what}, which only ${tasks.size === 1 ? 'the include_vars task' : 'include_vars tasks'} without a translation would load: ${list}`;
}
