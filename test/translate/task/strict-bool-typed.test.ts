// A task keyword templated from a variable every source of which is a boolean (`ignore_errors: "{{ tolerate }}"`
// of `tolerate: yes`) reads the attribute as it is: checked against ansible-playbook, which goes on past the
// failing task or stops, as Chef's ignore_failure says.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck, type CompileInputs } from '../../../src/scripts/chef-compile.js';
import { convertProject, outputText } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');
const ready =
  requireOrSkip('ruby', hasTool('ruby')) &&
  requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) &&
  requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile));

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
        const inputs: CompileInputs = { factsFile: GROUND_TRUTH, schemaFile, detail: true };
        const runs = compileCheck(r.files, inputs);
        expect(runs.length).toBeGreaterThan(0);
        for (const run of runs) {
          expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
          expect(run.detail!.find((d) => d.id === 'execute[fails]')?.properties['ignore_failure'], JSON.stringify(run.detail)).toBe(goesOn);
        }
      });
  });
});
