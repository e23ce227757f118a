// Another host's variables (`hostvars[h].x`, `map('extract', hostvars, ...)`, `'x' in hostvars[h]`)
// and `ansible_host`, rendered both ways on a three-host inventory: ansible-playbook writes each
// host's template, and the converted output is compiled per node file (test/tools/hostvars-render.rb:
// Policyfile, node file, attribute files, recipes) and its ERB rendered with Erubis on each node,
// Chef search finding the other nodes. Each host's text must be byte-identical.
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

// db1 and db3 set ansible_host (an IPv6 and an IPv4 address), db2 does not: its address is its name.
const INVENTORY = [
  '[db]',
  'db1 ansible_host=2001:db8::11 port=3307',
  'db2',
  'db3 ansible_host=192.0.2.13',
  '[db:vars]',
  'port=3306',
  '',
].join('\n');

const TEMPLATE = [
  'self={{ ansible_host }} wrapped=[{{ ansible_host }}]:{{ port }} via_default={{ my_address }}',
  'defined={{ ansible_host is defined }} default={{ ansible_host | default("none") }}',
  'ports={{ groups["db"] | map("extract", hostvars, "port") | list | join(",") }}',
  'nested={{ groups["db"] | map("extract", hostvars, ["peer", "zone"]) | join(",") }}',
  // A host's own name through hostvars: cluster roles' "am I the group's first host" check.
  'first={{ hostvars[groups["db"][0]]["inventory_hostname"] }} me={{ hostvars[inventory_hostname].inventory_hostname }}',
  'is_first={{ inventory_hostname == hostvars[groups["db"][0]].inventory_hostname }} last={{ hostvars[groups["db"] | last].inventory_hostname | upper }}',
  '{% for h in groups["db"] %}',
  '{{ h }} in={{ "ansible_host" in hostvars[h] }} not_in={{ "ansible_host" not in hostvars[h] }} addr={{ hostvars[h]["ansible_host"] | default(h) }} port={{ hostvars[h].port }}',
  '{% if "ansible_host" in hostvars[h] %}{% set dest = hostvars[h]["ansible_host"] %}{% else %}{% set dest = inventory_hostname %}{% endif %}',
  'dest={{ dest }} site={{ hostvars[h].site_name }} name={{ hostvars[h].inventory_hostname }}',
  '{% endfor %}',
  '',
].join('\n');

function project(out: string): TextTree {
  return {
    'site.yml': '- hosts: db\n  gather_facts: false\n  connection: local\n  roles: [r]\n',
    'inventory.ini': INVENTORY,
    'group_vars/db.yml': 'peer: {zone: z1}\n',
    'host_vars/db3.yml': 'peer: {zone: z3}\n',
    'roles/r/defaults/main.yml': 'my_address: "{{ ansible_host }}"\n',
    // include_vars values are in hostvars (Ansible keeps them per host) as in the node's attributes.
    'roles/r/vars/site.yml': 'site_name: s1\n',
    'roles/r/tasks/main.yml': `- include_vars: site.yml\n- name: render\n  template: { src: t.j2, dest: "${out}/{{ inventory_hostname }}.txt" }\n`,
    'roles/r/templates/t.j2': TEMPLATE,
  };
}

