// The attributes of a group's vars for the plays of the project. Every play whose pattern names
// the group (group_vars/all: every play) wrote them from the same values, so an estate of many
// plays translated the same files once per play (23 times in the corpus's OSA estate). They are
// translated once, unless their translation asked what changes from one play to the next: the
// play's hosts (play-hosts.ts), or a registered result, which the tasks of the play's playbook
// (translated before them) may have registered. Nothing else of a playbook's scope (rootScope)
// differs from another's where no role reads: its cookbook decides only a role's reads of its own
// attributes (jinja-bridge.ts attributeRead). An audit fix applied to one of them is applied once
// too: its output, one object, is found wherever the attribute is written (FixPlan.produces).
import type { Attribute } from '../ir/chef-ir.js';
import type { VarFile } from '../load/ansible/model.js';
import { attributesFrom } from './attributes.js';
import type { TranslateContext } from './context.js';
import type { VarScope } from './jinja-bridge.js';
import { PLAY_HOST_NAMES } from './play-hosts.js';
import type { Registered } from './task/register.js';

/** A map read through `get` (or whole), telling `read` of each name looked up. */
class WatchedMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly inner: ReadonlyMap<string, V>,
    private readonly read: (name: string | undefined, found: V | undefined) => void,
  ) {}
  get(name: string): V | undefined {
    const found = this.inner.get(name);
    this.read(name, found);
    return found;
  }
  has(name: string): boolean {
    this.read(name, this.inner.get(name));
    return this.inner.has(name);
  }
  // A read of the whole map depends on all of it.
  get size(): number {
    this.read(undefined, undefined);
    return this.inner.size;
  }
  forEach(f: (value: V, name: string, map: ReadonlyMap<string, V>) => void): void {
    this.read(undefined, undefined);
    this.inner.forEach((v, k) => f(v, k, this));
  }
  entries(): MapIterator<[string, V]> {
    this.read(undefined, undefined);
    return this.inner.entries();
  }
  keys(): MapIterator<string> {
    this.read(undefined, undefined);
    return this.inner.keys();
  }
  values(): MapIterator<V> {
    this.read(undefined, undefined);
    return this.inner.values();
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

/** Group attributes by key, translated once for the project (groupAttributes). */
export type GroupAttributeCache = Map<string, Attribute[]>;

/**
 * The attributes of group vars files (`key` names them: the same key, the same files) in `scope`, a
 * playbook's scope, whose play changes from call to call; `known` holds those that read nothing
 * of the play or playbook, for every playbook.
 */
export function groupAttributes(
  scope: VarScope,
  ctx: TranslateContext,
  known: GroupAttributeCache,
): (key: string, files: VarFile[]) => Attribute[] {
  let playDependent = false;
  const { magic, registered } = scope;
  const watched: VarScope = {
    ...scope,
    ...(magic
      ? {
          magic: (name: string) => {
            if (PLAY_HOST_NAMES.has(name)) playDependent = true;
            return magic(name);
          },
        }
      : {}),
    ...(registered
      ? {
          registered: new WatchedMap<Registered>(registered, (name, found) => {
            if (name === undefined || found !== undefined || scope.registerNames?.has(name)) playDependent = true;
          }),
        }
      : {}),
  };
  return (key, files) => {
    const same = known.get(key);
    if (same) return same;
    playDependent = false;
    const attrs = attributesFrom(files, 'default', watched, ctx.sink, ctx.text, ctx.vaults);
    if (!playDependent) known.set(key, attrs);
    return attrs;
  };
}
