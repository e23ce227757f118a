// Module names resolved as Ansible resolves them: mappings/module-routing.toml must be ansible-core's
// own routing (compared with the installed ansible-core's ansible_builtin_runtime.yml, so a new
// release's routing fails here instead of converting a name to the wrong module), and every name the
// converter resolves (the table's names, their ansible.builtin./ansible.legacy. spellings, the names
// Ansible routes to a module the table holds) must run the module Ansible's plugin loader finds.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinModuleTable } from '../../src/mapping/builtin.js';
import { moduleRouteEntries } from '../../src/mapping/module-routing.js';
import { canonicalModule } from '../../src/mapping/modules.js';
import { convertRole } from '../helpers/convert-helpers.js';
import { hasPythonModule, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TABLE = join(ROOT, 'mappings/module-routing.toml');
const haveAnsible = requireOrSkip('ansible (Python API under /usr/bin/python3)', hasPythonModule('ansible'));

interface AnsibleSide {
  routing: Record<string, string>;
  tombstones: string[];
  resolved: Array<{ ansible: string | null; same: boolean }>;
}

function askAnsible(pairs: Array<[string, string]>): AnsibleSide {
  const r = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-routing-ansible.py')], {
    input: JSON.stringify({ pairs }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ANSIBLE_DEPRECATION_WARNINGS: 'False' },
  });
  if (r.status !== 0) throw new Error(`module-routing-ansible.py failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as AnsibleSide;
}

/** Every name the converter resolves that a task may be written with. */
function namesToCheck(routes: Map<string, string>): string[] {
  const table = builtinModuleTable();
  const names = new Set<string>([...table.modules.keys(), ...table.aliases.keys()]);
  for (const a of table.aliases.keys()) if (!a.includes('.')) names.add(`ansible.builtin.${a}`).add(`ansible.legacy.${a}`);
  for (const [short, fqcn] of routes)
    if (table.modules.has(fqcn)) names.add(short).add(`ansible.builtin.${short}`).add(`ansible.legacy.${short}`);
  for (const n of ['make', 'ansible.builtin.make', 'zypper_repository', 'ansible.builtin.zypper_repository']) names.add(n);
  return [...names].sort();
}

describe('module routing', () => {
  it("resolves ansible-core's spellings of a moved module to the table's entry", () => {
    const t = builtinModuleTable();
    for (const n of ['authorized_key', 'ansible.builtin.authorized_key', 'ansible.legacy.authorized_key', 'ansible.posix.authorized_key'])
      expect(canonicalModule(t, n)).toBe('ansible.posix.authorized_key');
    // Routed, though the table holds no entry: the report names the module Ansible would run.
    expect(canonicalModule(t, 'make')).toBe('community.general.make');
    expect(canonicalModule(t, 'ansible.builtin.zypper_repository')).toBe('community.general.zypper_repository');
    // A collection's own name, or one nobody routes, stays as written.
    expect(canonicalModule(t, 'my.coll.thing')).toBe('my.coll.thing');
    expect(canonicalModule(t, 'my_library_module')).toBe('my_library_module');
  });

  it('converts a task written with a routed builtin name as the module it runs', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- ansible.builtin.authorized_key:\n    user: deploy\n    key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE0 deploy@example\n',
    });
    expect(r.tasks.map((t) => [t.module, t.outcome])).toEqual([['ansible.posix.authorized_key', 'converted']]);
  });

  it.skipIf(!haveAnsible)("is ansible-core's routing, entry for entry", () => {
    const ours = moduleRouteEntries(readFileSync(TABLE, 'utf8'));
    const theirs = askAnsible([]);
    const missing = Object.entries(theirs.routing).filter(([k, v]) => ours.get(k) !== v);
    const extra = [...ours].filter(([k]) => !(k in theirs.routing));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    // Removed modules are refused by Ansible: nothing routes them.
    for (const t of theirs.tombstones) expect(ours.has(t)).toBe(false);
  });

  it.skipIf(!haveAnsible)("resolves every name to the module Ansible's plugin loader runs", () => {
    const t = builtinModuleTable();
    const names = namesToCheck(moduleRouteEntries(readFileSync(TABLE, 'utf8')));
    const pairs = names.map((n): [string, string] => [n, canonicalModule(t, n)]);
    const { resolved } = askAnsible(pairs);
    const wrong = pairs.flatMap(([name, ours], i) =>
      resolved[i]!.ansible !== null && !resolved[i]!.same ? [{ name, ours, ansible: resolved[i]!.ansible }] : [],
    );
    expect(wrong).toEqual([]);
    // Not vacuous: most names resolve on a machine with Debian's ansible collections.
    expect(resolved.filter((x) => x.ansible !== null).length).toBeGreaterThan(names.length / 2);
  });
});
