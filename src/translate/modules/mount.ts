// ansible.posix.mount -> mount. `state: mounted` does more than Chef's [:mount, :enable]:
// - the module makes the mount point (mkdir -p); Chef's mount fails when it is missing;
// - it writes the fstab line first and, when the line changed and the path is mounted, remounts
//   (`mount -o remount`); Chef's :mount does nothing to a mounted filesystem.
// So: a directory, the fstab entry (:enable) notifying :remount to the mount immediately when it
// changed, then the mount (:mount). :remount acts only on a mounted filesystem and :mount only on
// an unmounted one, so a filesystem is either mounted or remounted, never both (as in the module).
// `supports remount: true`: Chef then runs `mount -o remount,<options>` like the module, instead of
// unmounting and mounting again.
import { bool, call as rcall, sym, type RExpr } from '../../ir/ruby-ast.js';
import type { ResourceStmt } from '../../ir/chef-ir.js';
import { failed, Untranslatable } from '../../base/failure.js';
import { staticString } from '../values.js';
import { bare } from './common.js';
import { mapParams, resource } from './params.js';
import type { ModuleTranslator } from './types.js';

const SUPPORTS_REMOUNT = { name: 'supports', value: { k: 'hash', pairs: [[sym('remount'), bool(true)]] } as RExpr };

export const mountModule: ModuleTranslator = (call) => {
  const stateNode = call.arg('state');
  if (!stateNode) return new Untranslatable('A2C-TODO-PARAM', 'mount needs state (the module requires it)', call.task.span);
  const state = staticString(stateNode);
  if (state === undefined)
    return new Untranslatable(
      'A2C-TODO-DYNAMIC-ACTION',
      'mount state must be static: it decides which resources the task becomes',
      stateNode.span,
    );
  if (['mounted', 'present'].includes(state)) {
    // The module fails without them; Chef would write fstype 'auto'.
    const missing = ['src', 'fstype'].filter((a) => !call.arg(a));
    if (missing.length)
      return new Untranslatable(
        'A2C-TODO-PARAM',
        `state ${state} needs ${missing.join(' and ')} (the module fails without)`,
        call.task.span,
      );
  }
  const m = mapParams(call);
  if (failed(m)) return m;
  // pass matters only where the fstab line is written: the module's 0 is not repeated elsewhere.
  if (!['mounted', 'present'].includes(state) && !call.arg('passno')) m.properties = m.properties.filter((p) => p.name !== 'pass');
  const path = m.identity?.value;
  if (!path) return new Untranslatable('A2C-TODO-PARAM', 'mount needs path', call.task.span);
  if (state === 'remounted') m.properties.push(SUPPORTS_REMOUNT);
  if (state !== 'mounted') return { stmts: [resource(call, 'mount', m, path)] };

  const mount = resource(call, 'mount', { ...m, properties: [...m.properties, SUPPORTS_REMOUNT], actions: ['mount'] }, path);
  const fstabName: RExpr = { k: 'interp', parts: [...(path.k === 'interp' ? path.parts : [path]), ' (fstab)'] };
  const fstab: ResourceStmt = {
    ...resource(call, 'mount', { ...m, name: fstabName, properties: [m.identity!, ...m.properties], actions: ['enable'] }, fstabName),
    identity: m.identity!,
    auxiliary: true,
    notes: ['a changed fstab line remounts a mounted filesystem, as the module does'],
  };
  fstab.notifies.push({ action: 'remount', resourceType: 'mount', resourceName: mount.name, timing: 'immediately' });
  // Only a missing mount point is made: an existing file stays (a bind-mounted socket or file).
  const dir = {
    ...bare(call, 'directory', path, [{ name: 'recursive', value: bool(true) }], [], 'path'),
    auxiliary: true,
    notes: ['the module makes the mount point when it is missing'],
  };
  dir.guards.push({ kind: 'not_if', ruby: rcall({ k: 'const', path: ['File'] }, 'exist?', [path]) });
  return { stmts: [dir, fstab, mount] };
};
