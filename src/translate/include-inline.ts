// include_tasks/import_tasks with vars, a loop or `apply`: the included tasks are translated in
// place (a shared recipe cannot carry per-include vars or loop variables), wrapped in the loop,
// with the include's `when` on every resource. Include cycles are reported, not followed.
import type { Stmt } from '../chef/ir.js';
import type { Task } from '../ansible/model.js';
import type { YNode } from '../ansible/yaml.js';
import { join } from '../ansible/input.js';
import type { CookbookEnv } from './env.js';
import type { Scope } from './jinja-bridge.js';
import { type Result, Untranslatable } from './failure.js';
import { staticString } from './values.js';
import { isMap, keyName } from '../ansible/yaccess.js';
import type { Loop } from './loops.js';
import { translateItems, type Inherited } from './task.js';

const INCLUDE_MODULES = new Set(['ansible.builtin.include_tasks', 'ansible.builtin.import_tasks', 'ansible.builtin.include']);
/** `apply` keys with nothing to convert in Chef (tags select nothing; Chef runs as root). */
const IGNORABLE_APPLY = new Set(['tags', 'become']);

export function isIncludeTasks(task: Task): boolean {
  return INCLUDE_MODULES.has(task.module);
}

export function needsInline(task: Task): boolean {
  const hasLoop = task.keywords.has('loop') || [...task.keywords.keys()].some((k) => k.startsWith('with_'));
  return hasLoop || task.keywords.has('vars') || task.args.some((a) => a.key === 'apply' && !ignorableApply(a.value));
}

/** `apply:` with only keys that change nothing in Chef: the include needs no inlining for it. */
export function ignorableApply(node: YNode): boolean {
  return isMap(node) && node.entries.every((e) => IGNORABLE_APPLY.has(keyName(e.key)));
}

export function inlineInclude(task: Task, env: CookbookEnv, scope: Scope, inherited: Inherited, loop: Loop | undefined): Result<Stmt[]> {
  const node = task.args.find((a) => a.key === 'file')?.value ?? task.freeForm;
  const file = staticString(node);
  if (!node || file === undefined) return new Untranslatable('A2C-TODO-INCLUDE', 'include with a templated file name is not converted', (node ?? task.node).span);
  for (const a of task.args) {
    if (a.key === 'file') continue;
    if (a.key !== 'apply') return new Untranslatable('A2C-TODO-INCLUDE', `include argument '${a.key}' is not converted`, a.value.span);
    if (!isMap(a.value)) return new Untranslatable('A2C-TODO-INCLUDE', 'apply must be a mapping', a.value.span);
    for (const e of a.value.entries) {
      if (!IGNORABLE_APPLY.has(keyName(e.key))) return new Untranslatable('A2C-TODO-INCLUDE', `apply: ${keyName(e.key)} is not converted`, e.key.span);
    }
  }
  const role = env.role;
  const rel = join(file);
  const items = role?.taskFiles.get(rel);
  if (!role || !items) {
    return new Untranslatable('A2C-MISSING-FILE', `included task file ${file} not found`, node.span, 'error');
  }
  if (env.includeStack.includes(rel)) {
    return new Untranslatable('A2C-INCLUDE-CYCLE', `include cycle: ${[...env.includeStack, rel].join(' -> ')}`, task.span, 'error');
  }
  const when = task.keywords.get('when');
  const inner: Inherited = { ...inherited, when: when ? [...inherited.when, when] : inherited.when };
  env.includeStack.push(rel);
  let body: Stmt[];
  try {
    body = translateItems(items, env, scope, inner);
  } finally {
    env.includeStack.pop();
  }
  const comment: Stmt = { kind: 'comment', lines: [`${task.span.file}:${task.span.line} ${task.name ?? 'include'}: tasks of ${role.dir ? role.dir + '/' : ''}tasks/${rel} inlined`] };
  env.accounting.record(task, 'converted');
  if (!loop) return [comment, ...body];
  return [comment, { kind: 'each', items: loop.items, params: loop.indexLocal ? [loop.local, loop.indexLocal] : [loop.local], withIndex: !!loop.indexLocal, body }];
}
