// A templated action argument that may be `omit` (`state: "{{ repo_state | default(omit) }}"`): an
// omitted argument is not given to the module, which then takes its default state. The converted
// action, evaluated in real Ruby with the support library, must pick the action of that default
// where the variable is unset and of the value where it is set, as the real yum_repository module
// run by ansible-playbook (on a private reposdir) creates or removes the repository file.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const LIBDIR = resolve(import.meta.dirname, '../../../src/support-cookbook/ruby/libraries');
const ready = requireOrSkip('ruby and ansible-playbook', hasTool('ruby') && hasTool('ansible-playbook'));
const TASK = [
  '- yum_repository:',
  '    name: demo',
  '    description: Demo',
  '    baseurl: http://mirror.example.com/',
  '    reposdir: "{{ reposdir }}"',
  '    state: "{{ repo_state | default(omit) }}"',
  '',
].join('\n');

/** The action the converted line picks, with repo_state set to `state` (undefined: not set). */
function chefAction(line: string, state: string | undefined): string {
  const script = [
    ...['a2c_jinja', 'a2c_tasks'].map((l) => `require ${JSON.stringify(join(LIBDIR, l))}`),
    // The attribute reads of the converted line: node['ansible'][name], present or not.
    'class FakeNode',
    '  def initialize(vars) = @vars = vars',
    "  def exist?(*path) = path.first == 'ansible' && @vars.key?(path[1])",
    "  def [](key) = key == 'ansible' ? @vars : {}",
    'end',
    `node = FakeNode.new(${state === undefined ? '{}' : `{ 'repo_state' => ${JSON.stringify(state)} }`})`,
    `def action(value) = print(value.inspect)`,
    line,
  ].join('\n');
  const r = spawnSync('ruby', ['-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe.skipIf(!ready)('an action argument given default(omit)', () => {
  it("takes the module's default state where the variable is unset, as ansible-playbook does", async () => {
    const r = await convertRole({ 'tasks/main.yml': TASK });
    const line = recipeBody(r, 'demo')
      .split('\n')
      .find((l) => l.trim().startsWith('action '))!
      .trim();
    expect(line).toContain("|| 'present'");

    const ansible = (vars: string) =>
      withLocalPlay(
        (dir) => ({
          'site.yml': `- hosts: localhost\n  connection: local\n  gather_facts: false\n  vars:\n    reposdir: ${dir}\n${vars}  tasks:\n${TASK.replace(/^/gm, '    ')}`,
        }),
        (run) => {
          expect(run.status, run.log).toBe(0);
          return existsSync(join(run.dir, 'demo.repo'));
        },
      );
    expect(ansible('')).toBe(true);
    expect(ansible('    repo_state: absent\n')).toBe(false);
    expect(chefAction(line, undefined)).toBe(':create');
    expect(chefAction(line, 'absent')).toBe(':remove');
    expect(chefAction(line, 'present')).toBe(':create');
  });
});
