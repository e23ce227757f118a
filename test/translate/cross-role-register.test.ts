// A result one role registers and another role reads (cross-role-register.ts): read from
// node.run_state where every play running the reader lists the registering role before it (so
// each Policyfile's run list, and each node file's, runs the registering recipe first), else
// today's TODO with its reason.
import { describe, expect, it } from 'vitest';
import { convertProject, outputText, recipeBody } from '../helpers/convert-helpers.js';
import type { ConversionResult } from '../../src/convert.js';

const REGISTER = '- name: selinux state\n  command: getenforce\n  register: sestatus\n  changed_when: false\n';
const READS = [
  '- name: by rc',
  '  file: {path: /tmp/a, state: touch}',
  '  when: sestatus.rc != 0',
  '- name: by test',
  '  file: {path: /tmp/b, state: touch}',
  '  when: sestatus is changed',
  '',
].join('\n');
const CROSS = "'sestatus' is registered only by tasks of other roles or plays";

function project(site: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'site.yml': site,
    hosts: '[web]\nweb1\n[db]\ndb1\n',
    'roles/common/tasks/main.yml': REGISTER,
    'roles/web/tasks/main.yml': READS,
    ...extra,
  };
}

const outcomes = (r: ConversionResult, file: string) => r.tasks.filter((t) => t.span.file === file).map((t) => t.outcome);
const readTodos = (r: ConversionResult) => r.tasks.filter((t) => t.span.file === 'roles/web/tasks/main.yml' && t.outcome === 'todo');

