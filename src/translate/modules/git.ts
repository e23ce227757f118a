// git: Chef's git resource, with the module's treatment of local modifications. With update (the
// default) the module fails when an existing checkout has local modifications (untracked files do
// not count) unless force: yes; Chef's :sync would reset them away, so a check runs first.
import { call as rcall, str, type RExpr } from '../../ir/ruby-ast.js';
import { failed, Untranslatable } from '../../base/failure.js';
import { strictBool } from '../task/strict-bool.js';
import { staticBool } from '../values.js';
import { bare } from './common.js';
import { mapParams, resource } from './params.js';
import type { ModuleTranslator } from './types.js';

const MODULES: RExpr = { k: 'const', path: ['A2C', 'Modules'] };

export const gitModule: ModuleTranslator = (call) => {
  if (!call.arg('dest')) return new Untranslatable('A2C-TODO-PARAM', 'git without dest (clone: no) is not converted', call.task.span);
  const m = mapParams(call, { skip: new Set(['recursive']) });
  if (failed(m)) return m;
  // A module boolean (yes/no/on/off...), converted as Ansible converts it.
  const recursiveNode = call.arg('recursive');
  const recursive = recursiveNode ? strictBool(recursiveNode, 'recursive', call.scope) : ({ k: 'bool', v: true } as RExpr);
  if (failed(recursive)) return recursive;
  m.properties.push({ name: 'enable_submodules', value: recursive });
  const git = resource(call, 'git', m, str('git'));
  const forceNode = call.arg('force');
  const force = forceNode ? staticBool(forceNode) : false;
  if (force === undefined) return new Untranslatable('A2C-TODO-PARAM', 'git force must be a literal boolean', forceNode!.span);
  if (force || m.actions[0] === 'checkout') return { stmts: [git] };
  if (m.actionExpr)
    return new Untranslatable('A2C-TODO-PARAM', 'git with a templated update and force: no is not converted', call.arg('update')!.span);
  const check = bare(call, 'ruby_block', { k: 'interp', parts: ['git local modifications in ', git.name] }, [
    { name: 'block', value: rcall(MODULES, 'git_unmodified!', [git.name]), block: true },
  ]);
  return {
    stmts: [
      { ...check, auxiliary: true, notes: ['force: no: the module fails on local modifications; git :sync would discard them'] },
      git,
    ],
  };
};
