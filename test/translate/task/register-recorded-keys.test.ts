// A resource task's registered result is recorded in run_state as Ansible's result minus the module's
// own keys (but those that are its own argument, register-returned-args.test.ts: copy's dest here):
// `changed` and `failed` where the task ran, `changed`, `skipped` and `skip_reason` where its
// `when` skipped it. A read of any other key (the module's `msg`, `user`, `id`...) would find nothing
// and `is defined` or `default` would answer wrongly without a word: it is a TODO instead. Checked
// against real ansible-playbook: the keys a ran and a skipped result of a module hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const REGISTERING = ['- name: conf', '  copy: {content: "x\\n", dest: /etc/a.conf}', '  register: conf', '  when: go | bool'];
const convert = async (...later: string[]) => convertRole({ 'tasks/main.yml': [...REGISTERING, ...later, ''].join('\n') });

describe("reads of a resource task's recorded result", () => {
  it('records the keys of a ran result, or of a skipped one, as the task went', async () => {
    const body = recipeBody(await convert('- file: {path: /tmp/f, state: touch}', '  when: conf.skipped is defined'), 'demo');
    expect(body).toContain(
      "? { 'changed' => false, 'failed' => false, 'dest' => '/etc/a.conf' } : { 'changed' => false, 'skipped' => true, 'skip_reason' => 'Conditional result was False' }",
    );
  });

  it.each(['changed', 'failed', 'skipped', 'skip_reason'])('converts a read of %s, which the record holds', async (key) => {
    const r = await convert('- file: {path: /tmp/f, state: touch}', `  when: conf.${key} is defined`);
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
  });

  it('converts `conf is defined` (the task has registered, ran or skipped) and `conf is changed`', async () => {
    const r = await convert('- file: {path: /tmp/f, state: touch}', '  when: conf is defined and conf is changed');
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
  });

  it.each([
    ['a key of the module', 'conf.md5sum is defined', "its 'md5sum' is not"],
    ['a subscript', "conf['checksum'] | default('') == ''", "its 'checksum' is not"],
    ['a key chosen at run time', 'conf[which] is defined', 'a key chosen at run time may not be'],
    ['the result read whole', "conf | to_json != ''", 'read whole, it would hold only those'],
  ])('refuses %s, which only Ansible has', async (_what, when, says) => {
    const r = await convert('- file: {path: /tmp/f, state: touch}', `  when: ${when}`);
    const todo = r.tasks[1]!;
    expect(todo.outcome).toBe('todo');
    expect(todo.code).toBe('A2C-TODO-REGISTER');
    expect(todo.reason).toContain(
      `the result 'conf' of copy is recorded in Chef only as changed, failed, skipped, skip_reason, dest: ${says}`,
    );
  });
});

