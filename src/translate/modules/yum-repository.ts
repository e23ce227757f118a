// yum_repository: Chef's yum_repository writes the repository to <repositoryid>.repo; the module
// writes it to <file>.repo, file defaulting to the name. A file equal to the name (or omitted)
// converts; a static other name is a TODO, a templated one is checked when the recipe compiles
// (A2C::Modules.yum_repo_file fails the run on another name).
import { call as rcall, str, type RExpr } from '../../ir/ruby-ast.js';
import { failed, Untranslatable } from '../../base/failure.js';
import { staticString, translateValue } from '../values.js';
import { mapParams, resource } from './params.js';
import type { ModuleTranslator } from './types.js';

const MODULES: RExpr = { k: 'const', path: ['A2C', 'Modules'] };

export const yumRepositoryModule: ModuleTranslator = (call) => {
  const fileNode = call.arg('file');
  const m = mapParams(call, { skip: new Set(['file']) });
  if (failed(m)) return m;
  const fallback = str(call.task.name ?? call.spec.fqcn);
  if (!fileNode) return { stmts: [resource(call, 'yum_repository', m, fallback)] };
  if (!m.name) return new Untranslatable('A2C-TODO-PARAM', 'yum_repository with file needs a name', call.task.span);
  const file = staticString(fileNode);
  if (file !== undefined && m.name.k === 'str') {
    if (file !== m.name.v)
      return new Untranslatable(
        'A2C-TODO-PARAM',
        `argument 'file' of ansible.builtin.yum_repository: repo file ${file}.repo is not named after the repository (Chef's yum_repository writes ${m.name.v}.repo)`,
        fileNode.span,
      );
    m.notes.push('file: the repository name, the file Chef names it by');
    return { stmts: [resource(call, 'yum_repository', m, fallback)] };
  }
  const f = file !== undefined ? str(file) : translateValue(fileNode, call.scope);
  if (failed(f)) return f;
  const name = rcall(MODULES, 'yum_repo_file', [m.name, f]);
  return { stmts: [resource(call, 'yum_repository', { ...m, name, identity: { name: 'repositoryid', value: name } }, fallback)] };
};
