// A templated become_user on a task whose resources Chef runs as root: converted behind a guard that
// passes where the value is root (what Ansible does then) and stops the run where it names another user.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const LIBS = resolve(new URL('../../..', import.meta.url).pathname, 'src/support-cookbook/ruby/libraries');
const ruby = requireOrSkip('ruby', hasTool('ruby'));

describe('templated become_user on resources other than commands', () => {
  it("converts behind A2C::Tasks.become_root!, checked after the task's own condition", async () => {
    const r = await convertRole({
      'defaults/main.yml': 'install_user: root\nmanage: true\n',
      'tasks/main.yml': [
        '- name: Write config',
        '  become: true',
        '  become_user: "{{ install_user }}"',
        '  template: { src: app.conf.j2, dest: /etc/app.conf }',
        '  when: manage | bool',
        '',
      ].join('\n'),
      'templates/app.conf.j2': 'x\n',
    });
    expect(r.tasks.map((t) => [t.outcome, t.reason])).toEqual([['converted', undefined]]);
    const body = recipeBody(r, 'demo');
    const when = body.indexOf("only_if { node['demo']['manage'] }");
    const asRoot = body.indexOf("only_if { A2C::Tasks.become_root!(node['demo']['install_user']) }");
    expect(when).toBeGreaterThan(-1);
    expect(asRoot).toBeGreaterThan(when);
  });

  it('keeps a literal user other than root a TODO', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- become: true\n  become_user: postgres\n  file: { path: /var/lib/x, state: directory }\n',
    });
    expect(r.tasks[0]).toMatchObject({ outcome: 'todo', reason: 'become_user is converted only for commands' });
  });

  it.skipIf(!ruby)('passes for root and stops the run, naming the value, for any other user', () => {
    const run = spawnSync(
      'ruby',
      [
        '-e',
        `require '${LIBS}/a2c_tasks.rb'
p A2C::Tasks.become_root!('root')
begin
  A2C::Tasks.become_root!('influxdb')
rescue A2C::Tasks::UnknownValue => e
  puts e.message
end`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('true\nansible2chef: become_user "influxdb": this resource runs as root; converted only for root\n');
  });
});
