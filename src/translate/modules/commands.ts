// command, shell and pip become execute resources.
// command does not use a shell: the argv form (an Array) keeps Chef from using one either.
import type { Property } from '../../ir/chef-ir.js';
import { call as rcall, str, type RExpr } from '../../ir/ruby-ast.js';
import { failed, Untranslatable } from '../../base/failure.js';
import { translateValue, staticString } from '../values.js';
import { hasJinja } from '../jinja-bridge.js';
import { shlexSplit } from '../../load/ansible/shlex.js';
import { bare, optional } from './common.js';
import { mapParams, resource } from './params.js';
import type { ModuleCall, ModuleTranslator, RunResult } from './types.js';
import type { Result } from '../../base/failure.js';
import type { VarScope } from '../jinja-bridge.js';
import { translateConditions } from '../values.js';
import { mayBeOmit, omitAsNil, scopeOmitTest } from '../omit-value.js';

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };

export const commandModule: ModuleTranslator = (call) => {
  if (call.register !== undefined) {
    const result = registeredCommand(call, call.register);
    return failed(result) ? result : { stmts: [], result };
  }
  const isShell = call.spec.fqcn === 'ansible.builtin.shell';
  const m = mapParams(call, { skip: new Set(['cmd', 'argv', 'removes', 'executable']) });
  if (failed(m)) return m;
  const argv = call.arg('argv');
  const textNode = call.arg('cmd') ?? call.task.freeForm;
  let command: RExpr;
  if (argv && !isShell) {
    const v = translateValue(argv, call.scope);
    if (failed(v)) return v;
    command = v;
  } else if (textNode) {
    const text = staticString(textNode);
    if (isShell) {
      const v = translateValue(textNode, call.scope);
      if (failed(v)) return v;
      // shell with another executable runs `executable -c command` (no /bin/sh in between).
      const exe = call.arg('executable');
      if (exe) {
        const e = staticString(exe);
        if (e !== undefined) command = { k: 'array', items: [str(e), str('-c'), v] };
        else {
          // Templated (a path a registered `which` found): read when the resource runs; one that may
          // template to omit would pick /bin/sh instead, which this form cannot say.
          const ev = translateValue(exe, call.scope);
          if (failed(ev)) return ev;
          if (mayBeOmit(ev, scopeOmitTest(call.scope)))
            return new Untranslatable('A2C-TODO-PARAM', 'a shell executable that may be omitted is not converted', exe.span);
          command = { k: 'array', items: [ev, str('-c'), v] };
        }
      } else command = v;
    } else if (text !== undefined) {
      const words = shlexSplit(text);
      if (!Array.isArray(words)) return new Untranslatable('A2C-TODO-COMMAND', 'command line has unbalanced quotes', textNode.span);
      command = { k: 'array', items: words.map(str) };
    } else {
      // Templated command line: Ansible splits after templating, so split at converge time.
      const v = translateValue(textNode, call.scope);
      if (failed(v)) return v;
      command = rcall({ k: 'const', path: ['A2C', 'Tasks'] }, 'shlex_split', [v]);
      m.notes.push('the templated command line is split into words at converge time (no shell, as in Ansible)');
    }
  } else {
    return new Untranslatable('A2C-TODO-PARAM', `${call.spec.fqcn} without a command`, call.task.span);
  }
  const label =
    call.task.name !== undefined
      ? str(call.task.name)
      : textNode && staticString(textNode) !== undefined
        ? str(staticString(textNode)!)
        : str(call.spec.fqcn);
  const props: Property[] = [{ name: 'command', value: command }, ...m.properties];
  const r = resource(call, 'execute', { ...m, properties: props, actions: [] }, label);
  delete r.identity;
  const removes = optional(call, 'removes');
  if (failed(removes)) return removes;
  if (removes) {
    const exists = rcall({ k: 'const', path: ['File'] }, 'exist?', [removes]);
    // A removes that is `omit` is left out: the command runs (A2C::Tasks.omit gives nil).
    const omitted = rcall(rcall(TASKS, 'omit', [removes]), 'nil?');
    const ruby: RExpr = mayBeOmit(removes, scopeOmitTest(call.scope)) ? { k: 'binop', op: '||', l: omitted, r: exists } : exists;
    r.guards.push({ kind: 'only_if', ruby });
  }
  return { stmts: [r] };
};

/**
 * The run of a registered command or shell: its command line and options, and the keywords that
 * change how it runs (environment, become_user) or what its result says (failed_when and
 * changed_when, which see the fresh result under the registered name).
 */
