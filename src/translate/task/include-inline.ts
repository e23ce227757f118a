// include_tasks/import_tasks with vars, a loop or `apply`: the included tasks are translated in
// place (a shared recipe cannot carry per-include vars or loop variables), wrapped in the loop,
// with the include's `when` on every resource. Include cycles are reported, not followed.
import { argOf } from '../../load/ansible/task-args.js';
import type { Stmt } from '../../ir/chef-ir.js';
import type { Task } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { join } from '../../load/ansible/input.js';
import { staticIncludeTarget } from '../../load/ansible/include-path.js';
import type { CookbookEnv } from '../env.js';
import type { VarScope } from '../jinja-bridge.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { staticIncludeName, translateConditions, translateValue } from '../values.js';
import { fittingTaskFiles } from '../candidate-shape.js';
import { readsRegistered } from './register.js';
import { call as rcall, str, type RExpr } from '../../ir/ruby-ast.js';
import { isMap, keyName } from '../../load/ansible/yaccess.js';
import type { Loop } from './loops.js';
import { translateItems, type Inherited } from './task.js';
import { allOf, listMayBeUndefined, movableBeforeList } from './task-guards.js';
import { TASK_FILE_INCLUDES } from '../../base/include-modules.js';
import { importedKeywords, withImportKeywords } from './import-keywords.js';
import { includeChangesOwnWhen } from './include-when-changes.js';

/**
 * `apply` keys with nothing to convert here (tags select nothing; Chef runs as root; no_log reaches
 * the included tasks as their own noLog, see ansible/no-log.ts).
 */
const IGNORABLE_APPLY = new Set(['tags', 'become', 'no_log']);

export function isIncludeTasks(task: Task): boolean {
  return TASK_FILE_INCLUDES.has(task.module);
}

export function needsInline(task: Task): boolean {
  const hasLoop = task.keywords.has('loop') || [...task.keywords.keys()].some((k) => k.startsWith('with_'));
  return (
    hasLoop ||
    task.keywords.has('vars') ||
    task.args.some((a) => a.key === 'apply' && !ignorableApply(a.value)) ||
    // import_tasks' keywords reach each imported task: a recipe shared with other includes cannot carry them.
    importedKeywords(task).size > 0
  );
}

/** `apply:` with only keys that change nothing in Chef: the include needs no inlining for it. */
export function ignorableApply(node: YNode): boolean {
  return isMap(node) && node.entries.every((e) => IGNORABLE_APPLY.has(keyName(e.key)));
}

export function inlineInclude(task: Task, env: CookbookEnv, scope: VarScope, inherited: Inherited, loop: Loop | undefined): Result<Stmt[]> {
  const node = argOf(task, 'file') ?? task.freeForm;
  const file = staticIncludeName(node);
  if (!node) return new Untranslatable('A2C-TODO-INCLUDE', 'include without a file name is not converted', task.node.span);
  for (const a of task.args) {
    if (a.key === 'file') continue;
    if (a.key !== 'apply') return new Untranslatable('A2C-TODO-INCLUDE', `include argument '${a.key}' is not converted`, a.value.span);
    if (!isMap(a.value)) return new Untranslatable('A2C-TODO-INCLUDE', 'apply must be a mapping', a.value.span);
    for (const e of a.value.entries) {
      if (!IGNORABLE_APPLY.has(keyName(e.key)))
        return new Untranslatable('A2C-TODO-INCLUDE', `apply: ${keyName(e.key)} is not converted`, e.key.span);
    }
  }
  const role = env.role;
  const when = task.keywords.get('when');
  // An include_tasks whose file changes what its own `when` reads: the condition is decided once,
  // in an `if` around the tasks, as Ansible evaluates it once at the include (include-when-changes.ts).
  const once = !loop && when !== undefined && includeChangesOwnWhen(task, env);
  const split = once
    ? decidedOnce(when, scope, inherited)
    : conditionsBeforeList(loop, scope, { ...inherited, when: when ? [...inherited.when, when] : inherited.when });
  if (failed(split)) return split;
  const { before, inner } = split;
  if (file === undefined) return inlineTemplated(task, node, env, scope, inner, loop, before);
  if (!role) return new Untranslatable('A2C-MISSING-FILE', `included task file ${file} not found`, node.span);
  const rel = includedTaskFile(task, env, file, node);
  if (failed(rel)) return rel;
  const body = inlineFile(rel, task, env, scope, inner);
  if (failed(body)) return body;
  const comment: Stmt = {
    kind: 'comment',
    lines: [
      `${task.span.file}:${task.span.line} ${task.name ?? 'include'}: tasks of ${role.dir ? role.dir + '/' : ''}tasks/${rel} inlined`,
    ],
  };
  env.project.accounting.record(task, 'converted');
  return [comment, ...inLoop(loop, body, before)];
}

