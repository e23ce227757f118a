// `hostvars['localhost']['x']` where the inventory's localhost (OpenStack-Ansible's deploy host)
// sets x from `groups` alone: the value is the same on every node, so it is computed in place, in a
// task, a template and a group_vars value reading it (OSA's cinder_all
// `cinder_service_backup_program_enabled: "{{ hostvars['localhost'][...] }}"`). Rendered both ways:
// ansible-playbook writes each host's template, the converted output is compiled per node file and
// its ERB rendered on each node (test/tools/hostvars-render.rb). Any other localhost value stays a TODO.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, formatDiagnostic, outputText, type TextTree } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { REPO_ROOT, SHARED } from '../helpers/shared.js';
import { resourceSchema } from '../../src/scripts/chef-compile.js';

const HOSTS = ['db1', 'db2'];

const TEMPLATE = [
  'backup={{ backup }} store={{ store }} direct={{ hostvars["localhost"]["backup"] }}',
  '{% if backup %}on{% else %}off{% endif %} {{ hostvars.localhost.swift_count }}',
  '',
].join('\n');

/**
 * The project; `swift` lists the hosts of group swift_all (none: no such group; an empty group
 * declared in the inventory is left out of the converted groups, read as one to be filled).
 */
function project(out: string, swift: string[]): TextTree {
  return {
    'site.yml': '- hosts: db\n  gather_facts: false\n  connection: local\n  roles: [r]\n',
    'inventory.ini': [
      '[all]',
      'localhost ansible_connection=local',
      '[db]',
      ...HOSTS,
      ...(swift.length ? ['[swift_all]', ...swift] : []),
      '',
    ].join('\n'),
    // A group value reading localhost's, over a role default of the same name (group_vars win).
    'group_vars/db.yml':
      "backup: \"{{ hostvars['localhost']['backup'] }}\"\nstore: \"{{ hostvars.localhost.backup | ternary('swift', 'file') }}\"\n",
    'host_vars/localhost/main.yml': [
      "backup: \"{{ groups['swift_all'] is defined and groups['swift_all'] | length > 0 }}\"",
      'swift_count: "{{ groups[\'swift_all\'] | default([]) | length }}"',
      '',
    ].join('\n'),
    'roles/r/defaults/main.yml': 'backup: false\n',
    'roles/r/tasks/main.yml': [
      '- name: render',
      `  template: { src: t.j2, dest: "${out}/{{ inventory_hostname }}.txt" }`,
      '  when: hostvars["localhost"]["backup"] or not hostvars["localhost"]["backup"]',
      '',
    ].join('\n'),
    'roles/r/templates/t.j2': TEMPLATE,
  };
}

function writeTree(dir: string, files: ReadonlyMap<string, string | Uint8Array> | Record<string, string | Uint8Array>): void {
  for (const [path, content] of files instanceof Map ? files : Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

const todos = async (files: TextTree): Promise<string[]> => {
  const r = await convertProject({ ...project('/tmp', []), ...files });
  return r.diagnostics.filter((d) => /TODO/.test(d.code) && !/could not be translated to ERB/.test(d.message)).map((d) => d.message);
};

describe("hostvars['localhost'] of a value localhost computes from groups", () => {
  it('converts in tasks, templates and group_vars values', async () => {
    const r = await convertProject(project('/tmp', []));
    expect(r.diagnostics.filter((d) => /TODO/.test(d.code)).map(formatDiagnostic)).toEqual([]);
    expect(r.stats.todo).toBe(0);
    const erb = outputText(r, 'r/templates/t.erb');
    expect(erb).toContain("A2C::Jinja.group(A2C::Jinja.var(node, 'ansible', 'groups'), 'swift_all')");
    expect(erb).not.toContain('host_node');
  });

  it('stays a TODO where localhost holds something no node has', async () => {
    const swiftCount = /hostvars\['localhost'\]\['swift_count'\]/;
    // localhost's value reads a fact or variable of its own.
    expect(await todos({ 'host_vars/localhost/main.yml': 'backup: true\nswift_count: "{{ ansible_hostname }}"\n' })).toEqual([
      expect.stringMatching(/hostvars\['localhost'\]\['swift_count'\]: its value on localhost reads ansible_hostname/),
    ]);
    // A task could set it on localhost (a set_fact in some play run there).
    const setFact = await todos({ 'roles/r/tasks/other.yml': '- set_fact: { swift_count: 3 }\n' });
    expect(setFact.some((m) => swiftCount.test(m) && /a task \(set_fact\) sets swift_count/.test(m))).toBe(true);
    // localhost not in the inventory: the implicit controller host.
    const implicit = await todos({ 'inventory.ini': ['[db]', ...HOSTS, ''].join('\n') });
    expect(implicit.length).toBeGreaterThan(0);
    for (const m of implicit)
      expect(m).toMatch(/reads the Ansible controller's host variables, which no Chef node holds|group_vars\/\* value reads hostvars/);
    // A group value, not localhost's own host variable.
    const group = await todos({
      'host_vars/localhost/main.yml': 'backup: true\n',
      'group_vars/all.yml': 'swift_count: "{{ groups[\'swift_all\'] | length }}"\n',
    });
    expect(group.some((m) => /the inventory sets no host variable swift_count for localhost/.test(m))).toBe(true);
    // hostvars['localhost'] passed whole.
    expect(await todos({ 'roles/r/templates/t.j2': '{{ hostvars["localhost"] | length }}\n' })).toEqual([
      expect.stringMatching(/hostvars\[host\] is translated only when followed by a literal variable or fact name/),
    ]);
  });

  const tools = requireOrSkip('ansible-playbook, ruby and erubis', hasTool('ansible-playbook') && hasTool('ruby'));
  it.skipIf(!tools)(
    'renders byte-identically on every host with ansible-playbook and on every converted node',
    async () => {
      for (const swift of [[], ['s1', 's2']]) {
        const dir = mkdtempSync(join(tmpdir(), 'a2c-controller-hostvars-'));
        try {
          const play = join(dir, 'play');
          const rendered = join(dir, 'rendered');
          mkdirSync(rendered);
          writeTree(play, project(rendered, swift));
          const run = spawnSync('/usr/bin/python3', ['/usr/bin/ansible-playbook', '-i', 'inventory.ini', 'site.yml'], {
            cwd: play,
            encoding: 'utf8',
            env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_DEPRECATION_WARNINGS: 'False' },
          });
          expect(run.status, run.stdout + run.stderr).toBe(0);
          const want = Object.fromEntries(HOSTS.map((h) => [h, readFileSync(join(rendered, `${h}.txt`), 'utf8')]));
          // The play's own sanity: the group value is localhost's, over the role default.
          expect(want['db1']).toBe(
            swift.length ? 'backup=True store=swift direct=True\non 2\n' : 'backup=False store=file direct=False\noff 0\n',
          );

          const out = join(dir, 'out');
          writeTree(out, (await convertProject(project(rendered, swift))).files);
          const input = { cookbooks: out, resources: resourceSchema(join(SHARED, 'chef/resources.json')) };
          const r = spawnSync('ruby', [join(REPO_ROOT, 'test/tools/hostvars-render.rb')], {
            input: JSON.stringify(input),
            encoding: 'utf8',
          });
          expect(r.status, r.stderr).toBe(0);
          const got = JSON.parse(r.stdout) as Record<string, unknown[]>;
          expect(Object.fromEntries(HOSTS.map((h) => [h, got[h]?.[0]]))).toEqual(want);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    },
    240_000,
  );
});
