// set_fact at converge time (control.ts convergeSetFact): a set_fact of several facts reading registered
// results was a TODO ("it sets several facts at once"), and so was one whose own `when` reads a registered
// result ("decided before the result exists"). Both now run in a ruby_block beside the results: every
// value computed before any is set (as Ansible templates them all first), under the condition as only_if.
// Compared with ansible-playbook: the converted recipe converged in real Ruby (test/tools/converge-render.rb)
// renders the same file.
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
  "both={{ host_exists }}/{{ seen_before }}/{{ pair }} yes={{ flag_yes | default('unset') }} no={{ flag_no | default('unset') }}\n";

function project(out: string): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [app]\n',
    'roles/app/tasks/main.yml': [
      '- name: present',
      '  stat: path=/etc/hostname',
      '  register: st_yes',
      '- name: absent',
      '  stat: path=/nonexistent-a2c-set-fact',
      '  register: st_no',
      '- name: several at once',
      '  set_fact:',
      '    host_exists: "{{ st_yes.stat.exists }}"',
      // Templated before host_exists is set: undefined here, as in Ansible.
      '    seen_before: "{{ host_exists | default(\'not yet\') }}"',
      '    pair: "{{ [st_yes.stat.exists, st_no.stat.exists] }}"',
      '- name: conditioned, holds',
      '  set_fact:',
      '    flag_yes: set',
      '  when: st_yes.stat.exists',
      '- name: conditioned, skipped',
      '  set_fact:',
      '    flag_no: set',
      '  when: st_no.stat.exists',
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

describe('set_fact at converge time', () => {
  it('converts both: one ruby_block setting every fact, one under only_if', async () => {
    const r = await convertProject(project('/etc/app'));
    expect(r.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(r.tasks.filter((t) => t.outcome !== 'converted')).toEqual([]);
    const recipe = outputText(r, 'app/recipes/default.rb');
    expect(recipe).toContain("A2C::Tasks.set_facts(node.run_state, { 'host_exists' => ");
    expect(recipe).toContain("A2C::Tasks.set_fact(node.run_state, 'flag_yes', 'set')");
    expect(recipe).toContain("only_if { A2C::Tasks.registered(node.run_state, 'st_yes')['stat']['exists'] }");
  });

  const tools = requireOrSkip(
    'ansible-playbook, ruby, erubis and shared/chef',
    hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile),
  );

  it.skipIf(!tools)(
    'sets and skips as Ansible does',
    async () => {
      const want = withLocalPlay(
        (dir) => project(dir),
        (run) => {
          expect(run.status, run.log).toBe(0);
          return readFileSync(join(run.dir, 'out'), 'utf8');
        },
      );
      // The play's own sanity: values templated before any is set; the skipped fact stays unset.
      expect(want).toBe('both=True/not yet/[True, False] yes=set no=unset\n');
      const events = await converge();
      expect(events.find((e) => e.error !== undefined)).toBeUndefined();
      expect(events.find((e) => e.id === 'template[/etc/app/out]')?.text).toBe(want);
    },
    180_000,
  );
});
