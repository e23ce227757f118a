// include_vars of a role's own static vars file under a `when` on a fact a set_fact stores at converge
// time (geerlingguy apache's `apache_version.split('.')[1] == '4'`, the version `apache2 -v` printed).
// No attribute: each read of the file's variables takes its value where the condition holds, the
// earlier vars file's attribute (or the role default) elsewhere; the condition reads the stored fact,
// so the reader waits for the converge (a lazy property, a converge-time loop, a template). Compared
// with ansible-playbook on each branch: the converted recipe converged in real Ruby
// (test/tools/converge-render.rb) renders the same file and declares the same lines.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, convertRole, outputText } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { convergeOnLocalhost } from '../../helpers/converge-render.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { SHARED } from '../../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');

const TEMPLATE = "v={{ vversion }} vhost={{ vhost }} items={{ items_list | map(attribute='line') | join(',') }}\n";

/** The role, where the version command prints `version`; files written under `out`. */
function project(out: string, version: string): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [app]\n',
    'roles/app/defaults/main.yml': 'port: 8080\nvhost: default-vhost\n',
    'roles/app/vars/base.yml': 'vversion: base\nitems_list: [{ line: "base {{ port }}" }]\n',
    'roles/app/vars/v22.yml':
      'vversion: "2.2"\nvhost: v22\nitems_list:\n  - { line: "Listen {{ port }}" }\n  - { line: "NameVirtualHost *:{{ port }}" }\n',
    'roles/app/vars/v24.yml': 'vversion: "2.4"\nvhost: v24.conf\nitems_list:\n  - { line: "Listen {{ port }}" }\n',
    'roles/app/tasks/main.yml': [
      '- include_vars: base.yml',
      '- name: version',
      `  command: echo Server version Apache/${version}`,
      '  register: _v',
      '  changed_when: false',
      '- set_fact:',
      '    apache_version: "{{ _v.stdout.split()[2].split(\'/\')[1] }}"',
      '- include_vars: v22.yml',
      `  when: "apache_version.split('.')[1] == '2'"`,
      '- include_vars: v24.yml',
      `  when: "apache_version.split('.')[1] == '4'"`,
      '- name: render',
      `  template: { src: out.j2, dest: "${out}/out" }`,
      '- name: ports',
      `  lineinfile: { path: "${out}/ports", line: "{{ item.line }}", create: true }`,
      '  with_items: "{{ items_list }}"',
      '- name: vhost',
      `  copy: { dest: "${out}/vhost", content: "{{ vhost }}" }`,
      '',
    ].join('\n'),
    'roles/app/templates/out.j2': TEMPLATE,
  };
}

describe('include_vars under a condition on a fact stored at converge time', () => {
  it('converts the include_vars tasks and every read of what they set, reading the stored fact at converge time', async () => {
    const r = await convertProject(project('/etc/app', '2.4.1'));
    expect(r.tasks.filter((t) => t.outcome !== 'converted').map((t) => `${t.span.line}: ${t.reason}`)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const recipe = outputText(r, 'app/recipes/default.rb');
    // The loop over the list waits for the converge; the copy's content is lazy.
    expect(recipe).toMatch(/a2c_converge_loop 'ports' do/);
    expect(recipe).toMatch(/content lazy \{/);
    expect(recipe).toContain("A2C::Tasks.registered(node.run_state, 'apache_version')");
    // The files' values are no attributes; the earlier file's are.
    const attributes = outputText(r, 'app/attributes/default.rb');
    expect(attributes).toContain("override['app']['vversion'] = 'base'");
    expect(attributes).not.toMatch(/'2\.4'|v24\.conf/);
  });

  it('keeps the TODO where the fact is set after the include_vars, by a set_fact reading no registered result, or by two set_facts', async () => {
    const base = {
      'vars/v.yml': 'x: 1\n',
      'defaults/main.yml': 'x: 0\n',
    };
    const tails = [
      // set after the include_vars
      '- include_vars: v.yml\n  when: ver == "2"\n- command: echo 2\n  register: r\n- set_fact: { ver: "{{ r.stdout }}" }\n',
      // a set_fact of a constant, not from a registered result
      '- set_fact: { ver: "2" }\n- include_vars: v.yml\n  when: ver == "2"\n',
      // two set_facts of the name
      '- command: echo 2\n  register: r\n- set_fact: { ver: "{{ r.stdout }}" }\n- set_fact: { ver: "3" }\n  when: false\n- include_vars: v.yml\n  when: ver == "2"\n',
    ];
    for (const tasks of tails) {
      const r = await convertRole({ ...base, 'tasks/main.yml': `${tasks}- debug: { msg: "{{ x }}" }\n` });
      const task = r.tasks.find((t) => t.module === 'ansible.builtin.include_vars');
      expect(task, tasks).toMatchObject({ outcome: 'todo', code: 'A2C-TODO-INCLUDE-VARS' });
    }
  });

  it('keeps the reads a TODO where another include_vars task loads a file setting the name after the conditional ones', async () => {
    const r = await convertRole({
      'vars/v.yml': 'x: 1\n',
      'vars/late.yml': 'x: 2\n',
      'tasks/main.yml':
        '- command: echo 2\n  register: r\n- set_fact: { ver: "{{ r.stdout }}" }\n- include_vars: v.yml\n  when: ver == "2"\n- include_vars: late.yml\n- debug: { msg: "{{ x }}" }\n',
    });
    const debug = r.tasks.find((t) => t.module === 'ansible.builtin.debug');
    expect(debug).toMatchObject({ outcome: 'todo' });
    expect(debug?.reason).toMatch(/not before them in the same task file/);
  });

  const tools = requireOrSkip(
    'ansible-playbook, ruby, erubis and shared/chef',
    hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile),
  );

  for (const version of ['2.2.34', '2.4.57', '2.6.1']) {
    it.skipIf(!tools)(
      `gives what Ansible gives where the command prints ${version}`,
      async () => {
        const want = withLocalPlay(
          (dir) => project(dir, version),
          (run) => {
            expect(run.status, run.log).toBe(0);
            const read = (f: string) => readFileSync(join(run.dir, f), 'utf8');
            return { out: read('out'), ports: read('ports'), vhost: read('vhost') };
          },
        );
        const events = await convergeOnLocalhost(project('/etc/app', version), schemaFile);
        expect(events.find((e) => e.error !== undefined)).toBeUndefined();
        expect(events.find((e) => e.id === 'template[/etc/app/out]')?.text).toBe(want.out);
        const lines = events.filter((e) => e.id.startsWith('a2c_line[')).map((e) => e.id);
        expect(lines).toEqual(
          want.ports
            .split('\n')
            .filter((l) => l)
            // Each resource is named by the item's text field every item has (its `line`), one per line Ansible wrote.
            .map((l) => `a2c_line[/etc/app/ports ${l}]`),
        );
        expect(events.find((e) => e.id === 'file[/etc/app/vhost]')?.text).toBe(want.vhost);
      },
      180_000,
    );
  }
});