/**
 * An include loop whose list may be undefined (listMayBeUndefined), under conditions that do not
 * read its item: Ansible evaluates the include's `when` before it fails on the list, and skips the
 * include when it is false (tomcat's `loop: "{{ instance.config_files }}"` under
 * `when: instance.config_files is defined`), while Chef reads the list when the recipe compiles.
 * The leading conditions that read neither the item nor anything that changes while the run goes
 * are checked once around the loop, before its list is read (Ansible too evaluates an include's
 * `when` for every item before any included task runs); the rest stay on each included task.
 */
function conditionsBeforeList(loop: Loop | undefined, scope: VarScope, inner: Inherited): Result<{ before: RExpr[]; inner: Inherited }> {
  if (!loop || !listMayBeUndefined(loop.items)) return { before: [], inner };
  const conds = inner.when.flatMap((w) => (w.kind === 'seq' ? w.items : [w]));
  const before: RExpr[] = [];
  let n = 0;
  for (; n < conds.length; n++) {
    const c = translateConditions(conds[n]!, scope);
    // One that does not translate stays on the included tasks, where its TODO is reported.
    if (failed(c) || !c.every((e) => movableBeforeList(loop, e))) break;
    before.push(...c);
  }
  return { before, inner: { ...inner, when: conds.slice(n) } };
}

/** The include's own condition checked once before its tasks; the blocks' conditions stay on each task (Ansible evaluates them per task). */
function decidedOnce(when: YNode, scope: VarScope, inherited: Inherited): Result<{ before: RExpr[]; inner: Inherited }> {
  const own = translateConditions(when, scope);
  if (failed(own)) return own;
  // A condition read at converge time cannot be an `if` of the recipe: decidedInclude decides those
  // (a ruby_block); where it does not (a handler, run_once), the tasks keep it as before.
  if (own.some(readsRegistered)) return { before: [], inner: { ...inherited, when: [...inherited.when, when] } };
  return { before: own, inner: inherited };
}

/**
 * The task file (below the role's tasks/) a static include names, found where Ansible looks: the
 * including file's folder and the role's folders (ansible/include-path.ts).
 */
export function includedTaskFile(task: Task, env: CookbookEnv, file: string, node: YNode): Result<string> {
  const role = env.role;
  const missing = () => new Untranslatable('A2C-MISSING-FILE', `included task file ${file} not found`, node.span);
  if (!role) return env.recipeOf(join(file)) !== undefined ? join(file) : missing();
  const prefix = role.dir ? `${role.dir}/` : '';
  const found = staticIncludeTarget(task, role.dir, file, (p) => env.project.input.has(prefix + p));
  if (!found) return missing();
  if ('ambiguous' in found) {
    return new Untranslatable(
      'A2C-TODO-INCLUDE',
      `include ${file}: as a static include (import_tasks) and as a dynamic one (include_tasks) Ansible would load different files; write import_tasks or include_tasks`,
      node.span,
    );
  }
  if ('elsewhere' in found || !role.taskFiles.has(found.taskFile)) {
    const path = 'elsewhere' in found ? found.elsewhere : `tasks/${found.taskFile}`;
    return new Untranslatable(
      'A2C-TODO-INCLUDE',
      `included task file ${file} is ${prefix}${path}, which is not a YAML file under the role's tasks/: no recipe is made of it`,
      node.span,
    );
  }
  return found.taskFile;
}