function writeTree(dir: string, files: ReadonlyMap<string, string | Uint8Array> | Record<string, string | Uint8Array>): void {
  for (const [path, content] of files instanceof Map ? files : Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

describe('hostvars, extract and ansible_host', () => {
  it('translate to reads of the other node and of this node with its name as the fallback', async () => {
    const r = await convertProject(project('/tmp'));
    expect(r.diagnostics.filter((d) => d.code === 'A2C-TODO-TEMPLATE').map(formatDiagnostic)).toEqual([]);
    const erb = outputText(r, 'r/templates/t.erb');
    expect(erb).toContain("A2C::Jinja.var_or(node, 'ansible', 'ansible_host') { node.name }");
    expect(erb).toContain("A2C::Jinja.var_set?(A2C::Jinja.host_node(node, h), 'ansible', 'ansible_host')");
    expect(erb).toContain("A2C::Jinja.inventory_host(node, A2C::Jinja.var(node, 'ansible', 'groups'), h)");
    expect(JSON.parse(outputText(r, 'nodes/db1.json')).normal.ansible.ansible_host).toBe('2001:db8::11');
    expect(JSON.parse(outputText(r, 'nodes/db2.json')).normal.ansible ?? {}).not.toHaveProperty('ansible_host');
  });

  it('stay TODOs where the node data is not what Ansible reads', async () => {
    const todo = async (files: TextTree): Promise<string[]> => {
      const r = await convertProject({ ...project('/tmp'), ...files });
      // The template task's own TODO only points at the template's diagnostic.
      return r.diagnostics.filter((d) => /TODO/.test(d.code) && !/could not be translated to ERB/.test(d.message)).map((d) => d.message);
    };
    // A role default is in the node's attributes but not in Ansible's hostvars (no play there).
    expect(await todo({ 'roles/r/templates/t.j2': '{{ hostvars["db2"].my_address | default("none") }}\n' })).toEqual([
      expect.stringMatching(
        /hostvars\[host\]\.my_address: hostvars\[host\] holds a host's inventory variables .*role-default \(roles\/r\/defaults\/main.yml:1/,
      ),
    ]);
    // The loop list is templated before Ansible adds ansible_host's fallback.
    expect(await todo({ 'roles/r/tasks/main.yml': '- debug: { msg: "{{ item }}" }\n  loop: "{{ [ansible_host] }}"\n' })).toEqual([
      expect.stringMatching(/loop's list is templated before Ansible adds its inventory-name fallback/),
    ]);
    // ansible_ssh_host would be the connection's address.
    const ssh = await todo({ 'host_vars/db2.yml': 'ansible_ssh_host: 192.0.2.2\n' });
    expect(ssh.length).toBeGreaterThan(0);
    for (const m of ssh) expect(m).toMatch(/ansible_host where the input sets ansible_ssh_host/);
    // extract's keys must be literals; a host's whole mapping is no node attribute.
    expect(await todo({ 'roles/r/templates/t.j2': '{{ groups["db"] | map("extract", hostvars, my_address) | list }}\n' })).toEqual([
      expect.stringMatching(/extract with keys other than a literal/),
    ]);
    expect(await todo({ 'roles/r/templates/t.j2': '{{ groups["db"] | map("extract", hostvars) | list }}\n' })).toEqual([
      expect.stringMatching(/hostvars\[host\] is translated only when followed by a literal variable or fact name/),
    ]);
  });

  const tools = requireOrSkip('ansible-playbook, ruby and erubis', hasTool('ansible-playbook') && hasTool('ruby'));
  it.skipIf(!tools)('render byte-identically on every host with ansible-playbook and on every converted node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-hostvars-'));
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
      // The play's own sanity: the fallback and the bracketed IPv6 address are what is compared.
      expect(want['db2']).toContain('self=db2 wrapped=[db2]:3306');
      expect(want['db1']).toContain('wrapped=[2001:db8::11]:3307');

      // Why a role default read through hostvars is a TODO: the play sees it, hostvars does not ...
      writeFileSync(
        join(play, 'proof.yml'),
        `- hosts: db2\n  gather_facts: false\n  connection: local\n  roles: [{ role: r, tags: never }]\n  tasks:\n    - copy: { dest: "${rendered}/proof.txt", content: "{{ my_address }}|{{ hostvars['db2'].my_address | default('UNDEF') }}|{{ hostvars['db2'].port }}" }\n    - copy: { dest: "${rendered}/loop.txt", content: "{{ item }}" }\n      loop: "{{ [ansible_host | default('UNDEF')] }}"\n`,
      );
      const proof = spawnSync('/usr/bin/python3', ['/usr/bin/ansible-playbook', '-i', 'inventory.ini', 'proof.yml'], {
        cwd: play,
        encoding: 'utf8',
      });
      expect(proof.status, proof.stdout + proof.stderr).toBe(0);
      expect(readFileSync(join(rendered, 'proof.txt'), 'utf8')).toBe('db2|UNDEF|3306');
      // ... and why ansible_host in a loop's list is one: there it is undefined on db2.
      expect(readFileSync(join(rendered, 'loop.txt'), 'utf8')).toBe('UNDEF');

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
  });
});