// The results the support library computes whole (command, stat, find) hold a part of Ansible's:
// a read of a key beyond it, or of the result whole, is refused as well (VarType.partOf), the kept keys convert.
describe('reads beyond a computed result', () => {
  const later = async (registering: string[], when: string) =>
    convertRole({ 'tasks/main.yml': [...registering, '- file: {path: /tmp/f, state: touch}', `  when: ${when}`, ''].join('\n') });
  const COMMAND = ['- command: /bin/true', '  register: c'];
  const STAT = ['- stat: {path: /etc/hosts}', '  register: st'];
  const QUERY = ['- community.mysql.mysql_query: {query: SELECT 1}', '  register: q'];

  it.each([
    [COMMAND, 'c.delta is defined', "not Ansible's start, end, delta or msg: its 'delta' is not"],
    [COMMAND, "c['start'] | default('') == ''", "its 'start' is not"],
    [STAT, 'st.stat.checksum is defined', "not the rest of Ansible's stat: its 'checksum' is not"],
    [
      QUERY,
      'q.query_result is defined',
      "not query_result (the mysql client prints no column types, and the module returns numbers for numeric columns): its 'query_result' is not",
    ],
  ])('%#: refuses %s', async (registering, when, says) => {
    const r = await later(registering, when);
    expect(r.tasks[1]!.code).toBe('A2C-TODO-REGISTER');
    expect(r.tasks[1]!.reason).toContain(says);
  });

  // Read whole (printed, filtered, kept by set_fact), the computed result would show only what it keeps:
  // a later `x.start | default('none')` of a set_fact copy gave 'none' where Ansible gives the time.
  it.each([
    [COMMAND, "c | to_json != ''"],
    [COMMAND, 'c.keys() | list | length > 0'],
    [STAT, "st | to_json != ''"],
    [STAT, 'st.stat | dict2items | length > 0'],
  ])('%#: refuses %s, a whole read', async (registering, when) => {
    const r = await later(registering, when);
    expect(r.tasks[1]!.code).toBe('A2C-TODO-REGISTER');
    expect(r.tasks[1]!.reason).toContain('read whole, it would hold only those');
  });

  // Passed on whole by a set_fact (or a loop), the result keeps its type: the copy's kept keys convert,
  // a read beyond them is refused where it is made, as on the result itself.
  it("keeps a set_fact copy's type: its rc converts, its start is refused", async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- command: /bin/true',
        '  register: c',
        '- set_fact: {kept: "{{ c }}"}',
        '- file: {path: /tmp/a, state: touch}',
        '  when: kept.rc == 0',
        '- file: {path: /tmp/b, state: touch}',
        "  when: kept.start | default('') == ''",
        '',
      ].join('\n'),
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'converted', 'todo']);
    expect(r.tasks[3]!.reason).toContain("not Ansible's start, end, delta or msg: its 'start' is not");
  });

  it.each([
    [COMMAND, 'c.rc == 0 and c.stdout_lines | length == 0 and c.cmd is defined'],
    [STAT, 'st.stat.exists and st.stat.isdir is defined'],
    [QUERY, 'q.rowcount[0] == 1 and q.executed_queries | length == 1'],
  ])('%#: converts %s', async (registering, when) => {
    const r = await later(registering, when);
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
  });
});

/**
 * What ansible-playbook writes to out.json: `tasks` (YAML lines under `tasks:`, `{{ dir }}` the play's
 * folder) run on localhost, the last writing the JSON.
 */
const ansibleJson = (tasks: string[]): unknown =>
  JSON.parse(
    withLocalPlay(
      (dir) => ({
        'site.yml': [
          '- hosts: localhost',
          '  connection: local',
          '  gather_facts: false',
          `  vars: {dir: ${dir}}`,
          '  tasks:',
          ...tasks,
          '',
        ].join('\n'),
      }),
      (run) => {
        expect(run.status, run.log).toBe(0);
        return readFileSync(join(run.dir, 'out.json'), 'utf8');
      },
    ),
  );

describe('the keys of a registered result, from real Ansible', () => {
  const ansible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

  it.skipIf(!ansible)(
    'a ran result has changed and failed, not skipped; a skipped one has changed, skipped and skip_reason, not failed',
    () => {
      const out = ansibleJson([
        '    - copy: {content: "x\\n", dest: "{{ dir }}/a"}',
        '      register: ran',
        '    - copy: {content: "x\\n", dest: "{{ dir }}/b"}',
        '      register: skipped',
        '      when: false',
        '    - copy:',
        '        dest: "{{ dir }}/out.json"',
        "        content: \"{{ {'ran': [ran.failed is defined, ran.skipped is defined, ran.skip_reason is defined, ran.failed], 'skipped': [skipped.failed is defined, skipped.skipped, skipped.skip_reason, skipped.changed]} | to_json }}\"",
      ]);
      expect(out).toEqual({ ran: [true, false, false, false], skipped: [false, true, 'Conditional result was False', false] });
    },
  );

  it.skipIf(!ansible)("a command's whole result has keys the support library's does not compute (so a whole read is refused)", () => {
    const out = ansibleJson([
      '    - command: /bin/true',
      '      register: c',
      '    - copy: {dest: "{{ dir }}/out.json", content: "{{ c.keys() | list | sort | to_json }}"}',
    ]);
    expect(out).toEqual(expect.arrayContaining(['start', 'end', 'delta', 'msg', 'rc', 'stdout', 'changed']));
  });
});
