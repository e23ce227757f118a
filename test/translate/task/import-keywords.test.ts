// import_tasks and import_role are static: Ansible gives the import's keywords to every imported task
// that sets none. The import became `include_recipe` of a shared recipe, and its ignore_errors,
// become_user, environment and check_mode were dropped without a word (a failing imported command
// stopped the Chef run where Ansible went on; a check_mode import made its changes). Checked with
// ansible-playbook: the failure is ignored, the check_mode tasks change nothing, the other tasks run;
// then the conversion: the imported tasks are translated in place with the keywords as their own
// (ignore_failure, user, environment, a check_mode TODO), and import_role's keywords reach the role's
// tasks as a roles: entry's do. include_tasks' keywords apply to the include alone, as in Ansible.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const tree = (out: string): Record<string, string> => ({
  'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [demo]\n',
  'roles/demo/defaults/main.yml': `out: ${out}\n`,
  'roles/demo/tasks/main.yml': [
    '- import_tasks: fails.yml',
    '  ignore_errors: true',
    '- import_tasks: probe.yml',
    '  check_mode: true',
    '- import_role: {name: side}',
    '  check_mode: true',
    '- include_tasks: fails-ok.yml',
    '  ignore_errors: true',
    '- name: after',
    '  file: {path: "{{ out }}/after", state: touch}',
    '',
  ].join('\n'),
  'roles/demo/tasks/fails.yml':
    '- name: fails\n  command: /bin/false\n- name: still runs\n  file: {path: "{{ out }}/still", state: touch}\n',
  'roles/demo/tasks/probe.yml': '- block:\n    - name: would touch\n      file: {path: "{{ out }}/probed", state: touch}\n',
  'roles/demo/tasks/fails-ok.yml': '- name: runs\n  file: {path: "{{ out }}/included", state: touch}\n',
  'roles/side/tasks/main.yml': '- name: side effect\n  file: {path: "/tmp/a2c-side-{{ 1 + 1 }}", state: absent}\n',
});

describe('keywords of a static import', () => {
  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

  it.skipIf(!playbook)(
    'Ansible applies them to each imported task',
    () => {
      withLocalPlay(tree, (run) => {
        expect(run.status, run.log).toBe(0);
        expect(run.log).toContain('...ignoring');
        expect(['still', 'after', 'included'].filter((f) => existsSync(join(run.dir, f)))).toEqual(['still', 'after', 'included']);
        expect(existsSync(join(run.dir, 'probed'))).toBe(false);
        // The role's task ran in check mode too: it reports the change and makes none.
        expect(run.log).toMatch(/TASK \[side : side effect\][^\n]*\n(ok|changed): \[localhost\]/);
      });
    },
    120_000,
  );

  it('converts each imported task with them as its own', async () => {
    const r = await convertProject(tree('/srv/x'));
    const recipe = outputText(r, 'demo/recipes/default.rb');
    // ignore_errors reaches each imported task: the failing command and the one after it.
    expect(recipe).toContain("execute 'fails' do\n  command ['/bin/false']\n  ignore_failure true\nend");
    expect(recipe).toContain("file \"#{node['demo']['out']}/still\" do\n  ignore_failure true\n  action :touch\nend");
    // check_mode: the imported task (inside a block) is a TODO saying where the keyword came from.
    expect(recipe).toContain('#   # and, from its import: check_mode (roles/demo/tasks/main.yml:4)');
    expect(recipe).not.toContain('/probed" do');
    const outcome = (file: string, line: number) => r.tasks.find((t) => t.span.file.endsWith(file) && t.span.line === line)?.outcome;
    expect(outcome('demo/tasks/probe.yml', 2)).toBe('todo');
    // import_role: the role's tasks get it, as from a roles: entry.
    expect(outcome('side/tasks/main.yml', 1)).toBe('todo');
    expect(outcome('demo/tasks/main.yml', 5)).toBe('converted');
    // include_tasks' ignore_errors is the include's own: the included task converts without it.
    expect(outputText(r, 'demo/recipes/fails_ok.rb')).not.toContain('ignore_failure');
  });

  it('refuses an import whose keywords would reach a dynamic include inside it', async () => {
    const r = await convertProject({
      'site.yml': '- hosts: all\n  roles: [demo]\n',
      'roles/demo/tasks/main.yml': '- import_tasks: outer.yml\n  ignore_errors: true\n',
      'roles/demo/tasks/outer.yml': '- include_tasks: inner.yml\n',
      'roles/demo/tasks/inner.yml': '- command: /bin/false\n',
    });
    const d = r.diagnostics.find((x) => x.code === 'A2C-TODO-INCLUDE');
    expect(d?.message).toBe(
      'import_tasks ignore_errors: Ansible applies it also to the tasks of the include_tasks at roles/demo/tasks/outer.yml:1, which are converted without it',
    );
    expect(r.tasks.find((t) => t.span.line === 1 && t.span.file.endsWith('demo/tasks/main.yml'))?.outcome).toBe('todo');
  });
});
