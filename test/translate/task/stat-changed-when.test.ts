// A registered stat with changed_when was a TODO (A2C-TODO-KEYWORD: "a registered stat result is
// computed without it"). changed_when changes only the result's `changed` (the module itself never
// reports one): the converted result now evaluates it on the fresh result under the registered
// name, as for a command, so a later `is changed` and the task's notify read what Ansible's do.
// Compared with ansible-playbook: the converted recipe converged in real Ruby
// (test/tools/converge-render.rb) renders the same file and skips the same task.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { type ConvergeEvent, convergeOnLocalhost } from '../../helpers/converge-render.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { SHARED } from '../../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');

const TEMPLATE =
  "yes={{ st_yes is changed }} no={{ st_no is changed }} lit={{ st_lit is changed }} plain={{ st_plain is changed }} exists={{ st_yes.stat.exists }} loop={{ sl is changed }} {{ sl.results | map(attribute='changed') | list }}\n";

function project(out: string): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [app]\n',
    'roles/app/tasks/main.yml': [
      '- name: present',
      '  stat: path=/etc/hostname',
      '  register: st_yes',
      '  changed_when: st_yes.stat.exists',
      '- name: absent',
      '  stat: path=/nonexistent-a2c-stat',
      '  register: st_no',
      '  changed_when: st_no.stat.exists',
      '- name: literal',
      '  stat: path=/nonexistent-a2c-stat',
      '  register: st_lit',
      '  changed_when: true',
      '- name: plain',
      '  stat: path=/etc/hostname',
      '  register: st_plain',
      '- name: looped',
      '  stat: path={{ item }}',
      '  loop: [/etc/hostname, /nonexistent-a2c-stat]',
      '  register: sl',
      '  changed_when: sl.stat.exists',
      '- name: after a change',
      `  copy: {content: "ran\\n", dest: "${out}/after-yes"}`,
      '  when: st_yes is changed',
      '- name: after no change',
      `  copy: {content: "ran\\n", dest: "${out}/after-no"}`,
      '  when: st_no is changed',
      '- name: render',
      `  template: { src: out.j2, dest: "${out}/out" }`,
      '',
    ].join('\n'),
    'roles/app/templates/out.j2': TEMPLATE,
  };
}

async function converge(): Promise<ConvergeEvent[]> {
  return convergeOnLocalhost(project('/etc/app'), schemaFile);
}

describe('a registered stat with changed_when', () => {
  it('converts, its changed state computed from the condition', async () => {
    const r = await convertProject(project('/etc/app'));
    expect(r.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const recipe = outputText(r, 'app/recipes/default.rb');
    const exists = "changed_when: ->(result) { A2C::Jinja.truthy(A2C::Jinja.attr(A2C::Jinja.attr(result, 'stat'), 'exists')) }";
    expect(recipe).toContain(`A2C::Tasks.register_stat(node.run_state, 'st_yes', '/etc/hostname', ${exists})`);
    expect(recipe).toContain(`{ |item| A2C::Tasks.stat_result(item, ${exists}) }`);
    expect(recipe).toContain(
      "A2C::Tasks.register_stat(node.run_state, 'st_lit', '/nonexistent-a2c-stat', changed_when: ->(_result) { true })",
    );
    expect(recipe).toContain("A2C::Tasks.register_stat(node.run_state, 'st_plain', '/etc/hostname')\n");
  });

  it('notifies only when the condition says changed', async () => {
    const r = await convertProject({
      ...project('/etc/app'),
      'roles/app/tasks/main.yml': '- stat: path=/etc/hostname\n  register: st\n  changed_when: st.stat.exists\n  notify: h\n',
      'roles/app/handlers/main.yml': '- name: h\n  file: {path: /tmp/a2c-h, state: touch}\n',
    });
    const recipe = outputText(r, 'app/recipes/default.rb');
    expect(recipe).toContain("only_if { A2C::Tasks.result?(A2C::Tasks.registered(node.run_state, 'st'), 'changed') }");
    expect(recipe).toContain("notifies :touch, 'file[h]', :delayed");
  });

  it('keeps failed_when a TODO: the stat result does not carry it out', async () => {
    const r = await convertProject({
      ...project('/etc/app'),
      'roles/app/tasks/main.yml': '- stat: path=/etc/hostname\n  register: st\n  failed_when: not st.stat.exists\n',
    });
    expect(r.diagnostics.find((d) => d.code === 'A2C-TODO-KEYWORD')?.message).toBe(
      'failed_when on ansible.builtin.stat: a registered stat result is computed without it',
    );
  });

  const tools = requireOrSkip(
    'ansible-playbook, ruby, erubis and shared/chef',
    hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile),
  );

  it.skipIf(!tools)(
    'reads and decides as Ansible does',
    async () => {
      const want = withLocalPlay(
        (dir) => project(dir),
        (run) => {
          expect(run.status, run.log).toBe(0);
          return {
            out: readFileSync(join(run.dir, 'out'), 'utf8'),
            yes: existsSync(join(run.dir, 'after-yes')),
            no: existsSync(join(run.dir, 'after-no')),
          };
        },
      );
      // The play's own sanity: changed_when decided these.
      expect(want).toEqual({
        out: 'yes=True no=False lit=True plain=False exists=True loop=True [True, False]\n',
        yes: true,
        no: false,
      });
      const events = await converge();
      expect(events.find((e) => e.error !== undefined)).toBeUndefined();
      expect(events.find((e) => e.id === 'template[/etc/app/out]')?.text).toBe(want.out);
      expect(events.find((e) => e.id === 'file[/etc/app/after-yes]')?.skipped ?? false).toBe(!want.yes);
      expect(events.find((e) => e.id === 'file[/etc/app/after-no]')?.skipped ?? false).toBe(!want.no);
    },
    120_000,
  );
});