describe('a registered result read by another role', () => {
  it('is read from run_state where the play runs the registering role first, which the reader depends on', async () => {
    const r = await convertProject(project('- hosts: web\n  roles: [common, web]\n'));
    expect(outcomes(r, 'roles/web/tasks/main.yml')).toEqual(['converted', 'converted']);
    const body = recipeBody(r, 'web');
    expect(body).toContain("only_if { A2C::Tasks.registered(node.run_state, 'sestatus')['rc'] != 0 }");
    expect(body).toContain("only_if { A2C::Tasks.registered(node.run_state, 'sestatus')['changed'] }");
    expect(outputText(r, 'policyfiles/site.rb')).toContain("run_list 'common::default', 'web::default'");
    expect(outputText(r, 'web/metadata.rb')).toContain("depends 'common'");
    expect(outputText(r, 'web/README.md')).toContain(
      "'sestatus' is registered by cookbook common, which every play running this role runs first: read from node.run_state",
    );
    // The registering cookbook is untouched: the same ruby_block as with a reader of its own.
    expect(recipeBody(r, 'common')).toContain("A2C::Tasks.register_command(node.run_state, 'sestatus', ['getenforce']");
  });

  it('holds in every play that runs the reader, whatever the roles are named (translated providers first)', async () => {
    // 'a_reader' sorts before 'z_common': the provider is still translated first.
    const r = await convertProject({
      'site.yml': '- hosts: web\n  roles: [z_common, a_reader]\n- hosts: db\n  roles: [z_common, other, a_reader]\n',
      hosts: '[web]\nweb1\n[db]\ndb1\n',
      'roles/z_common/tasks/main.yml': REGISTER,
      'roles/other/tasks/main.yml': '- file: {path: /tmp/o, state: touch}\n',
      'roles/a_reader/tasks/main.yml': READS,
    });
    expect(outcomes(r, 'roles/a_reader/tasks/main.yml')).toEqual(['converted', 'converted']);
    // The cookbooks keep their order (by role name).
    expect(r.cookbooks.map((c) => c.name).slice(0, 3)).toEqual(['a_reader', 'other', 'z_common']);
    // Only a role that reads the result depends on the registering one.
    expect(outputText(r, 'a_reader/metadata.rb')).toContain("depends 'z_common'");
    expect(outputText(r, 'other/metadata.rb')).not.toContain("depends 'z_common'");
    expect(outputText(r, 'other/README.md')).not.toContain('sestatus');
  });

  it('keeps the skipped record of a registering task with its own when, or its role entry’s', async () => {
    const guarded = REGISTER.replace('changed_when: false\n', 'changed_when: false\n  when: check_selinux | bool\n');
    for (const [site, common] of [
      ['- hosts: web\n  roles: [common, web]\n', guarded],
      ['- hosts: web\n  roles: [{role: common, when: check_selinux | bool}, web]\n', REGISTER],
    ] as const) {
      const r = await convertProject(
        project(site, {
          'roles/common/tasks/main.yml': common,
          'roles/common/defaults/main.yml': 'check_selinux: false\n',
          'roles/web/tasks/main.yml': '- file: {path: /tmp/s, state: touch}\n  when: sestatus is skipped\n',
        }),
      );
      expect(outcomes(r, 'roles/web/tasks/main.yml')).toEqual(['converted']);
      // Ansible registers a skipped result where the condition is false: so does the record.
      expect(recipeBody(r, 'common')).toContain(": A2C::Tasks.store(node.run_state, 'sestatus', A2C::Tasks.skipped_result)");
      expect(recipeBody(r, 'web')).toContain(
        "only_if { A2C::Tasks.result?(A2C::Tasks.registered(node.run_state, 'sestatus'), 'skipped') }",
      );
    }
  });

  it('is read in a template of the reader as in its tasks', async () => {
    const r = await convertProject(
      project('- hosts: web\n  roles: [common, web]\n', {
        'roles/web/tasks/main.yml': '- template: {src: mode.j2, dest: /etc/mode}\n',
        'roles/web/templates/mode.j2': 'mode={{ sestatus.stdout }}\n',
      }),
    );
    expect(outcomes(r, 'roles/web/tasks/main.yml')).toEqual(['converted']);
    expect(outputText(r, 'web/templates/mode.erb')).toContain("A2C::Tasks.registered(node.run_state, 'sestatus')['stdout']");
  });

  it('finds the name as a whole word of the reader’s bytes: beside multi-byte characters, never inside a longer word', async () => {
    const r = await convertProject(
      project('- hosts: web\n  roles: [common, other, web]\n', {
        'roles/other/tasks/main.yml': '- file: {path: /tmp/sestatus_old/xsestatus, state: touch}\n',
        'roles/web/tasks/main.yml': '- template: {src: mode.j2, dest: /etc/mode}\n',
        'roles/web/templates/mode.j2': 'é{{sestatus.stdout}}ü\n',
      }),
    );
    expect(outputText(r, 'web/templates/mode.erb')).toContain("A2C::Tasks.registered(node.run_state, 'sestatus')['stdout']");
    expect(outputText(r, 'web/metadata.rb')).toContain("depends 'common'");
    expect(outputText(r, 'other/metadata.rb')).not.toContain("depends 'common'");
  });

  it("reads a resource task's recorded state, never by subscribing to another cookbook's resource", async () => {
    const r = await convertProject(
      project('- hosts: web\n  roles: [common, web]\n', {
        'roles/common/tasks/main.yml': [
          '- copy: {content: "x\\n", dest: /etc/app.conf}',
          '  register: conf',
          // Read beyond `is changed` in its own role: the state is recorded.
          '- file: {path: /tmp/c, state: touch}',
          '  when: conf.dest is defined',
          '',
        ].join('\n'),
        'roles/web/tasks/main.yml': '- file: {path: /tmp/w, state: touch}\n  when: conf is changed\n',
      }),
    );
    expect(outcomes(r, 'roles/web/tasks/main.yml')).toEqual(['converted']);
    const body = recipeBody(r, 'web');
    expect(body).not.toContain('subscribes');
    expect(body).toContain("A2C::Tasks.registered(node.run_state, 'conf')");
  });

  it("leaves a TODO where the registering role's result is not recorded (read only here)", async () => {
    const r = await convertProject(
      project('- hosts: web\n  roles: [common, web]\n', {
        'roles/common/tasks/main.yml': '- copy: {content: "x\\n", dest: /etc/app.conf}\n  register: conf\n',
        'roles/web/tasks/main.yml': '- file: {path: /tmp/w, state: touch}\n  when: conf.dest is defined\n',
      }),
    );
    expect(readTodos(r).map((t) => t.reason)).toEqual([
      expect.stringContaining("'conf' is registered only by tasks of other roles or plays"),
    ]);
  });

  it.each([
    [
      'an earlier play runs the registering role (its Policyfile is not the reader’s)',
      '- hosts: all\n  roles: [common]\n- hosts: web\n  roles: [web]\n',
      {},
    ],
    ['the reader is listed before the registering role', '- hosts: web\n  roles: [web, common]\n', {}],
    ['another play runs the reader without it', '- hosts: web\n  roles: [common, web]\n- hosts: db\n  roles: [web]\n', {}],
    [
      'the registering task is in another task file',
      '- hosts: web\n  roles: [common, web]\n',
      { 'roles/common/tasks/main.yml': '- import_tasks: selinux.yml\n', 'roles/common/tasks/selinux.yml': REGISTER },
    ],
    [
      'the reader is also a dependency of another role',
      '- hosts: web\n  roles: [common, web]\n',
      { 'roles/app/meta/main.yml': 'dependencies: [web]\n', 'roles/app/tasks/main.yml': '- file: {path: /tmp/p, state: touch}\n' },
    ],
    [
      'a play task also includes the registering role',
      '- hosts: web\n  roles: [common, web]\n- hosts: db\n  tasks:\n    - include_role: {name: common}\n',
      {},
    ],
    ['two roles register the name', '- hosts: web\n  roles: [common, base, web]\n', { 'roles/base/tasks/main.yml': REGISTER }],
    [
      'a set_fact sets the name too',
      '- hosts: web\n  roles: [common, base, web]\n',
      { 'roles/base/tasks/main.yml': '- set_fact: {sestatus: {rc: 0}}\n' },
    ],
    [
      // Ansible hands a run_once task's result to every host; the task is a TODO itself.
      'the registering task runs once',
      '- hosts: web\n  roles: [common, web]\n',
      { 'roles/common/tasks/main.yml': `${REGISTER}  run_once: true\n` },
    ],
    [
      'the registering task is tagged never',
      '- hosts: web\n  roles: [common, web]\n',
      { 'roles/common/tasks/main.yml': `${REGISTER}  tags: [never, selinux]\n` },
    ],
    [
      'the registering role is used with different conditions',
      '- hosts: web\n  roles: [{role: common, when: x | bool}, web]\n- hosts: db\n  roles: [common]\n',
      { 'roles/common/defaults/main.yml': 'x: true\n' },
    ],
    ['the registering role is tagged never in the play', '- hosts: web\n  roles: [{role: common, tags: never}, web]\n', {}],
  ])('stays a TODO where %s', async (_what, site, extra) => {
    const r = await convertProject(project(site, extra as Record<string, string>));
    const todos = readTodos(r);
    expect(todos.map((t) => t.span.line)).toEqual([1, 4]);
    for (const t of todos) expect(t.reason).toContain(CROSS);
    expect(outputText(r, 'web/metadata.rb')).not.toContain("depends 'common'");
  });

  it('stays a TODO in a play task reading a role’s result (play tasks are not proven)', async () => {
    const r = await convertProject(
      project('- hosts: web\n  roles: [common]\n  tasks:\n    - file: {path: /tmp/t, state: touch}\n      when: sestatus.rc != 0\n'),
    );
    expect(r.tasks.find((t) => t.span.file === 'site.yml')?.reason).toContain(CROSS);
  });
});
