// include_vars under a `when` on a fact a set_fact stores at converge time: the include_vars task is
// a ruby_block at its place, guarded by its `when`, storing the file's values in node.run_state, and
// each read is one fetch of the stored value (else the attribute below). Compared with
// ansible-playbook: a read between the set_fact and the include_vars takes the value from before
// the task (Ansible has not loaded the file yet); a read whose task binds a name the value reads
// (task vars) computes it in its own scope, as Ansible templates it there.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { convergeOnLocalhost } from '../../helpers/converge-render.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { SHARED } from '../../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');

/** The role, where the version command prints `version`; files written under `out`. */
function project(out: string, version: string): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [app]\n',
    'roles/app/defaults/main.yml': 'port: 8080\nvhost: default-vhost\n',
    'roles/app/vars/v22.yml': 'vhost: v22\nitems_list:\n  - { line: "Listen {{ port }}" }\n  - { line: "NameVirtualHost *:{{ port }}" }\n',
    'roles/app/vars/v24.yml': 'vhost: v24.conf\nitems_list:\n  - { line: "Listen {{ port }}" }\n',
    'roles/app/tasks/main.yml': [
      '- name: version',
      `  command: echo Server version Apache/${version}`,
      '  register: _v',
      '  changed_when: false',
      '- set_fact:',
      '    apache_version: "{{ _v.stdout.split()[2].split(\'/\')[1] }}"',
      '- name: before',
      `  copy: { dest: "${out}/before", content: "{{ vhost }}" }`,
      '- include_vars: v22.yml',
      `  when: "apache_version.split('.')[1] == '2'"`,
      '- include_vars: v24.yml',
      `  when: "apache_version.split('.')[1] == '4'"`,
      '- name: after',
      `  copy: { dest: "${out}/after", content: "{{ vhost }}" }`,
      '- name: shadowed',
      `  copy: { dest: "${out}/shadowed", content: "{{ items_list | map(attribute='line') | join(',') }}" }`,
      '  vars: { port: 9 }',
      '',
    ].join('\n'),
  };
}

describe('include_vars under a converge-time condition, stored where the task runs', () => {
  it('stores the values once, under the task’s own when, and reads them plainly', async () => {
    const r = await convertProject(project('/etc/app', '2.4.1'));
    expect(r.tasks.filter((t) => t.outcome !== 'converted').map((t) => `${t.span.line}: ${t.reason}`)).toEqual([]);
    const recipe = outputText(r, 'app/recipes/default.rb');
    // One ruby_block per include_vars task, guarded by its when, storing the file's values.
    expect(recipe.match(/^ruby_block 'include_vars v2[24]\.yml' do$/gm)).toHaveLength(2);
    expect(recipe).toMatch(/'include_vars\.vhost' => 'v24\.conf'/);
    expect(recipe).toMatch(
      /only_if \{ A2C::Tasks\.registered\(node\.run_state, 'apache_version'\)\.split\('\.', -1\)\.fetch\(1\) == '4' \}/,
    );
    // The reads: the stored value, else the attribute; the condition is not repeated at each read.
    expect(recipe).toContain("node.run_state.fetch('include_vars.vhost') {");
    expect(recipe.match(/fetch\(1\) == '4'/g)).toHaveLength(1 + 1); // the guard, and the shadowed read
  });

  const tools = requireOrSkip(
    'ansible-playbook, ruby, erubis and shared/chef',
    hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile),
  );

  for (const version of ['2.2.34', '2.4.57', '2.6.1']) {
    it.skipIf(!tools)(
      `gives what Ansible gives where the command prints ${version}, before and after the include_vars`,
      async () => {
        const want = withLocalPlay(
          (dir) => project(dir, version),
          (run) => {
            // On 2.6 no file sets items_list: the shadowed task, last, fails on the undefined variable.
            if (version === '2.6.1') expect(run.status, run.log).not.toBe(0);
            else expect(run.status, run.log).toBe(0);
            const read = (f: string) => readFileSync(join(run.dir, f), 'utf8');
            return { before: read('before'), after: read('after'), shadowed: version === '2.6.1' ? undefined : read('shadowed') };
          },
        );
        const events = await convergeOnLocalhost(project('/etc/app', version), schemaFile);
        const text = (f: string) => events.find((e) => e.id === `file[/etc/app/${f}]`)?.text;
        expect(text('before')).toBe(want.before);
        expect(text('after')).toBe(want.after);
        if (want.shadowed === undefined) {
          // No file sets items_list on 2.6: Ansible fails the shadowed task on the undefined variable, and so does the run.
          expect(events.find((e) => e.error !== undefined)?.error).toMatch(/items_list/);
        } else {
          expect(events.find((e) => e.error !== undefined)).toBeUndefined();
          expect(text('shadowed')).toBe(want.shadowed);
        }
      },
      180_000,
    );
  }
});
