// `changed_when: false` on a task that notifies: the task never reports a change, so Ansible never
// runs the handlers it names. Checked with ansible-playbook (handlers that leave a marker file),
// then the conversion: the resource carries no notification, and the report says why.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../../helpers/workflow.js';
import { convertRole, outputText } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const TASKS =
  [
    '- name: never changed',
    '  command: /bin/true',
    '  changed_when: false',
    '  notify: handler one',
    '- name: never changed (Jinja literal)',
    '  command: /bin/true',
    '  changed_when: "false"',
    '  notify: [handler two]',
    '- name: changed',
    '  command: /bin/true',
    '  notify: handler three',
  ].join('\n') + '\n';

const handler = (name: string, file: string) => `- name: ${name}\n  file: {path: "{{ out }}/${file}", state: touch}\n`;
const HANDLERS = handler('handler one', 'one') + handler('handler two', 'two') + handler('handler three', 'three');

describe('changed_when: false with notify', () => {
  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

  it.skipIf(!playbook)(
    'Ansible runs none of the handlers such a task names',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-changed-when-'));
      try {
        writeTree(dir, {
          'site.yml': '- hosts: localhost\n  gather_facts: false\n  roles: [demo]\n',
          'roles/demo/tasks/main.yml': TASKS,
          'roles/demo/handlers/main.yml': HANDLERS,
        });
        const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml', '-e', `out=${dir}`], {
          cwd: dir,
          encoding: 'utf8',
          env: ansibleEnv(),
        });
        expect(r.status, r.stdout + r.stderr).toBe(0);
        expect(['one', 'two', 'three'].filter((f) => existsSync(join(dir, f)))).toEqual(['three']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('converts such a task without its notification, and says so', async () => {
    const r = await convertRole({ 'tasks/main.yml': TASKS, 'handlers/main.yml': HANDLERS });
    const recipe = outputText(r, 'demo/recipes/default.rb');
    const blocks = recipe.split(/\n(?=# tasks\/main\.yml:)/);
    const block = (title: string) => blocks.find((b) => b.includes(`execute '${title}' do`)) ?? '';
    expect(block('never changed')).not.toContain('notifies');
    expect(block('never changed (Jinja literal)')).not.toContain('notifies');
    expect(block('changed')).toContain("notifies :touch, 'file[handler three]', :delayed");
    expect(r.tasks.filter((t) => t.span.file.endsWith('tasks/main.yml')).map((t) => t.outcome)).toEqual([
      'converted',
      'converted',
      'converted',
    ]);
    const notes = r.diagnostics.filter((d) => d.code === 'A2C-IGNORED-NOTIFY');
    expect(notes.map((d) => d.span?.line)).toEqual([4, 8]);
    expect(notes[0]!.message).toContain('changed_when: false');
  });
});

// `changed_when: true` on a command: Ansible reports a change on each run and notifies, as a command
// does anyway; Chef's execute resource is an update on each run too, so the notification converts.
// With `creates` (or `removes`) Ansible skips the command yet still reports the forced change, where
// Chef skips the resource and notifies nothing: that task stays a TODO.
const FORCED =
  [
    '- name: forced change',
    '  command: /bin/true',
    '  changed_when: true',
    '  notify: handler four',
    '- name: forced change, skipped command',
    '  command: /bin/true',
    '  args:',
    '    creates: /',
    '  changed_when: true',
    '  notify: handler five',
    '- name: forced change on a template',
    '  template: {src: t.j2, dest: "{{ out }}/t"}',
    '  changed_when: true',
    '  notify: handler six',
  ].join('\n') + '\n';
const FORCED_HANDLERS = handler('handler four', 'four') + handler('handler five', 'five') + handler('handler six', 'six');

describe('changed_when: true with notify', () => {
  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

  it.skipIf(!playbook)(
    'Ansible runs the handlers of each such task, the skipped command included',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-changed-when-true-'));
      try {
        writeTree(dir, {
          'site.yml': '- hosts: localhost\n  gather_facts: false\n  roles: [demo]\n',
          'roles/demo/tasks/main.yml': FORCED,
          'roles/demo/handlers/main.yml': FORCED_HANDLERS,
          'roles/demo/templates/t.j2': 'x\n',
        });
        const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml', '-e', `out=${dir}`], {
          cwd: dir,
          encoding: 'utf8',
          env: ansibleEnv(),
        });
        expect(r.status, r.stdout + r.stderr).toBe(0);
        expect(['four', 'five', 'six'].filter((f) => existsSync(join(dir, f)))).toEqual(['four', 'five', 'six']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('converts the plain command with its notification; the skipped command and the template stay TODOs', async () => {
    const r = await convertRole({ 'tasks/main.yml': FORCED, 'handlers/main.yml': FORCED_HANDLERS, 'templates/t.j2': 'x\n' });
    const recipe = outputText(r, 'demo/recipes/default.rb');
    const blocks = recipe.split(/\n(?=# tasks\/main\.yml:)/);
    const forced = blocks.find((b) => b.includes("execute 'forced change' do")) ?? '';
    expect(forced).toContain("notifies :touch, 'file[handler four]', :delayed");
    expect(r.tasks.filter((t) => t.span.file.endsWith('tasks/main.yml')).map((t) => t.outcome)).toEqual(['converted', 'todo', 'todo']);
    const todos = r.diagnostics.filter((d) => d.code === 'A2C-TODO-KEYWORD');
    expect(todos.map((d) => d.span?.line)).toEqual([9, 13]);
    expect(todos[0]!.message).toContain('changed_when on a task that notifies handlers');
  });
});

// `changed_when: true` on debug (openstack's galera "Cluster state notice"): Ansible notifies each
// time the task runs, not where its `when` skips it. Chef's log resource counts as updated only
// under the client's count_log_resource_updates setting, so the conversion writes the message with
// log and hangs the notifications on a notify_group (which always fires them) under the same guard.
const DEBUG =
  [
    '- name: notice shown',
    '  debug: {msg: "cluster state ignored"}',
    '  changed_when: true',
    '  when: shown | bool',
    '  notify: handler seven',
    '- name: notice skipped',
    '  debug: {msg: "cluster state ignored"}',
    '  changed_when: true',
    '  when: not shown | bool',
    '  notify: handler eight',
    '- name: notice changed by a condition',
    '  debug: {msg: "x"}',
    '  changed_when: "{{ shown }}"',
    '  notify: handler nine',
  ].join('\n') + '\n';
const DEBUG_HANDLERS = handler('handler seven', 'seven') + handler('handler eight', 'eight') + handler('handler nine', 'nine');

describe('changed_when: true on debug with notify', () => {
  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

  it.skipIf(!playbook)(
    'Ansible runs the handlers of the task that runs, not of the one its when skips',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-changed-when-debug-'));
      try {
        writeTree(dir, {
          'site.yml': '- hosts: localhost\n  gather_facts: false\n  roles: [demo]\n',
          'roles/demo/defaults/main.yml': 'shown: true\n',
          'roles/demo/tasks/main.yml': DEBUG,
          'roles/demo/handlers/main.yml': DEBUG_HANDLERS,
        });
        const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml', '-e', `out=${dir}`], {
          cwd: dir,
          encoding: 'utf8',
          env: ansibleEnv(),
        });
        expect(r.status, r.stdout + r.stderr).toBe(0);
        expect(['seven', 'eight'].filter((f) => existsSync(join(dir, f)))).toEqual(['seven']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('writes the message with log and notifies from a notify_group under the same guard; a templated changed_when stays a TODO', async () => {
    const r = await convertRole({ 'tasks/main.yml': DEBUG, 'handlers/main.yml': DEBUG_HANDLERS, 'defaults/main.yml': 'shown: true\n' });
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).toContain(
      [
        "log 'notice shown' do",
        "  message 'cluster state ignored'",
        '  level :info',
        "  only_if { node['demo']['shown'] }",
        'end',
        '',
        '# tasks/main.yml:1 notice shown',
        "notify_group 'notice shown' do",
        "  notifies :touch, 'file[handler seven]', :delayed",
        "  only_if { node['demo']['shown'] }",
        'end',
      ].join('\n'),
    );
    expect(recipe).toContain(
      "notify_group 'notice skipped' do\n  notifies :touch, 'file[handler eight]', :delayed\n  not_if { node['demo']['shown'] }",
    );
    expect(r.tasks.filter((t) => t.span.file.endsWith('tasks/main.yml')).map((t) => t.outcome)).toEqual(['converted', 'converted', 'todo']);
  });
});
