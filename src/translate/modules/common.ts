// Helpers shared by the typed module translators.
import type { Property, ResourceStmt } from '../../chef/ir.js';
import type { RExpr } from '../../ruby/ast.js';
import { str } from '../../ruby/ast.js';
import { failed, type Result, Untranslatable } from '../failure.js';
import { translateValue } from '../values.js';
import type { ModuleCall } from './types.js';

export function bare(call: ModuleCall, type: string, name: RExpr, properties: Property[] = [], actions: string[] = []): ResourceStmt {
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
