// Which tasks prove a required input neither undefined nor None (resolve/required-guards.ts), seen
// through what it is for: db_pw, printed into a template and set by no source, gets the
// text-or-integer contract only where each None test of it is a guard's own or follows a guard in
// the same task list; any other None test (before the guard, beside it in a rescue, in another file,
// after a guard that proves something else) says the role may branch on None, and keeps it unknown.
// A lone "{{ db_pw }}" inside a variable's data is handed on whole: neutral, never the contract's
// only ground.
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';

const GUARD = ['- name: guard', '  fail: { msg: set db_pw }', '  when: (db_pw is undefined) or (db_pw is none)'];
const LATER_NONE_TEST = ['- name: later', '  command: /bin/true', '  when: db_pw is not none'];

/** Whether db_pw gets a contract in the role whose tasks/main.yml is `tasks` (lines), beside `files`. */
async function contracted(tasks: readonly string[], files: Record<string, string> = {}): Promise<boolean> {
  const r = await convertProject({
    'site.yml': '- hosts: all\n  roles: [db]\n',
    'roles/db/templates/db.cnf.j2': 'password={{ db_pw }}\n',
    'roles/db/tasks/main.yml': [...tasks, '- template: { src: db.cnf.j2, dest: /etc/db.cnf }', ''].join('\n'),
    ...files,
  });
  const erb = outputText(r, 'db/templates/db.cnf.erb');
  const plain = erb.includes("password=<%= node.read!('ansible', 'db_pw') %>");
  // The print is plain exactly where the contract is there to check it.
  const checked = r.files.has('db/libraries/input_contracts.rb') && outputText(r, 'db/libraries/input_contracts.rb').includes("'db_pw' =>");
  expect(plain).toBe(checked);
  return checked;
}

describe('a guard of a required input', () => {
  it('narrows in each spelling of undefined-or-None', async () => {
    const fail = (when: string) => ['- fail: { msg: set db_pw }', `  when: ${when}`];
    expect(await contracted(GUARD)).toBe(true);
    expect(await contracted(fail('db_pw is not defined or db_pw == None'))).toBe(true);
    expect(await contracted(fail('["None == db_pw or not db_pw is defined"]'))).toBe(true);
    expect(await contracted(fail('db_pw is undefined or db_pw is none or db_pw == ""'))).toBe(true);
    const assert = (that: string) => ['- assert:', `    that: ${that}`];
    expect(await contracted(assert('["db_pw is defined", "db_pw is not none"]'))).toBe(true);
    expect(await contracted(assert('db_pw is defined and not db_pw is none'))).toBe(true);
    // Each item of an assert holds after it: other conditions beside them take nothing away.
    expect(await contracted(assert('["db_pw is defined", "db_pw != None", "other | bool"]'))).toBe(true);
    expect(await contracted(assert('["not (db_pw is undefined)", "not (db_pw == None)"]'))).toBe(true);
  });

  it('makes the None tests of the tasks after it neutral, in nested blocks too', async () => {
    expect(await contracted([...GUARD, ...LATER_NONE_TEST])).toBe(true);
    const block = ['- block:', ...LATER_NONE_TEST.map((l) => `    ${l}`), '  when: db_pw != None'];
    expect(await contracted([...GUARD, ...block])).toBe(true);
  });

  it('is no guard where the condition proves something else or may not fail the host', async () => {
    // None alone (`x is none` errors on an undefined x), or an `and` (a when list).
    expect(await contracted(['- fail: { msg: set }', '  when: db_pw is none'])).toBe(false);
    expect(await contracted(['- fail: { msg: set }', '  when: [db_pw is undefined, db_pw is none]'])).toBe(false);
    // Failures caught or ignored, a loop, a condition on an assert, a failed_when.
    expect(await contracted([...GUARD, '  ignore_errors: true'])).toBe(false);
    expect(await contracted([...GUARD, '  failed_when: false'])).toBe(false);
    expect(await contracted([...GUARD, '  loop: [1]'])).toBe(false);
    expect(await contracted(['- assert: { that: [db_pw is defined, db_pw is not none] }', '  when: other | bool'])).toBe(false);
    const rescued = ['- block:', ...GUARD.map((l) => `    ${l}`), '  rescue:', '    - debug: msg=none'];
    expect(await contracted(rescued)).toBe(false);
  });

  it('turns off where a rescue or ignore_errors surrounds an include anywhere', async () => {
    const files = { 'roles/db/tasks/other.yml': '- debug: msg=x\n' };
    const around = ['- block:', '    - include_tasks: other.yml', '  rescue:', '    - debug: msg=caught'];
    expect(await contracted([...GUARD, ...around], files)).toBe(false);
    expect(await contracted([...GUARD, '- include_tasks: other.yml', '  ignore_errors: true'], files)).toBe(false);
    const applied = ['- include_tasks:', '    file: other.yml', '    apply: { ignore_errors: true }'];
    expect(await contracted([...GUARD, ...applied], files)).toBe(false);
    expect(await contracted([...GUARD, '- include_tasks: other.yml'], files)).toBe(true);
  });

  it('does not narrow the tasks it does not dominate', async () => {
    // Before the guard.
    expect(await contracted([...LATER_NONE_TEST, ...GUARD])).toBe(false);
    // After the block that holds the guard (a block's `when` may skip it), or in its always.
    const inBlock = ['- block:', ...GUARD.map((l) => `    ${l}`), '  when: other | bool'];
    expect(await contracted([...inBlock, ...LATER_NONE_TEST])).toBe(false);
    expect(await contracted([...inBlock.slice(0, -1), '  always:', ...LATER_NONE_TEST.map((l) => `    ${l}`)])).toBe(false);
    // In an included file (not followed), or a handler.
    const included = { 'roles/db/tasks/other.yml': `${LATER_NONE_TEST.join('\n')}\n` };
    expect(await contracted([...GUARD, '- include_tasks: other.yml'], included)).toBe(false);
    const handler = { 'roles/db/handlers/main.yml': '- name: h\n  command: /bin/true\n  when: db_pw is none\n' };
    expect(await contracted(GUARD, handler)).toBe(false);
    // A later task whose own vars set db_pw reads that one.
    expect(await contracted([...GUARD, ...LATER_NONE_TEST, '  vars: { db_pw: null }'])).toBe(false);
  });
});

describe("a lone name inside a variable's data", () => {
  it('is handed on whole: neutral beside a print, no contract alone', async () => {
    const data = { 'roles/db/vars/main.yml': 'db_users:\n  - name: root\n    password: "{{ db_pw }}"\n' };
    expect(await contracted([], data)).toBe(true);
    // A module argument still reads the value itself (a boolean stays one): no contract, as before.
    expect(await contracted(['- user: { name: db, password: "{{ db_pw }}" }'], data)).toBe(false);
    const r = await convertProject({
      'site.yml': '- hosts: all\n  roles: [db]\n',
      'roles/db/tasks/main.yml': '- debug: { msg: "{{ db_users | length }}" }\n',
      ...data,
    });
    expect(r.files.has('db/libraries/input_contracts.rb')).toBe(false);
  });
});
