// `x is defined` on a variable a set_fact sets asks plain Ruby: the fact set this run
// (`node.run_state.key?`) or an attribute some source sets (`node.exist?`), instead of catching the
// failure of a read. Checked against ansible-playbook: the common "set it unless the operator did"
// pattern, with and without a play var setting it, and a second guarded set_fact that must not run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const ready = compileReady({ ansible: true });

const project = (dest: string, playVars: string): Record<string, string> => ({
  'site.yml': `- hosts: all\n  gather_facts: false\n${playVars}  roles: [app]\n`,
  'roles/app/vars/main.yml': '__app_user: www\n',
  'roles/app/tasks/main.yml':
    [
      '- name: define app_user',
      '  set_fact:',
      '    app_user: "{{ __app_user }}"',
      '  when: app_user is not defined',
      '- name: never, once defined',
      '  set_fact:',
      '    app_user: second',
      '  when: app_user is undefined',
      '- name: write it',
      '  copy:',
      '    content: "{{ app_user }} {{ app_user is defined }}"',
      `    dest: ${dest}`,
    ].join('\n') + '\n',
});

const CASES: Array<[string, string]> = [
  ['no other source', ''],
  ['a play var', '  vars:\n    app_user: admin\n'],
];

describe('is defined on a set_fact variable', () => {
  it('reads as run_state.key? or node.exist?, with no support call', async () => {
    const r = await convertProject(project('/etc/app_user', ''));
    const recipe = outputText(r, 'app/recipes/default.rb');
    expect(recipe).toContain("unless node.run_state.key?('app_user') || node.exist?('ansible', 'app_user')");
    expect(recipe).not.toContain('A2C::Jinja.is_defined');
  });

  describe.skipIf(!ready)('against ansible-playbook', () => {
    for (const [label, playVars] of CASES)
      it(`gives Ansible's value with ${label}`, async () => {
        const ansible = withLocalPlay(
          (dir) => project(join(dir, 'out'), `  connection: local\n${playVars}`),
          (run) => {
            expect(run.status, run.log).toBe(0);
            return readFileSync(join(run.dir, 'out'), 'utf8');
          },
        );
        const r = await convertProject({ ...project('/etc/app_user', playVars), 'inventory.ini': 'web1\n' });
        const inputs = compileInputs();
        const runs = compileCheck(r.files, inputs);
        expect(runs.length).toBeGreaterThan(0);
        for (const run of runs) {
          expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
          const file = run.detail!.find((d) => d.id === 'file[/etc/app_user]');
          expect(file?.properties['content'], JSON.stringify(run.detail)).toBe(ansible);
        }
      });
  });
});
