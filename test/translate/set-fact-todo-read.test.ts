// A set_fact without a translation (a controller lookup here) sets a name that also has a role vars
// value: in Ansible the fact outranks the role's value from that task on, so a later read takes the
// fact. The cookbook never stores it, and `run_state.fetch(name) { role value }` would silently read
// the role's "" instead: such a read is a TODO naming the set_fact. A read the same task file makes
// before the set_fact runs stays converted. Checked with ansible-playbook.
import { describe, expect, it } from 'vitest';
import { convertRole, formatDiagnostic, recipeBody } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ready = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

const SET = ['- name: compute path', '  set_fact:', "    tpath: \"{{ lookup('pipe', 'echo fromfact') }}\""];
const read = (name: string) => [`- name: ${name}`, '  debug:', `    msg: "${name}={{ tpath }}"`];
const tasks = (...parts: string[][]) => `${parts.flat().join('\n')}\n`;

const diagnosticsOf = async (files: Record<string, string>) =>
  (await convertRole({ 'vars/main.yml': 'tpath: ""\n', ...files })).diagnostics.map(formatDiagnostic).join('\n');

describe('a read of a name a TODO set_fact sets', () => {
  it('is a TODO naming the set_fact where it follows it', async () => {
    const result = await convertRole({ 'vars/main.yml': 'tpath: ""\n', 'tasks/main.yml': tasks(SET, read('after')) });
    const diags = result.diagnostics.map(formatDiagnostic).join('\n');
    expect(diags).toMatch(/tasks\/main\.yml:6:\d+: warning A2C-TODO-UNSET-READ .*tpath is set by the set_fact task at tasks\/main\.yml:1,/);
    expect(recipeBody(result, 'demo')).not.toContain("fetch('tpath')");
  });

  it('stays converted where the same task file reads it before the set_fact', async () => {
    const result = await convertRole({ 'vars/main.yml': 'tpath: ""\n', 'tasks/main.yml': tasks(read('before'), SET) });
    expect(result.diagnostics.map(formatDiagnostic).join('\n')).not.toContain('A2C-TODO-UNSET-READ');
    expect(recipeBody(result, 'demo')).toContain("node.run_state.fetch('tpath') { node['demo']['tpath'] }");
  });

  it('is a TODO in a handler, which runs after the tasks, even one written above the set_fact', async () => {
    const diags = await diagnosticsOf({
      'tasks/main.yml': tasks(['- name: notify', '  command: /bin/true', '  notify: show'], SET),
      'handlers/main.yml': tasks(read('show')),
    });
    expect(diags).toMatch(
      /handlers\/main\.yml:\d+:\d+: warning A2C-TODO-UNSET-READ .*tpath is set by the set_fact task at tasks\/main\.yml:4,/,
    );
  });

  it('is a TODO in another task file the set_fact may precede', async () => {
    const diags = await diagnosticsOf({
      'tasks/main.yml': tasks(SET, ['- import_tasks: other.yml']),
      'tasks/other.yml': tasks(read('other')),
    });
    expect(diags).toMatch(/tasks\/other\.yml:3:\d+: warning A2C-TODO-UNSET-READ .*tasks\/main\.yml:1,/);
  });

  it('is a TODO in a task file an include loops over: a later pass reads the fact', async () => {
    const diags = await diagnosticsOf({
      'tasks/main.yml': tasks(['- include_tasks: loop.yml', '  loop: [1, 2]']),
      'tasks/loop.yml': tasks(read('looped'), SET),
    });
    expect(diags).toMatch(/tasks\/loop\.yml:3:\d+: warning A2C-TODO-UNSET-READ .*tasks\/loop\.yml:4,/);
  });

  it.skipIf(!ready)("takes the set_fact's value in Ansible once it has run, the role's value before", () => {
    withLocalPlay(
      () => ({
        'site.yml': '- hosts: all\n  connection: local\n  gather_facts: false\n  roles: [r]\n',
        'roles/r/vars/main.yml': 'tpath: ""\n',
        'roles/r/tasks/main.yml': tasks(read('before'), SET, read('after')),
      }),
      (run) => {
        expect(run.status, run.log).toBe(0);
        expect(run.log).toContain('"msg": "before="');
        expect(run.log).toContain('"msg": "after=fromfact"');
      },
    );
  });
});
