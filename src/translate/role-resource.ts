// A role included with `vars` -> a custom resource of the role's cookbook (resources/role*.rb)
// whose action holds the included task file's tasks, and a call of it at each include.
//
// Chef runs a recipe once per run and a recipe sees no caller's variables; a custom resource runs
// its action at every call and reads what the caller passed as properties. Inside the action, a
// task reads a passed variable as `new_resource.<name>` (a VarScope var binding, jinja-bridge.ts);
// the role's defaults that read one are computed at each use (deferred.ts), so they follow the
// passed value too; everything else stays an attribute read. Chef names the resource
// `<cookbook>_<file>`: `role` for main.yml, `role_<recipe>` for tasks_from.
//
// What cannot be faithful stays a TODO at the include, saying why: handlers (a notification from
// inside the action reaches no handler of the caller's run), registered results and set_fact
// (Ansible lets the caller read them), meta dependencies, includes of a recipe or a role (their
// recipe would not see the properties; task files the translator inlines are fine) and tasks
// that do not convert themselves.
import type { CustomResource, Stmt } from '../ir/chef-ir.js';
import type { Role, Task, TaskItem } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import { isMap, keyName } from '../load/ansible/yaccess.js';
import { DiagnosticSink, formatSpan } from '../base/diagnostics.js';
import { call, str, type RExpr } from '../ir/ruby-ast.js';
import { Accounting } from './accounting.js';
import type { TranslateContext } from './context.js';
import { recipeName } from './context.js';
import { HandlerIndex } from './task/handlers.js';
import { failed } from '../base/failure.js';
import { hasJinja, jinjaValue, type VarScope, type VarBinding } from './jinja-bridge.js';
import { staticString } from './values.js';
import { RUBY_KEYWORDS } from '../ir/ruby-names.js';
import { ROLE_INCLUDES } from '../base/include-modules.js';

/** One `include_role` (or `import_role`) with `vars` of a static role name. */
export interface RoleCall {
  task: Task;
  role: string;
  /** The task file under tasks/ (main.yml without tasks_from). */
  file: string;
  keys: string[];
}

/** What the include of (role, task file) becomes: a resource type and its properties, or why not. */
export type RoleResourcePlan =
  | { type: string; file: string; properties: CustomResource['properties']; params: string[]; role: Role; taskFile: string }
  | { why: string };

export const planKey = (role: string, file: string): string => `${role}\0${file}`;

/** The task files `tasks_from` may name, as Ansible looks them up (the name as given, or with an extension). */
export function taskFileCandidates(tasksFrom: string | undefined): string[] {
  if (tasksFrom === undefined) return ['main.yml'];
  return /\.(ya?ml|json)$/.test(tasksFrom) ? [tasksFrom] : [`${tasksFrom}.yml`, `${tasksFrom}.yaml`, `${tasksFrom}.json`];
}

function argOf(task: Task, key: string): YNode | undefined {
  for (let i = task.args.length - 1; i >= 0; i--) if (task.args[i]!.key === key) return task.args[i]!.value;
  return undefined;
}

/** Every include with `vars` of a role the input holds, whose role and task file names are static. */
export function roleCalls(items: readonly TaskItem[], roles: ReadonlyMap<string, Role>): RoleCall[] {
  const out: RoleCall[] = [];
  const walk = (item: TaskItem): void => {
    if (item.kind === 'block') return [...item.block, ...item.rescue, ...item.always].forEach(walk);
    if (!ROLE_INCLUDES.has(item.module)) return;
    const vars = item.keywords.get('vars');
    const role = staticString(argOf(item, 'name'));
    const from = argOf(item, 'tasks_from');
    const tasksFrom = from === undefined ? undefined : staticString(from);
    if (!vars || !isMap(vars) || role === undefined || hasJinja(role) || (from !== undefined && tasksFrom === undefined)) return;
    const file = taskFileCandidates(tasksFrom).find((f) => roles.get(role)?.taskFiles.has(f));
    if (file !== undefined) out.push({ task: item, role, file, keys: vars.entries.map((e) => keyName(e.key)) });
  };
  items.forEach(walk);
  return out;
}

