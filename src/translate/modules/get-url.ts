// get_url -> remote_file. Without force, Ansible 2.14 asks the server for the file with
// If-Modified-Since set to the existing file's modification time and replaces the file only on a
// 200 whose content differs (its documentation says "only if the destination does not exist", but
// the module sends the conditional request; measured against a real server). Chef's own
// conditional GET uses the times it cached from earlier runs instead, so it is switched off and the
// header is computed from the file when the resource converges. With force, or with a checksum
// (a matching file is kept, another is downloaded again and verified), remote_file's :create does
// what the module does.
import { call as rcall, bool, type RExpr } from '../../ruby/ast.js';
import { failed, Untranslatable } from '../failure.js';
import { strictBool } from '../strict-bool.js';
import { mapParams, resource } from './params.js';
import type { ModuleTranslator } from './types.js';

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };

export const getUrlModule: ModuleTranslator = (call) => {
  const m = mapParams(call, { skip: new Set(['force']) });
  if (failed(m)) return m;
  const forceNode = call.arg('force');
  const force = forceNode ? strictBool(forceNode, 'force', call.scope) : bool(false);
  if (failed(force)) return force;
  if (force.k !== 'bool') return new Untranslatable('A2C-TODO-PARAM', 'get_url force must be static: it decides whether the file is fetched again', forceNode!.span);
  const hasChecksum = m.properties.some((p) => p.name === 'checksum');
  if (!force.v && !hasChecksum) {
    const path = m.identity?.value;
    if (!path) return new Untranslatable('A2C-TODO-PARAM', 'get_url needs dest', call.task.span);
    const given = m.properties.find((p) => p.name === 'headers');
    m.properties = m.properties.filter((p) => p !== given);
    m.properties.push(
      { name: 'headers', value: { k: 'lazy', e: rcall(TASKS, 'if_modified_since', given ? [path, given.value] : [path]) } },
      { name: 'use_etag', value: bool(false) },
      { name: 'use_last_modified', value: bool(false) },
    );
    m.notes.push('force: no -> fetched only when the server says the file changed after the existing one was written (If-Modified-Since, as Ansible asks)');
  }
  return { stmts: [resource(call, 'remote_file', m, { k: 'str', v: call.task.name ?? call.spec.fqcn })] };
};
