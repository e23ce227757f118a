// include_tasks/import_tasks -> include_recipe of the recipe made from that task file;
// include_role/import_role -> include_recipe of the role's cookbook (and a metadata dependency);
// include_vars of a static file -> its values as attributes of the cookbook.
import { join, insideRoot } from '../../load/ansible/input.js';
import { Untranslatable } from '../../base/failure.js';
import { hasJinja } from '../jinja-bridge.js';
import { staticIncludeName, staticString } from '../values.js';
import { recipeName } from '../context.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { fittingTaskFiles, templateShape } from '../candidate-shape.js';
import type { Span } from '../../base/diagnostics.js';
import { call as rcall, str, type RExpr } from '../../ir/ruby-ast.js';
import { failed, type Result } from '../../base/failure.js';
import { readsRegistered } from '../task/register.js';
import { ignorableApply, includedTaskFile } from '../task/include-inline.js';
import { translateValue } from '../values.js';
import type { ModuleCall, ModuleOutput, ModuleTranslator } from './types.js';
import type { Property } from '../../ir/chef-ir.js';
import { isMap, keyName } from '../../load/ansible/yaccess.js';
import { resolveBinding } from '../jinja-bridge.js';
import { planKey, taskFileCandidates } from '../role-resource.js';

export const includeTasksModule: ModuleTranslator = (call) => {
  const node = call.arg('file') ?? call.task.freeForm;
  const file = staticIncludeName(node);
  for (const a of call.task.args)
    if (!['file', 'apply'].includes(a.key))
      return new Untranslatable('A2C-TODO-INCLUDE', `include argument '${a.key}' is not converted`, a.value.span);
  // apply: tags select nothing in Chef and Chef runs as root; other keys are inlined (include-inline.ts).
  const apply = call.arg('apply');
  if (apply && !ignorableApply(apply)) return new Untranslatable('A2C-TODO-INCLUDE', "include_tasks 'apply' is not converted", apply.span);
  if (node && file === undefined) return templatedInclude(call, node);
  if (!node || file === undefined)
    return new Untranslatable('A2C-TODO-INCLUDE', 'include without a file name is not converted', call.task.node.span);
  if (!insideRoot(join(file)) || file.startsWith('/'))
    return new Untranslatable('A2C-PATH-ESCAPE', `task file ${file} is outside the input; not read`, node.span);
  const taskFile = includedTaskFile(call.task, call.env, file, node);
  if (failed(taskFile)) return taskFile;
  const recipe = call.env.recipeOf(taskFile)!;
  return {
    stmts: [
      {
        kind: 'include_recipe',
        recipe: `${call.env.cookbook}::${recipe}`,
        origin: { span: call.task.span, ...(call.task.name !== undefined ? { taskName: call.task.name } : {}) },
      },
    ],
  };
};

/**
 * `include_tasks: "setup-{{ ansible_os_family }}.yml"`: the role's task files whose names fit the
 * pattern are the candidates; the name is computed in Ruby when the recipe compiles (from Ohai
 * facts and attributes, as Ansible computes it from facts and variables when it reaches the task)
 * and picks the recipe made from that file. A name that fits no task file fails the run, as
 * Ansible fails to find the file.
 */
function templatedInclude(call: ModuleCall, node: YNode): Result<ModuleOutput> {
  const todo = (why: string) => new Untranslatable('A2C-TODO-INCLUDE', `include with a templated file name: ${why}`, node.span);
  const text = node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
  const role = call.env.role;
  if (!role) return todo('outside a role there are no task files to choose from');
  // The including file itself is no candidate: Ansible would recurse, Chef would silently skip it.
  const candidates = fittingTaskFiles(
    text,
    role.taskFiles.keys(),
    (f) => call.task.span.file === (role.dir ? `${role.dir}/tasks/${f}` : `tasks/${f}`),
  );
  if (typeof candidates === 'string') return todo(candidates);
  if (!candidates.length) return todo(`no task file of the role fits ${text}`);
  const value = translateValue(node, call.scope);
  if (failed(value)) return value;
  if (readsRegistered(value)) return todo('the name reads a registered result, which does not exist yet when the recipe compiles');
  const table: RExpr = { k: 'hash', pairs: candidates.map((f) => [str(f), str(`${call.env.cookbook}::${call.env.recipeOf(f)!}`)]) };
  call.env.notes.add(
    'include_tasks with a templated file name -> include_recipe of the recipe made from the file the name evaluates to when the recipe compiles',
  );
  return {
    stmts: [
      {
        kind: 'include_recipe',
        recipeExpr: rcall({ k: 'const', path: ['A2C', 'Tasks'] }, 'included_recipe', [value, table]),
        origin: { span: call.task.span, ...(call.task.name !== undefined ? { taskName: call.task.name } : {}) },
      },
    ],
  };
}

