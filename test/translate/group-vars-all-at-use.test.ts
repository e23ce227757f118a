// A group_vars/all value reading what is known only while tasks run (another host's variables
// through hostvars, OSA's `rabbitmq_servers` and the `oslomsg_*_servers` reading it) is computed
// at each read, as a role's own value is: group_vars/all holds on every host, so no choice of group
// is made on the node. A host-level value (host_vars) is read first where a host has one; a role
// default of the name is outranked. Rendered both ways per host (ansible-playbook, and the
// converted nodes compiled with their ERB rendered by test/tools/hostvars-render.rb). A name with
// another group-level value (which applies depends on the host's groups) stays a TODO.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, formatDiagnostic, outputText, type TextTree } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { REPO_ROOT, SHARED } from '../helpers/shared.js';
import { resourceSchema } from '../../src/scripts/chef-compile.js';

const HOSTS = ['db1', 'db2', 'db3'];

function project(out: string): TextTree {
  return {
    'site.yml': '- hosts: db\n  gather_facts: false\n  connection: local\n  roles: [r]\n',
    'inventory.ini': ['[db]', 'db1 addr=2001:db8::1', 'db2 addr=192.0.2.2', 'db3 addr=192.0.2.3', ''].join('\n'),
    'group_vars/all.yml': [
      "servers: \"{{ groups['db'] | map('extract', hostvars, 'addr') | list | join(',') }}\"",
      'rpc_servers: "{{ servers }}"',
      "first: \"{{ hostvars[groups['db'][0]]['addr'] }}\"",
      '',
    ].join('\n'),
    // db2 sets rpc_servers itself: its host value wins over the group's.
    'host_vars/db2.yml': 'rpc_servers: own\n',
    // Outranked by group_vars/all on every host.
    'roles/r/defaults/main.yml': 'servers: role-default\nr_servers: "{{ rpc_servers }}"\n',
    'roles/r/tasks/main.yml': `- name: render\n  template: { src: t.j2, dest: "${out}/{{ inventory_hostname }}.txt" }\n  when: first | length > 0\n`,
    'roles/r/templates/t.j2': 'servers={{ servers }} rpc={{ rpc_servers }} r={{ r_servers }} first={{ first }}\n',
  };
}

function writeTree(dir: string, files: ReadonlyMap<string, string | Uint8Array> | Record<string, string | Uint8Array>): void {
  for (const [path, content] of files instanceof Map ? files : Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

describe('group_vars/all values that read hostvars', () => {
  it('are computed at each read, not written as attributes', async () => {
    const r = await convertProject(project('/tmp'));
    expect(r.diagnostics.filter((d) => /TODO/.test(d.code)).map(formatDiagnostic)).toEqual([]);
    expect(r.stats.todo).toBe(0);
    const erb = outputText(r, 'r/templates/t.erb');
    expect(erb).toContain('host_node');
    // The outranked role default is not written; the host value is (db2's node file).
    for (const [path, text] of r.files) if (path.endsWith('.rb')) expect(String(text), path).not.toContain('role-default');
    expect(JSON.parse(outputText(r, 'nodes/db2.json')).normal.ansible.rpc_servers).toBe('own');
  });

  it('stay TODOs where another group-level value may apply', async () => {
    const r = await convertProject({ ...project('/tmp'), 'group_vars/db.yml': "servers: \"{{ hostvars['db1']['addr'] }}\"\n" });
    const todo = r.diagnostics.filter((d) => d.code === 'A2C-TODO-DEFERRED').map((d) => d.message);
    expect(todo.some((m) => /variable servers: its group_vars\/\* value reads hostvars/.test(m))).toBe(true);
    expect(r.stats.todo).toBeGreaterThan(0);
  });

  const tools = requireOrSkip('ansible-playbook, ruby and erubis', hasTool('ansible-playbook') && hasTool('ruby'));
  it.skipIf(!tools)(
    'render byte-identically on every host with ansible-playbook and on every converted node',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-group-all-'));
      try {
        const play = join(dir, 'play');
        const rendered = join(dir, 'rendered');
        mkdirSync(rendered);
        writeTree(play, project(rendered));
        const run = spawnSync('/usr/bin/python3', ['/usr/bin/ansible-playbook', '-i', 'inventory.ini', 'site.yml'], {
          cwd: play,
          encoding: 'utf8',
          env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_DEPRECATION_WARNINGS: 'False' },
        });
        expect(run.status, run.stdout + run.stderr).toBe(0);
        const want = Object.fromEntries(HOSTS.map((h) => [h, readFileSync(join(rendered, `${h}.txt`), 'utf8')]));
        const all = '2001:db8::1,192.0.2.2,192.0.2.3';
        expect(want['db1']).toBe(`servers=${all} rpc=${all} r=${all} first=2001:db8::1\n`);
        expect(want['db2']).toBe(`servers=${all} rpc=own r=own first=2001:db8::1\n`);

        const out = join(dir, 'out');
        writeTree(out, (await convertProject(project(rendered))).files);
        const input = { cookbooks: out, resources: resourceSchema(join(SHARED, 'chef/resources.json')) };
        const r = spawnSync('ruby', [join(REPO_ROOT, 'test/tools/hostvars-render.rb')], { input: JSON.stringify(input), encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        const got = JSON.parse(r.stdout) as Record<string, unknown[]>;
        expect(Object.fromEntries(HOSTS.map((h) => [h, got[h]?.[0]]))).toEqual(want);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