/** The names each role receives from some include's `vars` (its defaults reading them are computed at each use). */
export function roleParameters(calls: readonly RoleCall[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of calls) {
    const set = out.get(c.role) ?? new Set<string>();
    for (const k of c.keys) set.add(k);
    out.set(c.role, set);
  }
  return out;
}

/**
 * Chef::Resource's own methods and properties, and Ruby keywords: a property of that name would
 * replace them or not parse.
 */
const RESERVED = new Set([
  'name',
  'action',
  'actions',
  'notifies',
  'subscribes',
  'only_if',
  'not_if',
  'ignore_failure',
  'retries',
  'retry_delay',
  'sensitive',
  'provider',
  'updated',
  'updated_by_last_action',
  'allowed_actions',
  'compile_time',
  'default_guard_interpreter',
  'guard_interpreter',
  'declared_type',
  'cookbook_name',
  'recipe_name',
  'source_line',
  'params',
  'run_context',
  'node',
  'resource_name',
  'identity',
  'state',
  'before',
  'after',
  'description',
  'delayed_actions',
  'elapsed_time',
  'enclosing_provider',
  'events',
  'run_action',
  'load_from',
  'method_missing',
  'to_s',
  'to_text',
  'to_h',
  'to_json',
  'inspect',
  'class',
  'send',
  'freeze',
  'hash',
  'object_id',
  'logger',
  'lazy',
  'property_is_set',
  'reset_property',
  'validate',
  'is',
  'new_resource',
  'current_value',
  'immediately',
  'delayed',
  'user',
  'group',
  'environment',
  'timeout',
  'unified_mode',
  'introduced',
  'deprecated',
  'defined',
  '__method__',
  ...RUBY_KEYWORDS,
]);

/** `new_resource.<name>`: how the action reads a passed value. */
export function propertyRead(name: string): RExpr {
  return call(call(undefined, 'new_resource', [], { noParens: true }), name, [], { noParens: true });
}

/** Why a role's task file cannot be a custom resource's action, before translating it. */
function staticObstacle(role: Role, file: string, params: readonly string[], ctx: TranslateContext): string | undefined {
  const items = role.taskFiles.get(file);
  if (!items) return undefined;
  if (role.dependencies.length) return `role ${role.name} has meta dependencies, which Ansible runs before each include`;
  for (const p of params) {
    if (!/^[a-z_][A-Za-z0-9_]*$/.test(p) || RESERVED.has(p)) return `'${p}' cannot be a property name of a Chef resource`;
    const defs = ctx.symbols.get(p)?.definitions ?? [];
    // Set by tasks or vars files while the role runs: they outrank the include's vars.
    const over = defs.find((d) => d.kind === 'set_fact' || d.kind === 'include_vars');
    if (over) return `'${p}' is also set by ${over.kind} at ${formatSpan(over.span)}, which outranks the include's vars`;
  }
  let why: string | undefined;
  const walk = (item: TaskItem): void => {
    if (why) return;
    const where = `${item.span.file}:${item.span.line}`;
    if (item.keywords.has('notify'))
      why = `the role's task at ${where} notifies a handler; a notification from inside the resource's action reaches no handler of the caller`;
    else if (item.keywords.has('register')) why = `the role's task at ${where} registers a result, which Ansible lets the caller read`;
    if (why || item.kind === 'block')
      return item.kind === 'block' ? [...item.block, ...item.rescue, ...item.always].forEach(walk) : undefined;
    if (item.module === 'ansible.builtin.set_fact') why = `the role's task at ${where} sets a fact, which Ansible lets the caller read`;
    else if (/^ansible\.builtin\.(include|import)_role$/.test(item.module))
      why = `the role's task at ${where} includes a role, whose recipe would not see the resource's properties`;
  };
  items.forEach(walk);
  return why;
}