export const includeRoleModule: ModuleTranslator = (call) => {
  if (call.task.freeForm)
    return new Untranslatable(
      'A2C-TODO-INCLUDE',
      `${call.task.moduleAsWritten} takes name=<role>, not free-form text`,
      call.task.freeForm.span,
    );
  const nameNode = call.arg('name');
  const name = staticString(nameNode);
  // What the include would still need once its role is in the input: reported with the missing
  // role, whose absence is the cause to fix first (convert the role together with this input).
  const pending = includeRolePending(call);
  if (name === undefined || hasJinja(name)) {
    const text = name ?? (nameNode?.kind === 'scalar' && typeof nameNode.value === 'string' ? nameNode.value : undefined);
    const shape = text === undefined ? undefined : roleNameShape(text);
    if (shape && ![...call.env.project.knownRoles].some((r) => shape.test(r)))
      return missingRole(call, `include_role name '${text}' names no role of the input, whatever it evaluates to`, pending);
    return new Untranslatable('A2C-TODO-INCLUDE-ROLE', 'include_role needs a static role name', (nameNode ?? call.task.node).span);
  }
  // As for a role missing from `roles:` or meta dependencies: an error, and no include of a
  // cookbook nothing will provide.
  if (!call.env.project.knownRoles.has(name)) return missingRole(call, `role ${name} not found in the input`, pending);
  if (pending[0]) return new Untranslatable('A2C-TODO-INCLUDE-ROLE', pending[0].why, pending[0].span);
  const tasksFrom = staticString(call.arg('tasks_from'));
  const cookbook = call.env.project.cookbookOf(name);
  const recipe = tasksFrom ? recipeName(tasksFrom) : 'default';
  // A cookbook's recipe is included once per run and sees no caller's variables: with vars, the
  // role's tasks run as a custom resource's action (role-resource.ts).
  const vars = call.task.keywords.get('vars');
  if (vars) return roleResourceCall(call, name, tasksFrom, vars);
  if (cookbook !== call.env.cookbook) call.env.depends.add(cookbook);
  const origin = { span: call.task.span, ...(call.task.name !== undefined ? { taskName: call.task.name } : {}) };
  // Ansible loads the role's handlers with any of its task files; the default recipe includes them itself.
  const handlers = recipe === 'default' ? undefined : call.env.project.handlersRecipeOf?.(name);
  if (handlers !== undefined) call.env.project.handlerIncludes?.add(call.env.cookbook);
  return {
    stmts: [
      ...(handlers !== undefined
        ? [{ kind: 'include_recipe' as const, recipe: `${cookbook}::${handlers}`, handlers: true as const, origin }]
        : []),
      { kind: 'include_recipe', recipe: `${cookbook}::${recipe}`, origin },
    ],
  };
};

interface Pending {
  why: string;
  span: Span;
}

/** The include's own constructs that are not converted, in the order they are reported. */
function includeRolePending(call: ModuleCall): Pending[] {
  const out: Pending[] = [];
  for (const a of call.task.args) {
    if (['name', 'public', 'allow_duplicates', 'tasks_from'].includes(a.key)) continue;
    // apply: tags select nothing in Chef and Chef runs as root, so those keys change nothing;
    // no_log reaches the role's tasks as their own noLog (ansible/no-log.ts).
    if (a.key === 'apply' && ignorableApply(a.value)) continue;
    out.push({ why: `include_role argument '${a.key}' is not converted`, span: a.value.span });
  }
  if (call.task.keywords.has('loop') || [...call.task.keywords.keys()].some((k) => k.startsWith('with_')))
    out.push({ why: 'include_role in a loop: include_recipe runs a recipe once per Chef run', span: call.task.span });
  const tasksFrom = call.arg('tasks_from');
  if (tasksFrom && staticString(tasksFrom) === undefined) out.push({ why: 'tasks_from must be static', span: tasksFrom.span });
  return out;
}

