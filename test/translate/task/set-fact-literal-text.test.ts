// set_fact of `"{{ name }}"` where every value the input gives `name` is literal text no boolean word
// spells: the value is stored as it is read (set_fact's true/yes/false/no conversion cannot apply); a
// variable one of whose values is such a word keeps the conversion. Checked against ansible-playbook.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../../src/scripts/chef-compile.js';
import { convertProject, outputText } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { compileInputs, compileReady } from '../../helpers/chef-compile-inputs.js';

const ready = compileReady({ ansible: true });

const project = (dest: string, play = ''): Record<string, string> => ({
  'site.yml': `- hosts: all\n  gather_facts: false\n${play}  roles: [app]\n`,
  'roles/app/defaults/main.yml': "__app_user: www\n__app_flag: 'off'\n",
  // A role var outranks the default: both values are the variable's, and 'Yes' is a boolean word.
  'roles/app/vars/main.yml': "__app_flag: 'Yes'\n",
  'roles/app/tasks/main.yml':
    [
      '- name: facts',
      '  set_fact:',
      '    app_user: "{{ __app_user }}"',
      '    app_flag: "{{ __app_flag }}"',
      '- name: write them',
      '  copy:',
      '    content: "{{ app_user }} {{ app_flag }} {{ app_flag is string }}"',
      `    dest: ${dest}`,
    ].join('\n') + '\n',
});

describe('set_fact of a variable holding literal text', () => {
  it('stores the read as it is unless a value is a boolean word', async () => {
    const recipe = outputText(await convertProject(project('/etc/app')), 'app/recipes/default.rb');
    expect(recipe).toMatch(/node\.run_state\['app_user'\] = node\['app'\]\['__app_user'\]$/m);
    expect(recipe).toMatch(/node\.run_state\['app_flag'\] = A2C::Jinja\.set_fact_value\(/);
  });

  it.skipIf(!ready)("gives Ansible's values", async () => {
    const ansible = withLocalPlay(
      (dir) => project(join(dir, 'out'), '  connection: local\n'),
      (run) => {
        expect(run.status, run.log).toBe(0);
        return readFileSync(join(run.dir, 'out'), 'utf8');
      },
    );
    expect(ansible).toBe('www True False');
    const r = await convertProject({ ...project('/etc/app'), 'inventory.ini': 'web1\n' });
    const inputs = compileInputs();
    const runs = compileCheck(r.files, inputs);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
      expect(run.detail!.find((d) => d.id === 'file[/etc/app]')?.properties['content'], JSON.stringify(run.detail)).toBe(ansible);
    }
  });
});
