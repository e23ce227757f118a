import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../../src/scripts/chef-compile.js';
import { convertProject, outputText } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { compileInputs, compileReady } from '../../helpers/chef-compile-inputs.js';

const ready = compileReady({ ansible: true });

const project = (tolerate: string, play = ''): Record<string, string> => ({
  'site.yml': `- hosts: all\n  gather_facts: false\n${play}  roles: [app]\n`,
  'roles/app/defaults/main.yml': `tolerate: ${tolerate}\n`,
  'roles/app/tasks/main.yml': '- name: fails\n  command: /bin/false\n  ignore_errors: "{{ tolerate }}"\n',
});

describe('a boolean keyword templated from a boolean variable', () => {
  it('reads the attribute as it is', async () => {
    const recipe = outputText(await convertProject(project('yes')), 'app/recipes/default.rb');
    expect(recipe).toContain("  ignore_failure node['app']['tolerate']\n");
  });

  describe.skipIf(!ready)('against ansible-playbook', () => {
    for (const [tolerate, goesOn] of [
      ['yes', true],
      ['false', false],
    ] as const)
      it(`tolerate: ${tolerate}`, async () => {
        const status = withLocalPlay(
          () => project(tolerate, '  connection: local\n'),
          (run) => run.status,
        );
        expect(status === 0).toBe(goesOn);
        const r = await convertProject({ ...project(tolerate), 'inventory.ini': 'web1\n' });
        const inputs = compileInputs();
        const runs = compileCheck(r.files, inputs);
        expect(runs.length).toBeGreaterThan(0);
        for (const run of runs) {
          expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
          expect(run.detail!.find((d) => d.id === 'execute[fails]')?.properties['ignore_failure'], JSON.stringify(run.detail)).toBe(goesOn);
        }
      });
  });
});
