// include_tasks/import_tasks -> include_recipe of the recipe made from that task file;
// include_role/import_role -> include_recipe of the role's cookbook (and a metadata dependency);
// include_vars of a static file -> its values as attributes of the cookbook.
import { join, insideRoot } from '../../ansible/input.js';
import { Untranslatable } from '../failure.js';
import { hasJinja } from '../jinja-bridge.js';
import { staticString } from '../values.js';
import { recipeName } from '../context.js';
import { isMap, keyName } from '../../ansible/yaccess.js';
import type { ModuleTranslator } from './types.js';

export const includeTasksModule: ModuleTranslator = (call) => {
  const node = call.arg('file') ?? call.task.freeForm;
  const file = staticString(node);
  if (!node || file === undefined) return new Untranslatable('A2C-TODO-INCLUDE', 'include with a templated file name is not converted', (node ?? call.task.node).span);
  for (const a of call.task.args) if (!['file', 'apply'].includes(a.key)) return new Untranslatable('A2C-TODO-INCLUDE', `include argument '${a.key}' is not converted`, a.value.span);
  if (call.arg('apply')) return new Untranslatable('A2C-TODO-INCLUDE', "include_tasks 'apply' is not converted", call.arg('apply')!.span);
  if (!insideRoot(join(file)) || file.startsWith('/')) return new Untranslatable('A2C-PATH-ESCAPE', `task file ${file} is outside the input; not read`, node.span);
  const recipe = call.env.recipeOf(join(file));
  if (!recipe) {
    return new Untranslatable('A2C-MISSING-FILE', `included task file ${file} not found`, node.span, 'error');
  }
  return { stmts: [{ kind: 'include_recipe', recipe: `${call.env.cookbook}::${recipe}`, origin: { span: call.task.span, ...(call.task.name !== undefined ? { taskName: call.task.name } : {}) } }] };
};

export const includeRoleModule: ModuleTranslator = (call) => {
  const name = staticString(call.arg('name'));
  if (name === undefined || hasJinja(name)) return new Untranslatable('A2C-TODO-INCLUDE', 'include_role needs a static role name', (call.arg('name') ?? call.task.node).span);
  for (const a of call.task.args) {
    if (['name', 'public', 'allow_duplicates', 'tasks_from'].includes(a.key)) continue;
    // apply: tags select nothing in Chef and Chef runs as root, so those keys change nothing.
    if (a.key === 'apply' && isMap(a.value) && a.value.entries.every((e) => ['tags', 'become'].includes(keyName(e.key)))) continue;
    return new Untranslatable('A2C-TODO-INCLUDE', `include_role argument '${a.key}' is not converted`, a.value.span);
  }
  // A cookbook's recipe is included once per run and sees no caller's variables.
  if (call.task.keywords.has('vars')) return new Untranslatable('A2C-TODO-INCLUDE', 'include_role with vars: the included cookbook cannot see task variables; set them as attributes', call.task.keywords.get('vars')!.span);
  if (call.task.keywords.has('loop') || [...call.task.keywords.keys()].some((k) => k.startsWith('with_'))) {
    return new Untranslatable('A2C-TODO-INCLUDE', 'include_role in a loop: include_recipe runs a recipe once per Chef run', call.task.span);
  }
  const tasksFrom = staticString(call.arg('tasks_from'));
  if (call.arg('tasks_from') && tasksFrom === undefined) return new Untranslatable('A2C-TODO-INCLUDE', 'tasks_from must be static', call.arg('tasks_from')!.span);
  if (!call.env.knownRoles.has(name)) {
    call.env.sink.warning('A2C-MISSING-ROLE', `role ${name} is not in the input: include_recipe expects a cookbook '${call.env.cookbookOf(name)}' from elsewhere`, call.arg('name')!.span);
  }
  const cookbook = call.env.cookbookOf(name);
  const recipe = tasksFrom ? recipeName(tasksFrom) : 'default';
  if (cookbook !== call.env.cookbook) call.env.depends.add(cookbook);
  return { stmts: [{ kind: 'include_recipe', recipe: `${cookbook}::${recipe}`, origin: { span: call.task.span, ...(call.task.name !== undefined ? { taskName: call.task.name } : {}) } }] };
};
