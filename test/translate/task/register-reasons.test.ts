// A condition on a registered result that cannot be read says why: the registering task is a TODO
// (or comes later), or it has no single resource whose result could be read.
import { describe, expect, it } from 'vitest';
import { convertProject, convertRole, outputText } from '../../helpers/convert-helpers.js';
import { NEEDS } from '../../../src/report/needs.js';

const todoOf = (text: string, line: string) => text.split('\n').find((l) => l.includes('A2C-TODO') && l.includes(line));

describe('why a registered result cannot be read', () => {
  it('names the registering task that stayed a TODO', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: unknown module registers',
        '  frobnicate: {x: 1}',
        '  register: frob',
        '- name: depends on it',
        '  file: {path: /tmp/x, state: touch}',
        '  when: frob is changed and other_flag | bool',
        '',
      ].join('\n'),
      'defaults/main.yml': 'other_flag: true\n',
    });
    const d = r.diagnostics.find((x) => x.message.includes("'is changed' on a registered result"));
    expect(d?.message).toContain("no earlier converted task of this cookbook registers 'frob'");
    expect(d?.span?.line).toBe(6);
    expect(todoOf(outputText(r, 'demo/recipes/default.rb'), "registers 'frob'")).toBe(
      "# TODO(ansible2chef): A2C-TODO-UNSET-READ condition not translated: 'is changed' on a registered result: no earlier converted task of this cookbook registers 'frob' (the task that registers it is a TODO, or comes later) (test:changed)",
    );
  });

  it('says a looped registration has no single resource to read', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: looped',
        '  file: {path: "/tmp/{{ item }}", state: directory}',
        '  loop: [a, b]',
        '  register: dirs',
        '- name: depends on it',
        '  file: {path: /tmp/y, state: touch}',
        // Read beyond whether it changed (a loop's result read only so converts: register-reads.test.ts).
        '  when: dirs is changed and other_flag | bool and dirs.results | length > 1',
        '',
      ].join('\n'),
      'defaults/main.yml': 'other_flag: true\n',
    });
    const d = r.diagnostics.find((x) => x.message.includes("'is changed' on a registered result"));
    expect(d?.message).toContain("the task registering 'dirs' has no single resource");
    // The looped task itself still converts.
    expect(r.tasks.find((t) => t.span.line === 1)?.outcome).toBe('converted');
    expect(r.tasks.find((t) => t.span.line === 5)?.outcome).toBe('todo');
  });

  it('says a registered result read by a template is one, not an undefined variable', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- name: unknown module registers\n  frobnicate: {x: 1}\n  register: frob\n- name: reads it\n  command: echo {{ frob.rc }}\n',
    });
    const d = r.diagnostics.find((x) => x.span?.line === 5 || (x.message.includes("'frob'") && x.code === 'A2C-TODO-JINJA'));
    expect(d?.message).toContain("'frob' is a registered result that cannot be read here");
    expect(d?.message).not.toContain('is not defined in the project');
  });

  it('sets a fact from a registered result when its task runs, and keeps it a TODO where a default could be read instead', async () => {
    const tasks = '- name: look\n  stat: {path: /etc/x}\n  register: st\n- name: remember\n  set_fact:\n    seen: "{{ st.stat.exists }}"\n';
    const r = await convertRole({ 'tasks/main.yml': tasks });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
    expect(outputText(r, 'demo/recipes/default.rb')).toContain("A2C::Tasks.set_fact(node.run_state, 'seen', ");
    const withDefault = await convertRole({ 'tasks/main.yml': tasks, 'defaults/main.yml': 'seen: false\n' });
    expect(withDefault.tasks.map((t) => t.outcome)).toEqual(['converted', 'todo']);
    const d = withDefault.diagnostics.find((x) => x.code === 'A2C-TODO-REGISTER');
    expect(d?.message).toBe(
      "set_fact seen reads a registered result, which does not exist yet when the recipe compiles; 'seen' is also set elsewhere, whose value a skipped task would leave readable",
    );
    expect(d?.span?.line).toBe(6);
  });

  it('lets a template read a result registered before it (Chef renders it at converge time)', async () => {
    const files = {
      'tasks/main.yml':
        '- name: early\n  template: {src: devices.conf.j2, dest: /etc/early.conf}\n- name: list devices\n  command: pvs --noheadings\n  register: devs\n  changed_when: false\n- name: late\n  template: {src: devices.conf.j2, dest: /etc/late.conf}\n',
      'templates/devices.conf.j2': 'devices = {{ devs.stdout_lines | join(",") }}\n',
    };
    const r = await convertRole(files);
    // The first use comes before the registration: the result does not exist yet there.
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo', 'converted', 'converted']);
    expect(outputText(r, 'demo/templates/devices.conf.erb')).toContain("A2C::Tasks.registered(node.run_state, 'devs')");
  });

  it('reads the fact once a set_fact has replaced a registered result, and nothing when that set_fact is a TODO', async () => {
    const tasks = [
      '- name: version',
      '  command: mysql --version',
      '  register: ver',
      '  changed_when: false',
      '- name: keep the number',
      '  set_fact:',
      '    ver: "{{ ver.stdout.split()[2] }}"',
      '- name: use it',
      '  command: echo {{ ver }}',
      '',
    ].join('\n');
    const r = await convertRole({ 'tasks/main.yml': tasks });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'converted']);
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe.indexOf("A2C::Tasks.set_fact(node.run_state, 'ver', ")).toBeLessThan(recipe.indexOf("execute 'use it'"));
    const withDefault = await convertRole({ 'tasks/main.yml': tasks, 'defaults/main.yml': 'ver: "0"\n' });
    expect(withDefault.tasks.map((t) => t.outcome)).toEqual(['converted', 'todo', 'todo']);
    const d = withDefault.diagnostics.find((x) => x.span?.line === 9);
    expect(d?.message).toContain("'ver' was registered, then set by the set_fact at tasks/main.yml:5");
  });

  it('drops notify from a registered stat: stat never reports a change, so Ansible never notifies', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- name: look\n  stat: {path: /etc/x}\n  register: st\n  notify: restart x\n',
      'handlers/main.yml': '- name: restart x\n  service: {name: x, state: restarted}\n',
    });
    expect(r.tasks.find((t) => t.span.file === 'tasks/main.yml')?.outcome).toBe('converted');
    expect(outputText(r, 'demo/recipes/default.rb')).not.toContain('notifies');
    expect(r.diagnostics.find((d) => d.code === 'A2C-IGNORED-NOTIFY')?.severity).toBe('info');
  });

  it('keeps notify on a registered command (the command module always reports a change)', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- name: run\n  command: /bin/true\n  register: out\n  notify: restart x\n',
      'handlers/main.yml': '- name: restart x\n  service: {name: x, state: restarted}\n',
    });
    expect(outputText(r, 'demo/recipes/default.rb')).toContain("notifies :restart, 'service[x]', :delayed");
  });

  it('notifies from a registering task only when its stored result is changed (skipped, changed_when)', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- name: run\n  command: /bin/true\n  register: out\n  when: do_it | bool\n  changed_when: out.rc == 3\n  notify: restart x\n',
      'handlers/main.yml': '- name: restart x\n  service: {name: x, state: restarted}\n',
      'defaults/main.yml': 'do_it: true\n',
    });
    expect(r.tasks.find((t) => t.span.file === 'tasks/main.yml')?.outcome).toBe('converted');
    const recipe = outputText(r, 'demo/recipes/default.rb');
    const notifier = recipe.slice(recipe.indexOf("ruby_block 'run (notify when changed)'"));
    expect(notifier).toContain("notifies :restart, 'service[x]', :delayed");
    expect(notifier).toContain("only_if { A2C::Tasks.result?(A2C::Tasks.registered(node.run_state, 'out'), 'changed') }");
    // The registering block itself notifies nothing: it runs, and counts as updated, every time.
    expect(recipe.slice(0, recipe.indexOf("ruby_block 'run (notify when changed)'"))).not.toContain('notifies :');
  });

  it("subscribes a resource that names no action with Chef's default one (command: execute runs)", async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: remove old package',
        '  package: name=grafana-data state=absent',
        '  register: old',
        '- name: clean apt cache',
        '  command: apt clean',
        '  when: old is changed',
        '',
      ].join('\n'),
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
    expect(outputText(r, 'demo/recipes/default.rb')).toContain(
      "execute 'clean apt cache' do\n  command %w(apt clean)\n  action :nothing\n  subscribes :run, 'package[grafana-data]', :immediately\nend",
    );
  });
  it("says a result only another role registers is another cookbook's, not a read that follows a TODO", async () => {
    const r = await convertProject({
      'site.yml': '- hosts: all\n  roles: [common]\n- hosts: web\n  roles: [web]\n',
      'roles/common/tasks/main.yml': '- command: getenforce\n  register: sestatus\n  changed_when: false\n',
      'roles/web/tasks/main.yml': [
        '- file: {path: /tmp/a, state: touch}',
        '  when: sestatus.rc != 0',
        '- file: {path: /tmp/b, state: touch}',
        '  when: sestatus is changed',
        '',
      ].join('\n'),
    });
    const todos = r.tasks.filter((t) => t.outcome === 'todo');
    expect(todos.map((t) => [t.span.file, t.span.line, t.code])).toEqual([
      ['roles/web/tasks/main.yml', 1, 'A2C-TODO-JINJA'],
      ['roles/web/tasks/main.yml', 3, 'A2C-TODO-JINJA'],
    ]);
    for (const t of todos) expect(t.reason).toContain("'sestatus' is registered only by tasks of other roles or plays");
    expect(r.stats.todoByNeed[NEEDS['follows-todo']]).toBe(0);
    // Registered by this role too (later): still a read that waits for that task.
    const own = await convertRole({
      'tasks/main.yml': '- file: {path: /tmp/a, state: touch}\n  when: x.rc != 0\n- command: /bin/true\n  register: x\n',
    });
    expect(own.tasks[0]?.code).toBe('A2C-TODO-UNSET-READ');
  });
});