/** The inlined statements, in the include's loop when it has one (inside an `if` of the conditions checked before its list). */
function inLoop(loop: Loop | undefined, body: Stmt[], before: RExpr[] = []): Stmt[] {
  const cond = allOf(before);
  const looped = inLoopOnly(loop, body);
  return cond ? [{ kind: 'if', cond, body: looped }] : looped;
}

function inLoopOnly(loop: Loop | undefined, body: Stmt[]): Stmt[] {
  return loop
    ? [
        {
          kind: 'each',
          items: loop.items,
          params: loop.indexLocal ? [loop.local, loop.indexLocal] : [loop.local],
          withIndex: !!loop.indexLocal,
          ...(loop.itemType ? { itemType: loop.itemType } : {}),
          body,
        },
      ]
    : body;
}

/** One task file's tasks translated in place (cycles reported, not followed). */
function inlineFile(rel: string, task: Task, env: CookbookEnv, scope: VarScope, inner: Inherited): Result<Stmt[]> {
  if (env.includeStack.includes(rel)) {
    return new Untranslatable('A2C-INCLUDE-CYCLE', `include cycle: ${[...env.includeStack, rel].join(' -> ')}`, task.span);
  }
  const items = withImportKeywords(task, env.role!.taskFiles.get(rel)!);
  if (failed(items)) return items;
  env.includeStack.push(rel);
  try {
    return translateItems(items, env, scope, inner);
  } finally {
    env.includeStack.pop();
  }
}

/**
 * `include_tasks: "{{ ca.backend }}/create_ca.yml"` in a loop (or with vars): every task file of the
 * role whose name fits is inlined, and the name, computed per item when the recipe compiles, picks
 * one; a name that fits no task file fails the run, as Ansible fails to find the file.
 */
function inlineTemplated(
  task: Task,
  node: YNode,
  env: CookbookEnv,
  scope: VarScope,
  inner: Inherited,
  loop: Loop | undefined,
  before: RExpr[],
): Result<Stmt[]> {
  const todo = (why: string) => new Untranslatable('A2C-TODO-INCLUDE', `include with a templated file name: ${why}`, node.span);
  const role = env.role;
  const text = node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
  if (!role) return todo('outside a role there are no task files to choose from');
  const candidates = fittingTaskFiles(
    text,
    role.taskFiles.keys(),
    (f) => task.span.file === (role.dir ? `${role.dir}/tasks/${f}` : `tasks/${f}`),
  );
  if (typeof candidates === 'string') return todo(candidates);
  if (!candidates.length) return todo(`no task file of the role fits ${text}`);
  if (candidates.length > 8) return todo(`${candidates.length} task files fit ${text}; too many to inline`);
  const name = translateValue(node, scope);
  if (failed(name)) return name;
  if (readsRegistered(name)) return todo('the name reads a registered result, which does not exist yet when the recipe compiles');
  const table: RExpr = { k: 'hash', pairs: candidates.map((f) => [str(f), str(f)]) };
  const chosen = rcall({ k: 'const', path: ['A2C', 'Tasks'] }, 'included_recipe', [name, table]);
  let chain: Stmt[] = [];
  for (const f of [...candidates].reverse()) {
    const body = inlineFile(f, task, env, scope, inner);
    if (failed(body)) return body;
    const branch: Stmt = {
      kind: 'if',
      cond: { k: 'binop', op: '==', l: chosen, r: str(f) },
      body,
      ...(chain.length ? { otherwise: chain } : {}),
    };
    chain = [branch];
  }
  env.notes.add(
    'include_tasks with a templated file name inside a loop: the fitting task files are inlined, the name picks one per item when the recipe compiles',
  );
  const comment: Stmt = {
    kind: 'comment',
    lines: [
      `${task.span.file}:${task.span.line} ${task.name ?? 'include'}: the task file ${text} names, among ${candidates.join(', ')}, inlined`,
    ],
  };
  env.project.accounting.record(task, 'converted');
  return [comment, ...inLoop(loop, chain, before)];
}
