// CONVERSION.md, plan and the corpus script group TODO tasks by what converting them needs: the
// `need` of the TODO's code in src/base/diagnostic-codes.ts, never a guess from the message text. Each
// case below converts one task and checks its code and the need it is counted under.
import { describe, expect, it } from 'vitest';
import { convertProject } from '../helpers/convert-helpers.js';
import { NEEDS } from '../../src/report/needs.js';
import type { Need } from '../../src/base/diagnostic-codes.js';

const role = (tasks: string, extra: Record<string, string> = {}) => convertProject({ 'roles/r/tasks/main.yml': tasks, ...extra });

/** The code of every TODO task and the needs with a count, from one conversion. */
async function todos(tasks: string, extra: Record<string, string> = {}) {
  const r = await role(tasks, extra);
  return {
    codes: r.tasks.filter((t) => t.outcome === 'todo').map((t) => t.code),
    needs: Object.fromEntries(Object.entries(r.stats.todoByNeed).filter(([, n]) => n > 0)),
  };
}

const only = (need: Need, n = 1) => ({ [NEEDS[need]]: n });

describe('TODO tasks by need, from the code', () => {
  // The case the message regex got wrong: a templated timeout or notify mentions no push-model
  // keyword, yet A2C-TODO-KEYWORD used to be counted as one.
  it('a templated timeout is work left, not a push-model keyword', async () => {
    const t = await todos('- command: /bin/true\n  timeout: "{{ wait }}"\n');
    expect(t).toEqual({ codes: ['A2C-TODO-KEYWORD'], needs: only('work-left') });
  });

  it('a templated notify is work left, not a push-model keyword', async () => {
    const t = await todos('- command: /bin/true\n  notify: "{{ handler_name }}"\n', {
      'roles/r/handlers/main.yml': '- name: h\n  command: /bin/true\n',
    });
    expect(t).toEqual({ codes: ['A2C-TODO-KEYWORD'], needs: only('work-left') });
  });

  it.each([
    ['async', '- command: sleep 5\n  async: 10\n'],
    ['throttle', '- command: /bin/true\n  throttle: 1\n'],
    ['delegate_to', '- command: /bin/true\n  delegate_to: db1\n'],
  ])('%s is a push-model keyword, kept as a TODO by design', async (_k, tasks) => {
    expect(await todos(tasks)).toEqual({ codes: ['A2C-TODO-PUSH-MODEL'], needs: only('push-model') });
  });

  // Work Ansible does on its own controller has no node to run on in Chef: by design, not work left.
  it.each([
    ['fetch', '- fetch:\n    src: /etc/hosts\n    dest: /tmp/got\n'],
    ['ansible.builtin.fetch', '- ansible.builtin.fetch:\n    src: /etc/hosts\n    dest: /tmp/got\n'],
    ['a pipe lookup', "- copy:\n    content: \"{{ lookup('pipe', 'date') }}\"\n    dest: /tmp/d\n"],
    ['an env lookup', "- copy:\n    content: \"{{ lookup('env', 'HOME') }}\"\n    dest: /tmp/d\n"],
    ['a url lookup', "- copy:\n    content: \"{{ lookup('ansible.builtin.url', 'https://example.org/x') }}\"\n    dest: /tmp/d\n"],
  ])("%s is the controller's work, kept as a TODO by design", async (_w, tasks) => {
    expect(await todos(tasks)).toEqual({ codes: ['A2C-TODO-CONTROLLER'], needs: only('controller') });
  });

  it('a variable whose value is a pipe lookup keeps that need in the task reading it', async () => {
    const t = await todos('- copy:\n    content: "{{ stamp }}"\n    dest: /tmp/d\n', {
      'roles/r/vars/main.yml': "stamp: \"{{ lookup('pipe', 'date') }}\"\n",
    });
    expect(t).toEqual({ codes: ['A2C-TODO-CONTROLLER'], needs: only('controller') });
  });

  // A file lookup of a controller file the input lacks could be embedded once the file is given: work left.
  it('a file lookup of a file outside the role is work left, not controller work', async () => {
    const t = await todos("- copy:\n    content: \"{{ lookup('file', '/etc/motd') }}\"\n    dest: /tmp/d\n");
    expect(t).toEqual({ codes: ['A2C-TODO-JINJA'], needs: only('work-left') });
  });

  it('the tasks of a rescue section are kept by design', async () => {
    const t = await todos('- block:\n    - command: /bin/true\n  rescue:\n    - command: /bin/false\n    - command: /bin/false\n');
    expect(t).toEqual({ codes: ['A2C-TODO-BLOCK-RESCUE', 'A2C-TODO-BLOCK-RESCUE'], needs: only('rescue', 2) });
  });

  it.each([
    ['a loop', '- include_role:\n    name: other\n  loop: "{{ things }}"\n'],
    ['a templated name', '- include_role:\n    name: "{{ which }}"\n'],
    ['a templated tasks_from', '- include_role:\n    name: other\n    tasks_from: "{{ which }}"\n'],
  ])('include_role with %s needs a recipe that can carry the call', async (_w, tasks) => {
    const t = await todos(tasks, { 'roles/other/tasks/main.yml': '- command: /bin/true\n' });
    expect(t).toEqual({ codes: ['A2C-TODO-INCLUDE-ROLE'], needs: only('include-role') });
  });

  it('include_role with vars of a role that registers a result needs a recipe that can carry the call', async () => {
    const t = await todos('- include_role:\n    name: other\n  vars:\n    x: 1\n', {
      'roles/other/tasks/main.yml': '- command: /bin/true\n  register: out\n',
    });
    expect(t).toEqual({ codes: ['A2C-TODO-INCLUDE-ROLE'], needs: only('include-role') });
  });

  it.each([
    'openstack.cloud.server',
    'community.mysql.mysql_info',
    'mysql_variables',
    'community.hashi_vault.vault_kv2_get',
    'community.postgresql.postgresql_db',
    'postgresql_user',
    'community.mongodb.mongodb_user',
    'zabbix_host',
    'community.crypto.acme_certificate',
    'community.crypto.get_certificate',
  ])('%s drives a service API', async (mod) => {
    expect(await todos(`- ${mod}:\n    name: x\n`)).toEqual({ codes: ['A2C-TODO-SERVICE-MODULE'], needs: only('service-api') });
  });

  it('a module that is merely unmapped is work left', async () => {
    expect(await todos('- community.general.locale_gen:\n    name: x\n')).toEqual({ codes: ['A2C-TODO-MODULE'], needs: only('work-left') });
    // A certificate in the node's files: parsing it is local work (it was counted as a CA's API).
    expect(await todos('- community.crypto.x509_certificate_info:\n    path: /etc/ssl/x.pem\n')).toEqual({
      codes: ['A2C-TODO-MODULE'],
      needs: only('work-left'),
    });
    // pg_hba.conf is a file on the node, not the server's API.
    expect(await todos('- community.postgresql.postgresql_pg_hba:\n    dest: /x\n')).toEqual({
      codes: ['A2C-TODO-MODULE'],
      needs: only('work-left'),
    });
  });

  // A service API is beyond the converter's reach: the reads of its result never convert either,
  // so they are counted with it (out of the corpus ceiling), and their message names that task.
  it('a read of a result a service-API TODO could not register stays a TODO with it', async () => {
    const r = await role(
      '- openstack.cloud.server:\n    name: x\n  register: made\n- command: /bin/true\n  when: made is changed\n- command: "echo {{ made.id }}"\n',
    );
    const todo = r.tasks.filter((x) => x.outcome === 'todo');
    expect(todo.map((x) => x.code)).toEqual(['A2C-TODO-SERVICE-MODULE', 'A2C-TODO-UNSET-READ', 'A2C-TODO-UNSET-READ']);
    expect(Object.fromEntries(Object.entries(r.stats.todoByNeed).filter(([, n]) => n > 0))).toEqual({
      ...only('service-api'),
      ...only('follows-kept', 2),
    });
    for (const read of todo.slice(1))
      expect(read.reason).toContain(
        "the task that registers 'made' (roles/r/tasks/main.yml:1:3) is a TODO that stays one (A2C-TODO-SERVICE-MODULE",
      );
  });

  it('a read of a result a delegate_to task registers, and a read of that read, stay TODOs with it', async () => {
    const t = await todos(
      '- command: /bin/true\n  delegate_to: db1\n  register: a\n- command: "echo {{ a.stdout }}"\n  register: b\n- command: /bin/true\n  when: b is changed\n',
    );
    expect(t.codes).toEqual(['A2C-TODO-PUSH-MODEL', 'A2C-TODO-UNSET-READ', 'A2C-TODO-UNSET-READ']);
    expect(t.needs).toEqual({ ...only('push-model'), ...only('follows-kept', 2) });
  });

  it('a read follows a kept TODO only where every task registering the name is one', async () => {
    // The second registering task is work left (a templated timeout): converting it would give the result.
    const t = await todos(
      '- command: /bin/true\n  delegate_to: db1\n  register: a\n  when: x\n- command: /bin/false\n  timeout: "{{ wait }}"\n  register: a\n  when: not x\n- command: "echo {{ a.stdout }}"\n',
    );
    expect(t.codes).toEqual(['A2C-TODO-PUSH-MODEL', 'A2C-TODO-KEYWORD', 'A2C-TODO-UNSET-READ']);
    expect(t.needs).toEqual({ ...only('push-model'), ...only('work-left'), ...only('follows-todo') });
  });

  it('a read of the facts package_facts would set follows that task, never asks for an input', async () => {
    // Ansible sets the module's facts as a variable of their own name (`packages`), as a registered result.
    // Both modules convert as tasks of their own; under a condition they stay TODOs.
    const t = await todos(
      '- service_facts:\n  when: false\n- service:\n    name: x\n    state: stopped\n  when: "\'x.service\' in services"\n- package_facts:\n  when: false\n- debug:\n    msg: "{{ packages }}"\n',
    );
    expect(t.codes).toEqual(['A2C-TODO-REGISTER', 'A2C-TODO-UNSET-READ', 'A2C-TODO-REGISTER', 'A2C-TODO-UNSET-READ']);
    expect(t.needs).toEqual({ ...only('work-left', 2), ...only('follows-todo', 2) });
  });

  it('a registered result read when the recipe compiles is work left, even though its task converts', async () => {
    // A loop over it runs at converge time, but one that registers a result of its own is not converted.
    const t = await todos(
      '- command: /bin/true\n  register: out\n- file:\n    path: "{{ item }}"\n    state: directory\n  loop: "{{ out.stdout_lines }}"\n  register: made\n',
    );
    expect(t).toEqual({ codes: ['A2C-TODO-REGISTER'], needs: only('work-left') });
  });

  it('a missing template file is for the input to fix', async () => {
    const t = await todos('- template:\n    src: nope.j2\n    dest: /etc/x\n');
    expect(t).toEqual({ codes: ['A2C-MISSING-FILE'], needs: only('input') });
  });

  it('a read of a variable only a TODO include_vars would load follows that task', async () => {
    const t = await todos('- include_vars:\n    file: a.yml\n  when: x is defined\n- command: "echo {{ from_a }}"\n', {
      'roles/r/vars/a.yml': 'from_a: 1\n',
    });
    expect(t).toEqual({
      codes: ['A2C-TODO-INCLUDE-VARS', 'A2C-TODO-UNSET-READ'],
      needs: { ...only('work-left'), ...only('follows-todo') },
    });
  });

  it('a read of a variable only a TODO set_fact sets follows that task', async () => {
    const t = await todos(
      '- include_vars:\n    file: a.yml\n  when: x is defined\n- set_fact:\n    y: "{{ from_a }}"\n- command: "echo {{ y }}"\n',
      { 'roles/r/vars/a.yml': 'from_a: 1\n' },
    );
    expect(t).toEqual({
      codes: ['A2C-TODO-INCLUDE-VARS', 'A2C-TODO-UNSET-READ', 'A2C-TODO-UNSET-READ'],
      needs: { ...only('work-left'), ...only('follows-todo', 2) },
    });
  });

  it("a read of a variable of a vars file no include_vars task loads is work left, no TODO's consequence", async () => {
    const t = await todos('- command: "echo {{ from_a }}"\n', { 'roles/r/vars/a.yml': 'from_a: 1\n' });
    expect(t).toEqual({ codes: ['A2C-TODO-JINJA'], needs: only('work-left') });
  });
});