function registeredCommand(call: ModuleCall, name: string): Result<RunResult> {
  const { task, scope } = call;
  const isShell = call.spec.fqcn === 'ansible.builtin.shell';
  for (const a of task.args) {
    const known = isShell ? ['cmd', 'chdir', 'executable', 'creates', 'removes'] : ['cmd', 'argv', 'chdir', 'creates', 'removes'];
    if (!known.includes(a.key))
      return new Untranslatable(
        'A2C-TODO-REGISTER',
        `registered ${isShell ? 'shell' : 'command'} with '${a.key}' is not converted`,
        a.value.span,
      );
  }
  const textNode = call.arg('cmd') ?? task.freeForm;
  let command: RExpr;
  const argv = call.arg('argv');
  if (argv && !isShell) {
    const v = translateValue(argv, scope);
    if (failed(v)) return v;
    command = v;
  } else if (textNode) {
    const text = staticString(textNode);
    const v = translateValue(textNode, scope);
    if (failed(v)) return v;
    if (isShell) command = v;
    else if (text !== undefined) {
      const words = shlexSplit(text);
      if (!Array.isArray(words)) return new Untranslatable('A2C-TODO-COMMAND', 'command line has unbalanced quotes', textNode.span);
      command = { k: 'array', items: words.map(str) };
    } else command = rcall(TASKS, 'shlex_split', [v]);
  } else return new Untranslatable('A2C-TODO-PARAM', 'command without a command line', task.span);
  const kwargs: Array<[string, RExpr]> = [];
  // An argument that templates to `omit` is left out: nil, the helper's default (omit-value.ts).
  const omits = scopeOmitTest(scope);
  // The shell module runs [executable, '-c', command] (/bin/sh by default).
  const exe = isShell ? call.arg('executable') : undefined;
  if (exe) {
    const e = translateValue(exe, scope);
    if (failed(e)) return e;
    kwargs.push(['executable', omitAsNil(e, omits)]);
  }
  const chdir = call.arg('chdir');
  if (chdir) {
    const v = translateValue(chdir, scope);
    if (failed(v)) return v;
    kwargs.push(['cwd', omitAsNil(v, omits)]);
  }
  // creates/removes: globbed on the host before the command runs (A2C::Tasks.command_skip); a
  // relative one is looked for in the module's working directory, which only chdir names.
  for (const key of ['creates', 'removes'] as const) {
    const n = call.arg(key);
    if (!n) continue;
    const text = staticString(n);
    if (text !== undefined && !chdir && !/^[/~$]/.test(text))
      return new Untranslatable('A2C-TODO-PARAM', `${key} is a relative path and the task has no chdir`, n.span);
    const v = translateValue(n, scope);
    if (failed(v)) return v;
    kwargs.push([key, omitAsNil(v, omits)]);
  }
  for (const [kw, key] of [
    ['environment', 'environment'],
    ['user', 'become_user'],
  ] as const) {
    const n = task.keywords.get(key);
    if (!n) continue;
    const v = translateValue(n, scope);
    if (failed(v)) return v;
    kwargs.push([kw, v]);
  }
  for (const key of ['failed_when', 'changed_when'] as const) {
    const n = task.keywords.get(key);
    if (!n) continue;
    const inner: VarScope = { ...scope, locals: new Map([...scope.locals, [name, 'result']]) };
    const conds = translateConditions(n, inner);
    if (failed(conds)) return conds;
    const cond = conds.reduce((a, b) => ({ k: 'binop', op: '&&', l: a, r: b }));
    kwargs.push([key, rcall(undefined, 'lambda', [], { block: { params: ['result'], body: cond } })]);
  }
  return { helper: 'command', args: [command], kwargs, fails: true };
}

/** pip: an execute guarded by `pip show`, since Chef 18 has no pip resource. */
export const pipModule: ModuleTranslator = (call) => {
  const names = call.arg('name');
  const nameList = names?.kind === 'seq' ? names.items.map(staticString) : [staticString(names)];
  if (!names || nameList.some((n) => n === undefined || hasJinja(n)))
    return new Untranslatable('A2C-TODO-PARAM', 'pip needs static package names', (names ?? call.task.node).span);
  for (const a of call.task.args)
    if (!['name', 'state', 'version', 'virtualenv', 'executable', 'extra_args'].includes(a.key))
      return new Untranslatable('A2C-TODO-PARAM', `pip argument '${a.key}' is not converted`, a.value.span);
  // extra_args: the module splits them with shlex into the one pip command it always runs, so
  // with them the command runs on every run (an installed package's `pip show` decides nothing:
  // `--upgrade`, an index, a target can change what the command does to it).
  const extraNode = call.arg('extra_args');
  const extraText = extraNode === undefined ? '' : staticString(extraNode);
  if (extraText === undefined) return new Untranslatable('A2C-TODO-PARAM', 'pip extra_args from a value is not converted', extraNode!.span);
  const extra = shlexSplit(extraText);
  if (!Array.isArray(extra)) return new Untranslatable('A2C-TODO-PARAM', 'pip extra_args with unbalanced quotes', extraNode!.span);
  const state = staticString(call.arg('state')) ?? 'present';
  const venv = staticString(call.arg('virtualenv'));
  const pip = venv !== undefined ? `${venv}/bin/pip` : (staticString(call.arg('executable')) ?? 'pip3');
  const version = staticString(call.arg('version'));
  const pkgs = nameList as string[];
  if (version !== undefined && pkgs.length !== 1)
    return new Untranslatable('A2C-TODO-PARAM', 'pip version with several names', call.task.span);
  const spec = (n: string) => (version !== undefined ? `${n}==${version}` : n);
  const stmts = pkgs.map((n) => {
    const argv =
      state === 'absent'
        ? [pip, 'uninstall', '-y', ...extra, n]
        : state === 'latest'
          ? [pip, 'install', '--upgrade', ...extra, n]
          : [pip, 'install', ...extra, spec(n)];
    const r = bare(call, 'execute', str(`pip ${state} ${n}`), [{ name: 'command', value: { k: 'array', items: argv.map(str) } }]);
    const show = `${pip} show ${n}`;
    if (extra.length > 0) {
      if (state === 'absent') r.guards.push({ kind: 'only_if', command: str(show) });
      return r;
    }
    if (state === 'absent') r.guards.push({ kind: 'only_if', command: str(show) });
    else if (state !== 'latest' && version === undefined) r.guards.push({ kind: 'not_if', command: str(show) });
    else if (version !== undefined) r.guards.push({ kind: 'not_if', command: str(`${pip} show ${n} | grep -qx 'Version: ${version}'`) });
    return r;
  });
  if (!['present', 'absent', 'latest'].includes(state))
    return new Untranslatable('A2C-TODO-PARAM', `pip state ${state} is not converted`, call.task.span);
  return { stmts };
};
