// The scope a task's module arguments and keywords are translated in: its vars, its loop variable
// (and index), and what enclosing blocks hand down.
import type { YNode } from '../../load/ansible/yaml.js';
import type { Task } from '../../load/ansible/model.js';
import type { VarScope } from '../jinja-bridge.js';
import { failed, type Result } from '../../base/failure.js';
import { loopOf, type Loop } from './loops.js';
import { withVars } from './task-vars.js';
import { DYNAMIC_TASK_INCLUDES } from '../../base/include-modules.js';
import { someExpr } from '../../ir/ruby-ast.js';
import { scopeOmitTest } from '../omit-value.js';

/** What enclosing blocks pass to their tasks: `when` and `become_user` apply to every child. */
export interface Inherited {
  when: YNode[];
  becomeUser?: YNode;
  /** Translating a handler (its resources are notified by name). */
  handler?: true;
}

/** The task's loop (if any) and the scope its arguments see. */
export function taskScope(task: Task, scope: VarScope): Result<{ loop: Loop | undefined; scope: VarScope }> {
  // The loop expression sees the task's vars (Ansible templates it in the task's context).
  const loopScope = withVars(scope, task.keywords.get('vars'));
  if (failed(loopScope)) return loopScope;
  const loop = loopOf(task, loopScope);
  if (failed(loop)) return loop;
  const inner: VarScope = loop
    ? {
        ...scope,
        locals: new Map([
          ...scope.locals,
          [loop.varName, loop.local],
          ...(loop.indexName ? [[loop.indexName, loop.indexLocal!] as [string, string]] : []),
        ]),
        ...loopLocalTypes(scope, loop),
        ...loopOmitLocals(scope, loop),
      }
    : scope;
  // include_tasks (and the old include) vars are include params, above the included tasks' vars.
  const scoped = withVars(inner, task.keywords.get('vars'), [], DYNAMIC_TASK_INCLUDES.has(task.module));
  if (failed(scoped)) return scoped;
  return { loop, scope: scoped };
}

/** The loop variable's type when the loop's items are known; a loop variable of unknown type hides an outer one. */
function loopLocalTypes(scope: VarScope, loop: Loop): Pick<VarScope, 'localTypes'> {
  const types = new Map([...(scope.localTypes ?? [])].filter(([n]) => n !== loop.varName && n !== loop.indexName));
  if (loop.itemType) types.set(loop.varName, loop.itemType);
  if (loop.indexName) types.set(loop.indexName, { t: 'int' });
  return types.size > 0 ? { localTypes: types } : {};
}

/**
 * The loop variable may hold the omit placeholder where its list holds `omit` or reads a variable
 * that may hold it (an item is then the placeholder text, which Ansible leaves out of an argument
 * reading it whole); a loop variable over a list without it hides an outer one of the same local.
 */
function loopOmitLocals(scope: VarScope, loop: Loop): Pick<VarScope, 'omitLocals'> {
  const outer = [...(scope.omitLocals ?? [])].filter((n) => n !== loop.local && n !== loop.indexLocal);
  if (someExpr(loop.items, scopeOmitTest(scope))) outer.push(loop.local);
  return { omitLocals: new Set(outer) };
}
