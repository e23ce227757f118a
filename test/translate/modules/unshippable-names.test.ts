// A template or file whose name the output cannot hold (a newline, another control character, a
// backslash) is never written: the task that uses it must be a counted TODO with an error at the
// name, never a resource referring to a file the cookbook does not have.
import { describe, expect, it } from 'vitest';
import { convertProject, convertRole, formatDiagnostic, recipeBody } from '../../helpers/convert-helpers.js';

const task = (module: string, src: string, extra = '') => `- ${module}:\n    src: ${JSON.stringify(src)}\n    dest: /etc/x\n${extra}`;

describe('template and file names the cookbook cannot ship', () => {
  it.each([
    ['ansible.builtin.template', 'templates/new\nline.j2', 'new\nline.j2', 'template'],
    ['ansible.builtin.template', 'templates/back\\slash.j2', 'back\\slash.j2', 'template'],
    ['ansible.builtin.copy', 'files/new\nline.txt', 'new\nline.txt', 'file'],
    ['ansible.builtin.copy', 'files/tab\there', 'tab\there', 'file'],
    ['ansible.builtin.unarchive', 'files/a\nb.tgz', 'a\nb.tgz', 'archive'],
    // through the plugin API's template() (config_template renders its src the same way)
    ['openstack.config_template.config_template', 'templates/new\nline.j2', 'new\nline.j2', 'template', '    config_type: ini\n'],
  ])('%s src %j: a TODO with an error at the name, nothing written', async (module, path, src, kind, extra = '') => {
    const r = await convertRole({ 'tasks/main.yml': task(module, src, extra), [path]: 'x\n' });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
    expect(r.stats.todo).toBe(1);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      `tasks/main.yml:2:10: error A2C-UNSAFE-PATH ${kind} name ${JSON.stringify(src)} holds a control character or backslash: the cookbook cannot ship a file of that name; not converted`,
    ]);
    const body = recipeBody(r, 'demo');
    expect(body).toContain('# TODO(ansible2chef): A2C-UNSAFE-PATH');
    expect(body).not.toMatch(/^(template|cookbook_file|archive_file) /m);
    expect([...r.files.keys()].filter((f) => f.startsWith('demo/templates/') || f.startsWith('demo/files/'))).toEqual([]);
  });

  it('a templated template src chooses only among the templates the cookbook ships', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- template:\n    src: "{{ which }}"\n    dest: /etc/x\n',
      'defaults/main.yml': 'which: good.j2\n',
      'templates/good.j2': 'ok\n',
      'templates/bad\nname.j2': 'bad\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect([...r.files.keys()].filter((f) => f.startsWith('demo/templates/'))).toEqual(['demo/templates/good.erb']);
    expect(r.diagnostics.filter((d) => d.code === 'A2C-UNSAFE-PATH')).toEqual([]);
    expect(recipeBody(r, 'demo')).toContain(
      'templates not translated or not shippable under their name (a value naming one fails the run): "bad\\nname.j2"',
    );
  });

  it('a templated copy src ships only the files it can, and is a TODO when it can ship none', async () => {
    const some = await convertRole({
      'tasks/main.yml': '- copy:\n    src: "{{ which }}"\n    dest: /etc/x\n',
      'defaults/main.yml': 'which: good\n',
      'files/good': 'ok\n',
      'files/bad\nname': 'bad\n',
    });
    expect(some.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect([...some.files.keys()].filter((f) => f.startsWith('demo/files/'))).toEqual(['demo/files/good']);
    expect(some.diagnostics.filter((d) => d.code === 'A2C-UNSAFE-PATH')).toEqual([]);
    expect(recipeBody(some, 'demo')).toContain('files not shippable under their name (a value naming one fails the run): "bad\\nname"');

    const none = await convertRole({
      'tasks/main.yml': '- copy:\n    src: "{{ which }}"\n    dest: /etc/x\n',
      'defaults/main.yml': 'which: good\n',
      'files/bad\nname': 'bad\n',
    });
    expect(none.tasks.map((t) => t.outcome)).toEqual(['todo']);
    expect([...none.files.keys()].filter((f) => f.startsWith('demo/files/'))).toEqual([]);
  });

  it('a templated src under a folder no file of the input lies in is a missing file, not converter work', async () => {
    const task = '- copy:\n    src: "gpg/{{ key | basename }}"\n    dest: /etc/x\n';
    const none = await convertRole({ 'tasks/main.yml': task, 'defaults/main.yml': 'key: /etc/k/a.asc\n' });
    expect(none.tasks.map((t) => [t.outcome, t.code])).toEqual([['todo', 'A2C-MISSING-FILE']]);
    expect(none.tasks[0]!.reason).toContain('no file of the input lies under gpg/');
    // A src with no literal folder, in a role without files/ and no play folder of the input holding a
    // file: a file on the controller outside the input, kept as controller work (as a fetched file is).
    const controller = await convertRole({
      'tasks/main.yml': '- copy:\n    src: "{{ key }}"\n    dest: /etc/x\n',
      'defaults/main.yml': 'key: /etc/k/a.asc\n',
    });
    expect(controller.tasks.map((t) => [t.outcome, t.code])).toEqual([['todo', 'A2C-TODO-CONTROLLER']]);
    expect(controller.tasks[0]!.reason).toContain('the role has no files/ to choose among: Ansible reads it on the controller');
    expect(controller.tasks[0]!.reason).toContain('no play folder of the input holds a file');
    // Where the role holds that folder, the src is chosen among its files as before.
    const some = await convertRole({ 'tasks/main.yml': task, 'defaults/main.yml': 'key: /etc/k/a.asc\n', 'files/gpg/a.asc': 'k\n' });
    expect(some.tasks.map((t) => t.outcome)).toEqual(['converted']);
  });

  it("a run-time src of a role without files/ stays converter work where a play's folder in the input holds files", async () => {
    const role = {
      'roles/demo/tasks/main.yml': '- copy:\n    src: "{{ key }}"\n    dest: /etc/x\n',
      'roles/demo/defaults/main.yml': 'key: a.asc\n',
      'site.yml': '- hosts: all\n  roles: [demo]\n',
    };
    for (const extra of ['files/a.asc', 'files/keys/a.asc', 'a.asc'].map((p): Record<string, string> => ({ [p]: 'k\n' }))) {
      const r = await convertProject({ ...role, ...extra });
      expect(r.tasks.map((t) => [t.outcome, t.code])).toEqual([['todo', 'A2C-TODO-PARAM']]);
    }
    // The playbook itself is no candidate: only the controller is left.
    const alone = await convertProject(role);
    expect(alone.tasks.map((t) => [t.outcome, t.code])).toEqual([['todo', 'A2C-TODO-CONTROLLER']]);
  });
});
