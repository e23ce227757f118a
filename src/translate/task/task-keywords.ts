// A task's keywords applied to the resources its module became (the task translator's last step
// before guards and loops): properties, notifications, notes, or a TODO for what has no Chef form.
import { bool, call, someExpr, type RExpr } from '../../ir/ruby-ast.js';
import type { Guard, ResourceStmt } from '../../ir/chef-ir.js';
import type { Task } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { CookbookEnv } from '../env.js';
import { jinjaValue, type VarScope } from '../jinja-bridge.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { staticBool, staticString, translateValue } from '../values.js';
import { parseExpression } from '../../load/jinja/index.js';
import { becomesRoot, CARRIED_KEYWORDS, IGNORED_KEYWORDS } from './keyword-policy.js';
import { notificationsFor, type HandlerTarget } from './handlers.js';
import { readsRegistered } from './register.js';
import { strictBool } from './strict-bool.js';
import type { Inherited } from './task-scope.js';
import { untilAttempts, untilKind, untilNotEvaluated } from './until.js';
import { changedState, isTrueCondition, onlyAuxiliary, runsAsAlwaysUpdated } from './changed-state.js';
import { checkModeRefusal } from './check-mode.js';

/**
 * A templated `become_user` on resources Chef runs as root: a guard (after the task's own, which
 * `guarded` puts first) that passes where the value is root and stops the run where it is not.
 * Undefined for a literal user other than root, or a value without a translation.
 */
function becomeRootGuard(node: YNode, scope: VarScope): Guard | undefined {
  if (staticString(node) !== undefined) return undefined;
  const v = translateValue(node, scope);
  if (failed(v)) return undefined;
  return { kind: 'only_if', ruby: call({ k: 'const', path: ['A2C', 'Tasks'] }, 'become_root!', [v]) };
}

/**
 * The task's keywords onto its resources: each one a property, a guard already placed, a note, a
 * TODO, or its table reason (mappings/keywords.toml); `folded` are carried out elsewhere (a register
 * ruby_block). No keyword is dropped without one of these.
 */
