// group_vars/ and host_vars/ beside the playbooks outrank those beside the inventory (Ansible's
// variable precedence); Ansible loads both, variable by variable. The conversion places a group's
// files in the order the loader lists them, a later file's value winning, so the loader must list
// the inventory's first: listed the other way round, the inventory's value silently won.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const files = (out: string): Record<string, string> => ({
  'ansible.cfg': '[defaults]\ninventory = inventory/hosts.ini\n',
  'inventory/hosts.ini': '[web]\nh1 ansible_connection=local\n',
  'inventory/group_vars/all.yml': 'x: from_inventory_dir\ny: inventory_only\n',
  'group_vars/all.yml': 'x: from_playbook_dir\n',
  'inventory/host_vars/h1.yml': 'z: host_from_inventory_dir\n',
  'host_vars/h1.yml': 'z: host_from_playbook_dir\n',
  'roles/r/tasks/main.yml': `- copy:\n    content: "{{ x }} {{ y }} {{ z }}"\n    dest: ${out}\n`,
  'site.yml': '- hosts: web\n  gather_facts: false\n  roles: [r]\n',
});

/** The value a Ruby/JSON text assigns last to the attribute `name` (the one Chef keeps). */
function lastAssigned(text: string, name: string): string | undefined {
  const ruby = [...text.matchAll(new RegExp(`\\['${name}'\\] = '([^']*)'`, 'g'))].map((m) => m[1]);
  return ruby.at(-1);
}

describe('group_vars and host_vars beside the playbooks and beside the inventory', () => {
  it('converts to the values Ansible takes: the playbook folder wins, the inventory-only variable is kept', async () => {
    const result = await convertProject(files('/tmp/unused'));
    const policy = outputText(result, 'policyfiles/site.rb');
    expect(lastAssigned(policy, 'x')).toBe('from_playbook_dir');
    expect(lastAssigned(policy, 'y')).toBe('inventory_only');
    const node = JSON.parse(outputText(result, 'nodes/h1.json')) as { normal: { ansible: Record<string, unknown> } };
    expect(node.normal.ansible['z']).toBe('host_from_playbook_dir');
  });

  it.skipIf(!requireOrSkip('ansible-playbook', hasTool('ansible-playbook')))('matches what ansible-playbook renders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-varsdirs-'));
    try {
      const out = join(dir, 'out.txt');
      for (const [path, text] of Object.entries(files(out))) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const run = spawnSync('ansible-playbook', ['site.yml'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
      });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe('from_playbook_dir inventory_only host_from_playbook_dir');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
