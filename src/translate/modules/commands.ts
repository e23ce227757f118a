// command, shell and pip become execute resources.
// command does not use a shell: the argv form (an Array) keeps Chef from using one either.
import type { Property } from '../../chef/ir.js';
import { call as rcall, str, type RExpr } from '../../ruby/ast.js';
import { failed, Untranslatable } from '../failure.js';
import { translateValue, staticString } from '../values.js';
import { hasJinja } from '../jinja-bridge.js';
import { shlexSplit } from '../../ansible/shlex.js';
import { bare, optional } from './common.js';
import { mapParams, resource } from './params.js';
import type { ModuleTranslator } from './types.js';

export const commandModule: ModuleTranslator = (call) => {
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
        if (e === undefined) return new Untranslatable('A2C-TODO-PARAM', 'shell executable must be a static path', exe.span);
        command = { k: 'array', items: [str(e), str('-c'), v] };
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
  const label = call.task.name !== undefined ? str(call.task.name) : textNode && staticString(textNode) !== undefined ? str(staticString(textNode)!) : str(call.spec.fqcn);
  const props: Property[] = [{ name: 'command', value: command }, ...m.properties];
  const r = resource(call, 'execute', { ...m, properties: props, actions: [] }, label);
  delete r.identity;
  const removes = optional(call, 'removes');
  if (failed(removes)) return removes;
  if (removes) r.guards.push({ kind: 'only_if', ruby: rcall({ k: 'const', path: ['File'] }, 'exist?', [removes]) });
  return { stmts: [r] };
};

/** pip: an execute guarded by `pip show`, since Chef 18 has no pip resource. */
export const pipModule: ModuleTranslator = (call) => {
  const names = call.arg('name');
  const nameList = names?.kind === 'seq' ? names.items.map(staticString) : [staticString(names)];
  if (!names || nameList.some((n) => n === undefined || hasJinja(n))) return new Untranslatable('A2C-TODO-PARAM', 'pip needs static package names', (names ?? call.task.node).span);
  for (const a of call.task.args) if (!['name', 'state', 'version', 'virtualenv', 'executable'].includes(a.key)) return new Untranslatable('A2C-TODO-PARAM', `pip argument '${a.key}' is not converted`, a.value.span);
  const state = staticString(call.arg('state')) ?? 'present';
  const venv = staticString(call.arg('virtualenv'));
  const pip = venv !== undefined ? `${venv}/bin/pip` : staticString(call.arg('executable')) ?? 'pip3';
  const version = staticString(call.arg('version'));
  const pkgs = nameList as string[];
  if (version !== undefined && pkgs.length !== 1) return new Untranslatable('A2C-TODO-PARAM', 'pip version with several names', call.task.span);
  const spec = (n: string) => (version !== undefined ? `${n}==${version}` : n);
  const stmts = pkgs.map((n) => {
    const argv =
      state === 'absent' ? [pip, 'uninstall', '-y', n] : state === 'latest' ? [pip, 'install', '--upgrade', n] : [pip, 'install', spec(n)];
    const r = bare(call, 'execute', str(`pip ${state} ${n}`), [{ name: 'command', value: { k: 'array', items: argv.map(str) } }]);
    const show = `${pip} show ${n}`;
    if (state === 'absent') r.guards.push({ kind: 'only_if', command: str(show) });
    else if (state !== 'latest' && version === undefined) r.guards.push({ kind: 'not_if', command: str(show) });
    else if (version !== undefined) r.guards.push({ kind: 'not_if', command: str(`${pip} show ${n} | grep -qx 'Version: ${version}'`) });
    return r;
  });
  if (!['present', 'absent', 'latest'].includes(state)) return new Untranslatable('A2C-TODO-PARAM', `pip state ${state} is not converted`, call.task.span);
  return { stmts };
};
