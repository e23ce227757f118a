// ansible.posix.authorized_key -> a2c_authorized_key through the table's parameter mapping, except a
// key given as a URL: the module fetches it (on the node) when the value starts with "http", which a
// converted run cannot reproduce faithfully without a fetch the converter does not write, so such a
// task stays a TODO. A templated key is refused the same way when its text starts with "http"; any
// other templated key that renders to a URL makes the resource fail on the node, never silently.
import { failed, Untranslatable } from '../../base/failure.js';
import { mapParams, resource } from './params.js';
import type { ModuleTranslator } from './types.js';

export const authorizedKeyModule: ModuleTranslator = (call) => {
  const key = call.arg('key');
  if (key?.kind === 'scalar' && typeof key.value === 'string' && key.value.startsWith('http'))
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'authorized_key with a key URL: the module downloads the keys; fetch them into the cookbook (or an attribute) instead',
      key.span,
    );
  const m = mapParams(call);
  if (failed(m)) return m;
  return { stmts: [resource(call, 'a2c_authorized_key', m, { k: 'str', v: call.task.name ?? call.spec.fqcn })] };
};
