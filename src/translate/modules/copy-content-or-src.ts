// copy given both `content` and `src`, each `default(omit)` per loop item (an item names one or the
// other): the module takes them as mutually exclusive, and a src is a file on the controller the
// input need not hold. The items giving content convert (file with that content); an item whose src
// is not omitted fails the run when the recipe compiles (A2C::Modules.copy_content), as does one
// giving neither, which the module refuses too.
import { call as rcall, someExpr, str, type RExpr } from '../../ir/ruby-ast.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { scopeOmitTest } from '../omit-value.js';
import { staticString, translateValue } from '../values.js';
import { mapParams, resource } from './params.js';
import type { ModuleCall, ModuleOutput } from './types.js';

const MODULES: RExpr = { k: 'const', path: ['A2C', 'Modules'] };

export function contentUnlessSrc(call: ModuleCall): Result<ModuleOutput> {
  const srcNode = call.arg('src')!;
  const todo = new Untranslatable(
    'A2C-TODO-PARAM',
    'copy with both content and src (one of them omitted at run time) is not converted',
    srcNode.span,
  );
  if (staticString(srcNode) !== undefined || staticString(call.arg('content')) !== undefined) return todo;
  const src = translateValue(srcNode, call.scope);
  if (failed(src)) return src;
  // A src that is never omitted makes every item fail in Ansible: nothing to convert.
  if (!someExpr(src, scopeOmitTest(call.scope))) return todo;
  const m = mapParams(call, { skip: new Set(['src']) });
  if (failed(m)) return m;
  const content = m.properties.find((p) => p.name === 'content');
  if (!content) return todo;
  content.value = rcall(MODULES, 'copy_content', [content.value, src]);
  call.env.notes.add(
    'copy with content or src per item: the items giving content are written; one whose src is not omitted fails the run (its file is on the controller)',
  );
  return { stmts: [resource(call, 'file', m, str('file'))] };
}
