// include_vars of a static file: its variables become override attributes of the cookbook
// (include_vars outranks role vars in Ansible, as override outranks default in Chef).
import { join, insideRoot } from '../../ansible/input.js';
import { failed, Untranslatable } from '../failure.js';
import { firstFoundAttributes } from '../first-found.js';
import { staticString } from '../values.js';
import type { ModuleTranslator } from './types.js';

export const includeVarsModule: ModuleTranslator = (call) => {
  const platform = firstFoundAttributes(call.task, call.env, call.scope);
  if (failed(platform)) return platform;
  if (platform) {
    call.env.platformAttributes.push(...platform.attributes);
    const lines = ['include_vars of the first vars file found: a case on the platform in attributes/default.rb'];
    if (platform.dropped.length > 0) lines.push('candidates that can name none of the role\'s vars files on any host are left out:', ...platform.dropped.map((d) => `  ${d}`));
    return { stmts: [{ kind: 'comment', lines }] };
  }
  const node = call.arg('file') ?? call.task.freeForm;
  const file = staticString(node);
  if (!node || file === undefined) return new Untranslatable('A2C-TODO-INCLUDE-VARS', 'include_vars with a templated or missing file name is not converted', (node ?? call.task.node).span);
  for (const k of ['when', 'loop'] as const) {
    if (call.task.keywords.has(k)) return new Untranslatable('A2C-TODO-INCLUDE-VARS', `conditional include_vars (${k}) is not converted`, call.task.keywords.get(k)!.span);
  }
  if ([...call.task.keywords.keys()].some((k) => k.startsWith('with_'))) return new Untranslatable('A2C-TODO-INCLUDE-VARS', 'include_vars in a loop is not converted', call.task.span);
  const rel = join(file);
  if (!insideRoot(rel) || file.startsWith('/')) return new Untranslatable('A2C-PATH-ESCAPE', `vars file ${file} is outside the input; not read`, node.span);
  const path = [join(call.env.baseDir, 'vars', rel), join(call.env.baseDir, rel)].find((p) => call.env.input.has(p));
  if (!path) {
    return new Untranslatable('A2C-MISSING-FILE', `vars file ${file} not found`, node.span);
  }
  call.env.includedVars.push(path);
  return { stmts: [{ kind: 'comment', lines: [`include_vars ${file}: its variables are override attributes in attributes/default.rb`] }] };
};
