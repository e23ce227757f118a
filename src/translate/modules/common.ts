// Helpers shared by the typed module translators.
import type { Property, ResourceStmt } from '../../ir/chef-ir.js';
import type { RExpr } from '../../ir/ruby-ast.js';
import { str } from '../../ir/ruby-ast.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { translateValue } from '../values.js';
import type { ModuleCall } from './types.js';

/**
 * A resource built by hand. `nameProperty`: the property the name stands for (execute's command, a
 * file's path); it is recorded as the identity, so a resource renamed later (a handler, a loop item)
 * keeps doing the same thing instead of running or writing its new name.
 */
export function bare(
  call: ModuleCall,
  type: string,
  name: RExpr,
  properties: Property[] = [],
  actions: string[] = [],
  nameProperty?: string,
): ResourceStmt {
  return {
    kind: 'resource',
    type,
    name,
    properties,
    actions,
    guards: [],
    notifies: [],
    subscribes: [],
    origin: { span: call.task.span, ...(call.task.name !== undefined ? { taskName: call.task.name } : {}) },
    ...(nameProperty !== undefined ? { identity: { name: nameProperty, value: name } } : {}),
  };
}

/** Translate a required argument. */
export function required(call: ModuleCall, ...names: string[]): Result<RExpr> {
  const node = call.arg(...names);
  if (!node) return new Untranslatable('A2C-TODO-PARAM', `${call.spec.fqcn} needs '${names[0]}'`, call.task.span);
  return translateValue(node, call.scope);
}

export function optional(call: ModuleCall, ...names: string[]): Result<RExpr | undefined> {
  const node = call.arg(...names);
  return node ? translateValue(node, call.scope) : undefined;
}

/** The task name, or the module, as a resource name for resources that have no natural name. */
export function taskLabel(call: ModuleCall): RExpr {
  return str(call.task.name ?? call.spec.fqcn);
}

export function collect(results: Array<Result<unknown>>): Untranslatable | undefined {
  return results.find(failed) as Untranslatable | undefined;
}
