// include_role / import_role with `tasks_from`: Ansible 2.14 loads the role's handlers there too
// (ansible-playbook on a role whose tasks/x.yml notifies a handler of handlers/main.yml: the handler
// runs). The converted include must declare them, or Chef aborts the run before the converge on a
// notification whose target was never declared (OSA keystone.yml play 3 includes os_keystone's
// main_pre.yml, which notifies `Restart ssh`).
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { supportCookbookFiles } from '../../src/support-cookbook/files.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';
import { convertProject, outputText, recipeBody, type TextTree } from '../helpers/convert-helpers.js';

const ROLE: TextTree = {
  'roles/r/tasks/main.yml': '- name: main\n  ansible.builtin.debug:\n    msg: main\n',
  'roles/r/tasks/x.yml': '- name: change\n  ansible.builtin.command: /bin/true\n  notify: Restart it\n',
  'roles/r/handlers/main.yml': '- name: Restart it\n  ansible.builtin.debug:\n    msg: restarted\n',
};

/** A handler that restarts a service the role's default recipe declares. */
const SERVICE_ROLE: TextTree = {
  'roles/r/tasks/main.yml': '- name: main\n  ansible.builtin.service:\n    name: svc\n    state: started\n',
  'roles/r/tasks/x.yml': '- name: change\n  ansible.builtin.command: /bin/true\n  notify: restart svc\n',
  'roles/r/handlers/main.yml': '- name: restart svc\n  ansible.builtin.service:\n    name: svc\n    state: restarted\n',
};

const play = (task: string) => `- hosts: all\n  gather_facts: false\n  tasks:\n${task}`;
const INCLUDE = '    - name: pre\n      ansible.builtin.include_role:\n        name: r\n        tasks_from: x.yml\n';

describe('include_role tasks_from: the role handlers come with the task file', () => {
  it("includes the role's handlers recipe before the task file's recipe (include_role and import_role)", async () => {
    for (const module of ['include_role', 'import_role']) {
      const r = await convertProject({ ...ROLE, 'site.yml': play(INCLUDE.replace('include_role', module)) });
      const recipe = [...r.files.keys()].find((p) => /^site_playbook\/recipes\/play1.*\.rb$/.test(p))!;
      expect(
        outputText(r, recipe)
          .split('\n')
          .filter((l) => l.startsWith('include_recipe')),
      ).toEqual(["include_recipe 'r::handlers'", "include_recipe 'r::x'"]);
      expect(recipeBody(r, 'r', 'handlers')).toContain("log 'Restart it' do");
    }
  });

  it('tasks_from main.yml (the default recipe includes its handlers) and a role without handlers add nothing', async () => {
    const main = await convertProject({ ...ROLE, 'site.yml': play(INCLUDE.replace('x.yml', 'main.yml')) });
    const recipe = [...main.files.keys()].find((p) => /^site_playbook\/recipes\/play1.*\.rb$/.test(p))!;
    expect(
      outputText(main, recipe)
        .split('\n')
        .filter((l) => l.startsWith('include_recipe')),
    ).toEqual(["include_recipe 'r::default'"]);
    const { 'roles/r/handlers/main.yml': _, ...bare } = ROLE;
    const none = await convertProject({
      ...bare,
      'roles/r/tasks/x.yml': '- name: change\n  ansible.builtin.command: /bin/true\n',
      'site.yml': play(INCLUDE),
    });
    const noneRecipe = [...none.files.keys()].find((p) => /^site_playbook\/recipes\/play1.*\.rb$/.test(p))!;
    expect(
      outputText(none, noneRecipe)
        .split('\n')
        .filter((l) => l.startsWith('include_recipe')),
    ).toEqual(["include_recipe 'r::x'"]);
  });

  it('names the handlers recipe as the role does when a task file is called handlers.yml', async () => {
    const r = await convertProject({
      ...ROLE,
      'roles/r/tasks/handlers.yml': '- name: h\n  ansible.builtin.debug:\n    msg: h\n',
      'site.yml': play(INCLUDE),
    });
    const recipe = [...r.files.keys()].find((p) => /^site_playbook\/recipes\/play1.*\.rb$/.test(p))!;
    expect(outputText(r, recipe)).toContain("include_recipe 'r::handlers_2'");
    expect(recipeBody(r, 'r', 'handlers_2')).toContain("log 'Restart it' do");
  });

  it('keeps a service handler a resource of the handlers recipe when the role is entered by a task file', async () => {
    // Elsewhere the notification goes to the service the default recipe declares, which such an
    // entry does not run.
    const r = await convertProject({ ...SERVICE_ROLE, 'site.yml': play(INCLUDE) });
    const recipe = [...r.files.keys()].find((p) => /^site_playbook\/recipes\/play1.*\.rb$/.test(p))!;
    expect(
      outputText(r, recipe)
        .split('\n')
        .filter((l) => l.startsWith('include_recipe')),
    ).toEqual(["include_recipe 'r::handlers'", "include_recipe 'r::x'"]);
    expect(recipeBody(r, 'r', 'handlers')).toContain("service 'restart svc' do");
    expect(recipeBody(r, 'r', 'x')).toContain("notifies :restart, 'service[restart svc]', :delayed");
  });

  it.skipIf(!compileReady())(
    "compiles: the task file's notification finds its handler (Chef resolves every target before converging)",
    async () => {
      for (const role of [ROLE, SERVICE_ROLE]) {
        const r = await convertProject({ ...role, 'site.yml': play(INCLUDE) });
        const files = new Map<string, string | Uint8Array>(
          supportCookbookFiles().map((f) => [`ansible2chef_support/${f.path}`, f.content]),
        );
        for (const [p, c] of r.files) files.set(p, c);
        const runs = compileCheck(files, compileInputs(false));
        expect(runs.length).toBeGreaterThan(0);
        expect(runs.filter((run) => !run.ok)).toEqual([]);
      }
    },
    120_000,
  );
});