function missingRole(call: ModuleCall, why: string, pending: Pending[]): Untranslatable {
  const rest = pending.length ? `; with the role, this include would still need: ${pending.map((p) => p.why).join('; ')}` : '';
  return new Untranslatable('A2C-MISSING-ROLE', `${why}${rest}`, (call.arg('name') ?? call.task.node).span);
}

/**
 * The role names a templated name can render to: its text literally, each `{{ }}` any text.
 * Undefined for statements or text Jinja would not take literally.
 */
function roleNameShape(text: string): RegExp | undefined {
  const src = templateShape(text, () => '.*');
  return src === undefined ? undefined : new RegExp(`^${src}$`, 's');
}

/** `include_role` with vars -> a call of the role's custom resource, each passed value a property. */
function roleResourceCall(call: ModuleCall, role: string, tasksFrom: string | undefined, vars: YNode): Result<ModuleOutput> {
  const todo = (why: string) => new Untranslatable('A2C-TODO-INCLUDE-ROLE', `include_role with vars: ${why}`, vars.span);
  const candidates = taskFileCandidates(tasksFrom);
  const file = candidates.find((f) => call.env.project.roleResources?.has(planKey(role, f)));
  const plan = file === undefined ? undefined : call.env.project.roleResources?.get(planKey(role, file));
  if (!plan || file === undefined) return todo(`role ${role} has no task file ${candidates.join(' or ')} to run as a custom resource`);
  if ('why' in plan) return todo(plan.why);
  if (!isMap(vars)) return todo('vars must be a mapping');
  // `when` decides whether the role runs, as only_if decides whether the action runs; no_log and
  // tags change no result, and Chef runs as root. Other keywords of the include (ignore_errors,
  // changed_when, environment, ...) would reach the whole action in Chef, not what Ansible applies them to.
  const other = [...call.task.keywords.keys()].find((k) => !ROLE_CALL_KEYWORDS.has(k));
  if (other !== undefined)
    return todo(
      `the include's keyword '${other}' would apply to the whole custom resource's action in Chef, which is not what Ansible applies it to`,
    );
  // Ansible templates a passed value among its siblings: the task's vars binding (task-vars.ts)
  // translates it in the caller's scope with the siblings bound, so each property holds its value.
  const properties: Property[] = [];
  for (const e of vars.entries) {
    const key = keyName(e.key);
    const binding = call.scope.vars?.get(key);
    const value = binding === undefined ? translateValue(e.value, call.scope) : resolveBinding(binding, call.scope);
    if (failed(value)) return value;
    // Ansible templates vars when the role reads them: the action reads the property then.
    properties.push({ name: key, value: isLiteral(value) ? value : { k: 'lazy', e: value } });
  }
  const cookbook = call.env.project.cookbookOf(role);
  if (cookbook !== call.env.cookbook) call.env.depends.add(cookbook);
  call.env.notes.add(
    "include_role with vars -> a call of the role's custom resource (resources/role*.rb): its action runs the role's tasks and reads the passed values as properties",
  );
  const label = call.task.name ?? `${role} ${file}`;
  return {
    stmts: [
      {
        kind: 'resource',
        type: plan.type,
        name: str(label),
        properties,
        actions: [],
        guards: [],
        notifies: [],
        subscribes: [],
        origin: { span: call.task.span, ...(call.task.name !== undefined ? { taskName: call.task.name } : {}) },
      },
    ],
  };
}

const ROLE_CALL_KEYWORDS: ReadonlySet<string> = new Set(['vars', 'when', 'tags', 'no_log', 'become', 'name']);

function isLiteral(e: RExpr): boolean {
  if (e.k === 'array') return e.items.every(isLiteral);
  if (e.k === 'hash') return e.pairs.every(([k, v]) => isLiteral(k) && isLiteral(v));
  return ['str', 'int', 'float', 'bool', 'nil', 'sym'].includes(e.k);
}