/** Why translated statements cannot be the action (an include, a TODO). */
function bodyObstacle(stmts: readonly Stmt[]): string | undefined {
  for (const s of stmts) {
    if (s.kind === 'todo') return `the role's task at ${s.origin.span.file}:${s.origin.span.line} does not convert (${s.code})`;
    if (s.kind === 'include_recipe')
      return `the role's task at ${s.origin.span.file}:${s.origin.span.line} includes a recipe, which would not see the resource's properties`;
    // Its declare block runs as the a2c_converge_loop's action, where new_resource is that resource.
    if (s.kind === 'each' && s.atConverge)
      return `the role's task at ${s.atConverge.origin.span.file}:${s.atConverge.origin.span.line} loops at converge time, where new_resource is not this resource`;
    const inner =
      s.kind === 'each' ? bodyObstacle(s.body) : s.kind === 'if' ? bodyObstacle([...s.body, ...(s.otherwise ?? [])]) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Resources inside an action are declared in the caller's cookbook (Chef::Provider#cookbook_name is
 * new_resource.cookbook_name): a template or cookbook_file names the role's cookbook, where its file is.
 */
function pinCookbook(stmts: Stmt[], cookbook: string): void {
  for (const s of stmts) {
    if (s.kind === 'each') pinCookbook(s.body, cookbook);
    else if (s.kind === 'if') {
      pinCookbook(s.body, cookbook);
      if (s.otherwise) pinCookbook(s.otherwise, cookbook);
    } else if (
      s.kind === 'resource' &&
      ['template', 'cookbook_file', 'remote_directory'].includes(s.type) &&
      !s.properties.some((p) => p.name === 'cookbook')
    ) {
      s.properties.push({ name: 'cookbook', value: str(cookbook) });
    }
  }
}

/** The scope of the action: every parameter read from the resource. */
function actionScope(base: VarScope, params: readonly string[]): VarScope {
  const vars = new Map<string, VarBinding>(base.vars ?? []);
  for (const p of params) vars.set(p, propertyRead(p));
  // Role params outrank the role's own task and block vars of the same name.
  return { ...base, vars, pinned: new Set([...(base.pinned ?? []), ...params]) };
}

/**
 * The scope of a property's lazy default: Chef evaluates it on the resource itself, where the other
 * properties are its methods (a role default reading another passed name follows that value).
 */
function defaultScope(base: VarScope, params: readonly string[], own: string): VarScope {
  const vars = new Map<string, VarBinding>(base.vars ?? []);
  for (const q of params) if (q !== own) vars.set(q, call(undefined, q, [], { noParens: true }));
  return { ...base, vars };
}

export interface RoleResourceDeps {
  /** Translate items into statements with an env of the role's cookbook (role.ts supplies it). */
  translate: (
    role: Role,
    items: TaskItem[],
    scope: (base: VarScope) => VarScope,
    quiet: { sink: DiagnosticSink; accounting: Accounting; handlers: HandlerIndex },
  ) => { stmts: Stmt[]; base: VarScope };
}

/**
 * Decide, for every (role, task file) some include passes vars to, whether it becomes a custom
 * resource: its tasks are translated once here with diagnostics kept aside, and any TODO, warning
 * or error among them keeps the includes TODO.
 */
export function planRoleResources(
  calls: readonly RoleCall[],
  roles: ReadonlyMap<string, Role>,
  ctx: TranslateContext,
  deps: RoleResourceDeps,
): Map<string, RoleResourcePlan> {
  const plans = new Map<string, RoleResourcePlan>();
  const byKey = new Map<string, RoleCall[]>();
  for (const c of calls) byKey.set(planKey(c.role, c.file), [...(byKey.get(planKey(c.role, c.file)) ?? []), c]);
  for (const [key, list] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { role: roleName, file } = list[0]!;
    const role = roles.get(roleName);
    if (!role?.taskFiles.has(file)) continue;
    const params = [...new Set(list.flatMap((c) => c.keys))].sort();
    const obstacle = staticObstacle(role, file, params, ctx);
    if (obstacle) {
      plans.set(key, { why: obstacle });
      continue;
    }
    const quiet = { sink: new DiagnosticSink(), accounting: new Accounting(), handlers: new HandlerIndex() };
    const { stmts, base } = deps.translate(role, role.taskFiles.get(file)!, (b) => actionScope(b, params), quiet);
    const noisy = quiet.sink.items.find((d) => d.severity !== 'info');
    // Task files inlined into the action (an include with a loop or a condition) are checked as the role's own.
    const inlined = quiet.accounting
      .all()
      .find((e) => e.keywords.includes('notify') || e.keywords.includes('register') || e.module === 'ansible.builtin.set_fact');
    const why =
      bodyObstacle(stmts) ??
      (inlined
        ? `the task at ${inlined.span.file}:${inlined.span.line}, which the role's tasks include, ${inlined.module === 'ansible.builtin.set_fact' ? 'sets a fact' : inlined.keywords.includes('notify') ? 'notifies a handler' : 'registers a result'}, which a custom resource cannot carry`
        : undefined) ??
      (noisy ? `the role's tasks do not convert cleanly (${noisy.code} at ${formatSpan(noisy.span)})` : undefined);
    if (why) {
      plans.set(key, { why });
      continue;
    }
    // A parameter some include does not pass reads what the role would read without it.
    const properties: CustomResource['properties'] = [];
    for (const p of params) {
      if (list.every((c) => c.keys.includes(p))) {
        properties.push({ name: p });
        continue;
      }
      const read = jinjaValue(`{{ ${p} }}`, defaultScope(base, params, p), list[0]!.task.span, false);
      if (failed(read)) {
        plans.set(key, { why: `'${p}' is not passed by every include, and its value without it has no translation: ${read.reason}` });
        break;
      }
      properties.push({ name: p, default: { k: 'lazy', e: read } });
    }
    if (plans.has(key)) continue;
    const recipe = recipeName(file);
    const resFile = recipe === 'default' ? 'role' : `role_${recipe}`;
    plans.set(key, { type: `${ctx.cookbookOf(roleName)}_${resFile}`, file: resFile, properties, params, role, taskFile: file });
  }
  return plans;
}

/** The custom resources of a role's cookbook, translated with its env (shared templates and files). */
export function roleResources(
  roleName: string,
  plans: ReadonlyMap<string, RoleResourcePlan>,
  cookbook: string,
  sub: (p: string) => string,
  deps: RoleResourceDeps,
  sink: DiagnosticSink,
): CustomResource[] {
  const out: CustomResource[] = [];
  for (const plan of plans.values()) {
    // The role as loaded: keywords of its `roles:` entries do not reach an include of it.
    if ('why' in plan || plan.role.name !== roleName) continue;
    const { role, taskFile: file } = plan;
    const quiet = { sink: new DiagnosticSink(), accounting: new Accounting(), handlers: new HandlerIndex() };
    const { stmts } = deps.translate(role, role.taskFiles.get(file)!, (b) => actionScope(b, plan.params), quiet);
    // Translated as planned, or its TODOs are reported where they are (a template variant name
    // taken since the plan, say): never a TODO inside the action that no diagnostic names.
    const loud = quiet.sink.items.filter((d) => d.severity !== 'info');
    for (const d of loud) sink.add(d);
    const why = bodyObstacle(stmts);
    if (why !== undefined && !loud.length)
      throw new Error(`internal error: the custom resource made from ${sub(`tasks/${file}`)} translated differently than planned: ${why}`);
    pinCookbook(stmts, cookbook);
    out.push({ file: plan.file, source: sub(`tasks/${file}`), properties: plan.properties, action: 'run', body: stmts });
  }
  return out;
}