export function applyKeywords(
  task: Task,
  env: CookbookEnv,
  scope: VarScope,
  resources: ResourceStmt[],
  inherited: Inherited,
  folded: ReadonlySet<string> = new Set(),
): Result<void> {
  const kw = new Map([...task.keywords].filter(([k]) => !folded.has(k)));
  // `changed_when: false`: the task never reports a change, so Ansible never notifies its handlers.
  const changedWhen = kw.get('changed_when');
  const notifyNode = kw.get('notify');
  if (notifyNode && changedState(task, env, resources) === 'never') {
    env.project.sink.info(
      'A2C-IGNORED-NOTIFY',
      changedWhen
        ? 'notify never fires: changed_when: false, so the task never reports a change'
        : onlyAuxiliary(resources)
          ? `notify never fires: this ${task.module} task reports no change (what it does beside the module's own effect is no change in Ansible; its Chef resources would notify on every run)`
          : `notify never fires: ${task.module} never reports a change (its Chef resource would notify on every run)`,
      notifyNode.span,
    );
    kw.delete('notify');
  }
  if (inherited.becomeUser && !kw.has('become_user') && !folded.has('become_user')) kw.set('become_user', inherited.becomeUser);
  // no_log inherited from a play, role, block or include (ansible/no-log.ts): sensitive as if written here.
  if (task.noLog && !kw.has('no_log') && !folded.has('no_log')) kw.set('no_log', task.noLog);
  const hasEffects = resources.length > 0;
  for (const [k, node] of kw) {
    if (CARRIED_KEYWORDS.has(k)) continue;
    if (IGNORED_KEYWORDS.has(k)) {
      env.notes.add(`${k}: ${IGNORED_KEYWORDS.get(k)}`);
      continue;
    }
    switch (k) {
      case 'run_once':
      case 'delegate_to':
        // Turned into the first guard by runOnceCondition (or the task is a TODO).
        break;
      case 'check_mode': {
        const refused = checkModeRefusal(task, env, node);
        if (refused) return refused;
        env.notes.add('check_mode: Chef why-run mode replaces Ansible check mode');
        break;
      }
      case 'when':
      case 'loop':
      case 'loop_control':
      case 'vars':
        break;
      case 'no_log':
      case 'ignore_errors': {
        const b = strictBool(node, k, scope);
        if (failed(b)) return b;
        if (readsRegistered(b)) return new Untranslatable('A2C-TODO-KEYWORD', `${k} from a registered result is not converted`, node.span);
        if (b.k === 'bool' && !b.v) break;
        for (const r of resources) r.properties.push({ name: k === 'no_log' ? 'sensitive' : 'ignore_failure', value: b });
        break;
      }
      case 'failed_when': {
        if (staticBool(node) === false || (node.kind === 'scalar' && node.value === false)) {
          for (const r of resources) r.properties.push({ name: 'ignore_failure', value: bool(true) });
          break;
        }
        // `failed_when: r is failed` on the task that registers r restates the default.
        if (failsAsByDefault(node, staticString(task.keywords.get('register')))) {
          env.notes.add("failed_when that tests whether the task's own registered result failed is the default: left out");
          break;
        }
        return new Untranslatable('A2C-TODO-KEYWORD', 'failed_when with a condition has no Chef equivalent', node.span);
      }
      case 'changed_when': {
        if (kw.has('notify') && isTrueCondition(node) && runsAsAlwaysUpdated(task, resources)) {
          env.notes.add(
            'changed_when: true on a command: its execute resource reports an update each time it runs, so it notifies as the task does',
          );
          break;
        }
        if (
          kw.has('notify') &&
          isTrueCondition(node) &&
          task.module === 'ansible.builtin.debug' &&
          resources.some((r) => r.type === 'notify_group')
        ) {
          env.notes.add(
            'changed_when: true on debug: a notify_group beside the log resource fires its notifications each time the task runs',
          );
          break;
        }
        if (kw.has('notify'))
          return new Untranslatable('A2C-TODO-KEYWORD', 'changed_when on a task that notifies handlers has no Chef equivalent', node.span);
        env.notes.add('changed_when: only affects reporting and registered results in Ansible; dropped where nothing depends on it');
        break;
      }
      case 'retries':
      case 'delay':
        // Ansible 2.14 retries only with `until` (the task executor ignores retries alone).
        if (!kw.has('until')) env.notes.add(`${k} without until: Ansible makes a single attempt, so nothing is converted`);
        break;
      case 'until': {
        // until: <register> is success -> Chef retries on failure; Ansible's defaults are 3 and 5 s.
        // Any other condition is evaluated by a registered result's ruby_block, which folds until in.
        if (untilKind(task) === 'condition') return untilNotEvaluated(task, 'this task becomes resources');
        const attempts = untilAttempts(task);
        if (failed(attempts)) return attempts;
        for (const r of resources)
          r.properties.push(
            { name: 'retries', value: { k: 'int', v: attempts.retries } },
            { name: 'retry_delay', value: { k: 'int', v: attempts.delay } },
          );
        break;
      }
      case 'become': {
        if (staticBool(node) === false) env.notes.add('become: false — Chef still runs this resource as root');
        break;
      }
      case 'become_user':
      case 'environment': {
        if (becomesRoot(k, node) && !resources.every((r) => r.type === 'execute')) break;
        if (!resources.every((r) => r.type === 'execute')) {
          if (!hasEffects) break;
          const asRoot = k === 'become_user' ? becomeRootGuard(node, scope) : undefined;
          if (asRoot === undefined) return new Untranslatable('A2C-TODO-KEYWORD', `${k} is converted only for commands`, node.span);
          for (const r of resources) r.guards.push(asRoot);
          env.notes.add(
            'become_user from a value: Chef runs these resources as root, which is what Ansible does where the value is root; A2C::Tasks.become_root! stops the run where it names another user',
          );
          break;
        }
        const v = translateValue(node, scope);
        if (failed(v)) return v;
        for (const r of resources) r.properties.push({ name: k === 'become_user' ? 'user' : 'environment', value: v });
        break;
      }
      case 'timeout': {
        const v = staticString(node);
        if (v === undefined || !resources.every((r) => r.type === 'execute'))
          return new Untranslatable('A2C-TODO-KEYWORD', 'timeout is converted only for commands, as a static number', node.span);
        for (const r of resources) r.properties.push({ name: 'timeout', value: { k: 'int', v: Number(v) } });
        break;
      }
      case 'notify': {
        const items = node.kind === 'seq' ? node.items : [node];
        const names: Array<{ name: string | undefined; onlyIf?: RExpr; at: YNode }> = [];
        for (const item of items) {
          const n = staticString(item);
          if (n !== undefined) {
            names.push({ name: n, at: item });
            continue;
          }
          // A name whose variables the scope binds to constants (an include's literal vars): one handler.
          const folded = foldedName(item, scope);
          if (folded !== undefined) {
            names.push({ name: folded, at: item });
            continue;
          }
          const picked = pickedHandlers(item, scope);
          if (!picked) return new Untranslatable('A2C-TODO-KEYWORD', 'notify with a templated handler name', item.span);
          names.push(...picked.map((p) => ({ ...p, at: item })));
        }
        const queued: HandlerTarget[] = [];
        env.handlers.sequences.push(queued);
        for (const { name: n, onlyIf, at } of names) {
          if (n === undefined) return new Untranslatable('A2C-TODO-KEYWORD', 'notify with a templated handler name', at.span);
          const hits = env.handlers.resolve(n);
          if (!hits.length) {
            env.project.sink.error('A2C-MISSING-HANDLER', `notify: no handler named or listening to '${n}'`, at.span);
            continue;
          }
          for (const h of hits) {
            if (h.unreachable) {
              env.project.sink.warning('A2C-TODO-NOTIFY', `notify '${h.name}' is not converted: ${h.unreachable}`, node.span);
              for (const r of resources) (r.notes ??= []).push(`TODO: notify '${h.name}' once that handler is converted`);
              continue;
            }
            queued.push(h);
            const sent = notificationsFor(h).map((x) => (onlyIf ? { ...x, onlyIf } : x));
            for (const r of resources) if (!r.auxiliary || resources.every((x) => x.auxiliary)) r.notifies.push(...sent);
          }
        }
        break;
      }
      default:
        if (k.startsWith('with_')) break;
        return new Untranslatable('A2C-TODO-KEYWORD', `task keyword '${k}' is not converted`, node.span);
    }
  }
  return undefined;
}

