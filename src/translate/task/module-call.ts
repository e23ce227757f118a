// A task's module run through its translator: the one from the mapping table (a built-in
// translator or a plugin), or the table's parameter mapping onto one resource.
import type { Task } from '../../load/ansible/model.js';
import { argOf } from '../../load/ansible/task-args.js';
import type { ModuleSpec } from '../../mapping/modules.js';
import type { CookbookEnv } from '../env.js';
import type { VarScope } from '../jinja-bridge.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { TRANSLATORS } from '../modules/index.js';
import { mapParams, resource } from '../modules/params.js';
import type { ModuleCall, ModuleOutput } from '../modules/types.js';
import { pluginTranslatorOf } from '../modules/plugin-adapter.js';

export function moduleCall(task: Task, spec: ModuleSpec, env: CookbookEnv, scope: VarScope, register: string | undefined): ModuleCall {
  return { task, spec, env, scope, arg: (...names) => argOf(task, ...names), ...(register !== undefined ? { register } : {}) };
}

export function runModule(call: ModuleCall): Result<ModuleOutput> {
  const { task, spec } = call;
  const translator = spec.plugin ? pluginTranslatorOf(spec.plugin) : spec.translator ? TRANSLATORS.get(spec.translator) : undefined;
  if (spec.translator && !translator)
    return new Untranslatable('A2C-INTERNAL', `mapping table names unknown translator '${spec.translator}'`, task.span);
  if (translator) return translator(call);
  if (task.freeForm)
    return new Untranslatable('A2C-TODO-PARAM', `free-form arguments of ${spec.fqcn} are not understood`, task.freeForm.span);
  const m = mapParams(call);
  return failed(m) ? m : { stmts: [resource(call, spec.resource!, m, { k: 'str', v: task.name ?? spec.fqcn })] };
}
