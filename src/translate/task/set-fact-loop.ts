// set_fact in a loop over registered results (`with_items: ["{{ deb_result }}", "{{ rpm_result }}"]`,
// `when: item is not skipped`): the list exists only at converge time, so the loop runs there, in a
// ruby_block at the task's place: each item whose `when` holds sets the fact in turn, the last one
// winning, as in Ansible (A2C::Tasks.set_fact_each). Later reads take the fact from node.run_state
// at converge time, as they take a set_fact reading a result. Only where that is all the name ever
// holds: one fact, set by this task alone (where every item is skipped, Ansible leaves it undefined).
import type { Stmt } from '../../ir/chef-ir.js';
import { call, str, type RExpr } from '../../ir/ruby-ast.js';
import type { Task } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { CookbookEnv } from '../env.js';
import type { VarScope } from '../jinja-bridge.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { translateConditions, translateValue } from '../values.js';
import { nestsTernary } from '../../jinja-to-ruby/string-statements.js';
import { partType, setFactValue } from '../modules/control.js';
import { passesOnWhole } from '../passes-on.js';
import type { Loop } from './loops.js';
import { rubyBlock } from './register.js';
import { allOf } from './task-guards.js';
import { mayBeOmit, scopeOmitTest } from '../omit-value.js';

export const SET_FACT = 'ansible.builtin.set_fact';
const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };
const RUN_STATE: RExpr = call(call(undefined, 'node', [], { noParens: true }), 'run_state', [], { noParens: true });

export function setFactLoopAtConverge(task: Task, env: CookbookEnv, scope: VarScope, loop: Loop, whenNodes: YNode[]): Result<Stmt[]> {
  const why = (reason: string, at = task.span) =>
    new Untranslatable('A2C-TODO-REGISTER', `set_fact in a loop over a registered result: ${reason}`, at);
  if (task.freeForm) return why('free-form text is not converted', task.freeForm.span);
  if (loop.indexLocal) return why('an index_var is not converted');
  if (task.keywords.has('register')) return why('a registered set_fact loop is not converted');
  const args = task.args.filter((a) => a.key !== 'cacheable');
  if (args.length !== 1) return why('it sets several facts at once');
  const arg = args[0]!;
  const defs = scope.symbols.get(arg.key)?.definitions ?? [];
  if (defs.length !== 1 || defs[0]!.kind !== 'set_fact')
    return why(`'${arg.key}' is also set elsewhere, whose value the items this loop skips would leave readable`, arg.value.span);
  const raw = translateValue(arg.value, passesOnWhole(arg.value) ? { ...scope, passesParts: true } : scope);
  if (failed(raw)) return raw;
  // An item whose value is omit leaves the fact as it was in Ansible (remove_omit); set_fact_each
  // would store the placeholder text.
  if (mayBeOmit(raw, scopeOmitTest(scope)))
    return new Untranslatable(
      'A2C-TODO-PARAM',
      `set_fact in a loop over a registered result: '${arg.key}' may be omit (Ansible then leaves it as it was), not converted`,
      arg.value.span,
    );
  const value = setFactValue(arg.value, raw, scope);
  const guards: RExpr[] = [];
  for (const w of whenNodes) {
    const c = translateConditions(w, scope);
    if (failed(c)) return c;
    guards.push(...c);
  }
  const cond = allOf(guards);
  // The value and the condition are arguments of the block's one statement, where the printer has no
  // `if` form to give a conditional holding another.
  if (nestsTernary(value) || (cond && nestsTernary(cond)))
    return why('its translation would nest one conditional expression in another, which Cookstyle refuses (Style/NestedTernaryOperator)');
  const condition: RExpr = cond ? call(undefined, 'lambda', [], { block: { params: [loop.local], body: cond } }) : { k: 'nil' };
  const run = call(TASKS, 'set_fact_each', [RUN_STATE, str(arg.key), loop.items, condition], {
    block: { params: [loop.local], body: value },
  });
  const type = partType(raw);
  env.registered.set(arg.key, { kind: 'runstate', setFactAt: `${task.span.file}:${task.span.line}`, ...(type ? { type } : {}) });
  return [
    rubyBlock(
      task,
      str(task.name ?? `set_fact ${arg.key}`),
      run,
      `sets '${arg.key}' when it runs, item by item over registered results (node.run_state)`,
    ),
  ];
}