/**
 * `notify: "{{ 'restart x' if cond else 'reload x' }}"`: a handler name picked from literals by
 * conditions on values that do not change during the run (no registered result, nothing kept in
 * node.run_state). Ansible templates the name when the task reports a change; the conditions hold
 * the same value when the recipe compiles, so each name becomes a notification sent where its
 * branch's conditions hold. Anything else (a name read from a variable) stays a TODO.
 */
/**
 * A templated handler name that translates to one literal text: every variable it reads is bound,
 * in this scope, to a constant (`Restart {{ target }}` in a file included with `vars: {target:
 * loki}`), so Ansible templates it to that text on every host.
 */
function foldedName(node: YNode, scope: VarScope): string | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  const v = jinjaValue(node.value, scope, node.span);
  if (failed(v)) return undefined;
  if (v.k === 'str') return v.v;
  if (v.k !== 'interp') return undefined;
  let text = '';
  for (const part of v.parts) {
    if (typeof part === 'string') text += part;
    else if (part.k === 'str') text += part.v;
    else return undefined;
  }
  return text;
}

function pickedHandlers(node: YNode, scope: VarScope): Array<{ name: string; onlyIf: RExpr }> | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  const v = jinjaValue(node.value, scope, node.span);
  if (failed(v) || v.k !== 'ternary') return undefined;
  const out: Array<{ name: string; onlyIf: RExpr }> = [];
  const walk = (e: RExpr, conds: RExpr[]): boolean => {
    if (e.k === 'str') {
      out.push({ name: e.v, onlyIf: conds.reduce((a, b) => ({ k: 'binop', op: '&&', l: a, r: b })) });
      return true;
    }
    if (e.k !== 'ternary') return false;
    if (readsRegistered(e.c) || someExpr(e.c, (x) => x.k === 'call' && x.name === 'run_state')) return false;
    return walk(e.t, [...conds, e.c]) && walk(e.f, [...conds, { k: 'not', e: e.c }]);
  };
  return walk(v, []) ? out : undefined;
}

/**
 * Whether failed_when says only what Ansible decides without it: every condition is the task's own
 * registered result tested as failed (`r is failed`, `r is failure`, `r is not succeeded`, `not r is
 * success`), which is the module's own failed flag.
 */
export function failsAsByDefault(node: YNode, register: string | undefined): boolean {
  if (register === undefined) return false;
  const items = node.kind === 'seq' ? node.items : [node];
  if (!items.length) return false;
  return items.every((item) => {
    const text = staticString(item);
    if (text === undefined || /\{\{|\{%/.test(text)) return false;
    const p = parseExpression(text);
    if (!p.ok) return false;
    let e = p.value;
    let negated = false;
    if (e.kind === 'unary' && e.op === 'not') {
      negated = true;
      e = e.node;
    }
    if (e.kind !== 'test' || e.node.kind !== 'name' || e.node.name !== register || e.args.length || e.kwargs.length) return false;
    if (e.dynArgs || e.dynKwargs) return false;
    const flip = negated !== e.negated;
    return flip ? ['success', 'succeeded'].includes(e.name) : ['failed', 'failure'].includes(e.name);
  });
}
