// The OpenStack-Ansible estate as one input, the reference migration (issue 16): an operator converts
// the plugins' playbooks, the roles they run (under roles/<name>) and openstack-ansible's inventory
// with its group_vars together, where the per-entry corpus figure converts each repository alone.
// Assembled at run time by copying the corpus folders into a temporary directory (symlinks out of
// the input are not followed); nothing of the corpus is kept in the project.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Role folder name in the estate -> corpus entry holding the role. */
const ROLES: Readonly<Record<string, string>> = {
  galera_server: 'openstack__openstack-ansible-galera_server',
  haproxy_server: 'openstack__openstack-ansible-haproxy_server',
  memcached_server: 'openstack__openstack-ansible-memcached_server',
  os_cinder: 'openstack__openstack-ansible-os_cinder',
  os_glance: 'openstack__openstack-ansible-os_glance',
  os_keystone: 'openstack__openstack-ansible-os_keystone',
  rabbitmq_server: 'openstack__openstack-ansible-rabbitmq_server',
  pki: 'openstack__ansible-role-pki',
};
const PLAYBOOKS = 'openstack__openstack-ansible-plugins/playbooks';
const INVENTORY = 'openstack__openstack-ansible/inventory';

/** As `cp -r`: links copied as they are. */
const COPY = { recursive: true, verbatimSymlinks: true } as const;

export const ESTATE_LABEL = 'OSA estate converted as one input';

/**
 * Copies the estate out of corpus `root` into a new temporary folder holding one entry, `osa`, and
 * returns that folder with a function removing it; undefined when the corpus lacks a part.
 */
export function assembleEstate(root: string): { dir: string; remove: () => void } | undefined {
  const parts = [...Object.values(ROLES), PLAYBOOKS, INVENTORY].map((p) => join(root, p));
  if (!parts.every((p) => existsSync(p))) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'a2c-estate-'));
  const osa = join(dir, 'osa');
  for (const [name, entry] of Object.entries(ROLES)) cpSync(join(root, entry), join(osa, 'roles', name), COPY);
  mkdirSync(join(osa, 'playbooks'), COPY);
  for (const f of readdirSync(join(root, PLAYBOOKS))) cpSync(join(root, PLAYBOOKS, f), join(osa, 'playbooks', f), COPY);
  cpSync(join(root, INVENTORY), join(osa, 'inventory'), COPY);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
