// The reads of `omit` that no module property takes: debug's msg, fail's and assert's message, a
// loop item that is the placeholder (a list written with it, or a list variable holding it, a
// set_fact in such a loop included), a set_fact at converge time, and the safety net under them (a resource name or Ruby code of a
// translator's own that would pass the placeholder text on). Ansible leaves out an argument whose
// whole value templates to the placeholder; each is compared with ansible-playbook where converted,
// and is a TODO with its file:line where not.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertProject, convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { convergedEvents } from '../helpers/converged-file.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { call, index, nodePath, str, type RExpr } from '../../src/ir/ruby-ast.js';
import { isOmit, scopeOmitTest, unsettledOmit } from '../../src/translate/omit-value.js';

const DEFAULTS = ['maybe: "{{ not_set_anywhere | default(omit) }}"', 'modes: ["0600", "{{ omit }}"]', ''].join('\n');

const tasks = (dir: string) =>
  [
    '- name: Msg held',
    '  debug: {msg: "{{ maybe }}"}',
    '- name: Msg direct',
    '  debug: {msg: "{{ omit }}"}',
    `- file: {path: "${dir}/{{ item.n }}", state: touch, mode: "{{ item.m }}"}`,
    '  loop: [{n: a0, m: "0600"}, {n: a1, m: "{{ omit }}"}]',
    `- file: {path: "${dir}/l{{ i }}", state: touch, mode: "{{ item }}"}`,
    '  loop: "{{ modes }}"',
    '  loop_control: {index_var: i}',
    // The second item omits f3: the fact keeps the first one (g is set, so the item has a pair).
    '- set_fact: {f3: "{{ item }}", g: 1}',
    '  loop: [a, "{{ omit }}"]',
    `- copy: {dest: "${dir}/fact", content: "{{ f3 }}"}`,
    '',
  ].join('\n');

const project = (dir: string, taskText = tasks(dir)): Record<string, string> => ({
  'site.yml': '- hosts: all\n  connection: local\n  gather_facts: false\n  roles: [r]\n',
  'inventory.ini': 'localhost\n',
  'roles/r/defaults/main.yml': DEFAULTS,
  'roles/r/tasks/main.yml': taskText,
});

const mode = (path: string) => (existsSync(path) ? (statSync(path).mode & 0o7777).toString(8) : undefined);

describe.skipIf(!compileReady({ ansible: true }))('omit read by debug and by a loop item, against ansible-playbook', () => {
  it("debug says 'Hello world!'; an item that is omit leaves the argument out", { timeout: 300_000 }, async () => {
    const ansible = withLocalPlay(
      (dir) => project(dir),
      (run) => {
        expect(run.status, run.log).toBe(0);
        return {
          hello: run.log.match(/"msg": "Hello world!"/g)?.length ?? 0,
          // Left out: the file is created with the umask's mode, never with the placeholder's.
          modes: ['a0', 'a1', 'l0', 'l1'].map((n) => mode(join(run.dir, n)) === '600'),
          fact: readFileSync(join(run.dir, 'fact'), 'utf8'),
        };
      },
    );
    expect(ansible).toEqual({ hello: 2, modes: [true, false, true, false], fact: 'a' });

    const dir = '/srv/omitreads';
    const r = await convertProject(project(dir));
    expect(r.tasks.map((t) => t.outcome)).toEqual(Array(6).fill('converted'));
    const [run] = compileCheck(r.files, compileInputs());
    expect(run?.outcome, run?.message).toBe('ok');
    const props = (id: string) => run!.detail!.find((d) => d.id === id)?.properties;
    expect([props('log[Msg held]')?.['message'], props('log[Msg direct]')?.['message']]).toEqual(['Hello world!', 'Hello world!']);
    const modes = (prefix: string) =>
      run!
        .detail!.filter((d) => d.id.startsWith(`file[${dir}/${prefix}`))
        .map((d) => d.properties?.['mode'] ?? null)
        .map((m) => m === '0600');
    expect([...modes('a'), ...modes('l')]).toEqual(ansible.modes);
    const events = convergedEvents(r.files);
    expect(events.find((e) => e.id.endsWith(`${dir}/fact]`))?.text).toBe(ansible.fact);
  });
});

describe.skipIf(!compileReady({ ansible: true }))('a set_fact whose every value is omit at run time', () => {
  it('fails, as set_fact has no key/value pair left', { timeout: 300_000 }, async () => {
    const text = '- set_fact: {f4: "{{ item }}"}\n  loop: [a, "{{ omit }}"]\n';
    withLocalPlay(
      (dir) => project(dir, text),
      (run) => {
        expect(run.status).not.toBe(0);
        expect(run.log).toContain('No key/value pairs provided, at least one is required for this action to succeed');
      },
    );
    const r = await convertProject(project('/srv', text));
    expect(recipeBody(r, 'r')).toContain("{ 'f4' => A2C::Jinja.set_fact_value(A2C::Jinja.convert_data(item)) }");
    const [run] = compileCheck(r.files, compileInputs());
    expect(run?.outcome).toBe('failed');
    expect(run?.message).toContain('No key/value pairs provided, at least one is required for this action to succeed');
  });
});

describe('omit reads converted by the translators', () => {
  it("fail and assert: the module's own message where msg is omit", async () => {
    const r = await convertRole({
      'defaults/main.yml': 'maybe: "{{ x | default(omit) }}"\n',
      'tasks/main.yml': ['- fail: {msg: "{{ maybe }}"}', '  when: false', '- assert: {that: [false], fail_msg: "{{ maybe }}"}', ''].join(
        '\n',
      ),
    });
    const body = recipeBody(r, 'demo');
    expect(body).toContain("raise(A2C::Tasks.omit(A2C::Jinja.convert_data(node['demo']['maybe']), 'Failed as requested from task'))");
    expect(body).toContain("raise(A2C::Tasks.omit(A2C::Jinja.convert_data(node['demo']['maybe']), 'Assertion failed'))");
  });
});

describe.skipIf(!requireOrSkip('ruby', hasTool('ruby')))('A2C::Tasks.omit with a default', () => {
  it('gives the default for the placeholder, the value otherwise (false and nil included)', () => {
    const rb = spawnSync(
      'ruby',
      [
        '-I',
        join(import.meta.dirname, '../../src/support-cookbook/ruby/libraries'),
        '-rjson',
        '-e',
        [
          "require 'a2c_jinja'",
          "require 'a2c_tasks'",
          "puts JSON.generate([A2C::Jinja::OMIT, 'x', false, nil, { 'a' => A2C::Jinja::OMIT }].map { |v| A2C::Tasks.omit(v, 'd') })",
        ].join('\n'),
      ],
      { encoding: 'utf8' },
    );
    expect(rb.status, rb.stderr).toBe(0);
    expect(JSON.parse(rb.stdout)).toEqual(['d', 'x', false, null, {}]);
  });
});

describe('omit reads that stay TODOs, with their file:line', () => {
  const todos = (r: Awaited<ReturnType<typeof convertRole>>) =>
    r.diagnostics.filter((d) => d.code === 'A2C-TODO-PARAM').map((d) => `${d.span?.file}:${d.span?.line} ${d.message}`);

  it('a set_fact at converge time (reading a registered result, or in a loop over one) that may be omit', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'maybe: "{{ x | default(omit) }}"\n',
      'tasks/main.yml': [
        // A task with a when may register a skipped result, without stdout: `out.stdout | default(omit)`
        // may then be omit (an unconditional command's stdout is always there, and never omit).
        '- command: echo hi',
        '  register: out',
        '  when: ansible_facts.os_family == "Debian"',
        '- set_fact: {f1: "{{ out.stdout | default(omit) }}"}',
        '- set_fact: {f2: "{{ maybe }}"}',
        '  loop: "{{ out.stdout_lines }}"',
        '',
      ].join('\n'),
    });
    expect(todos(r)).toEqual([
      expect.stringMatching(/^tasks\/main\.yml:4 set_fact f1 reads a registered result and may be omit/),
      expect.stringMatching(/^tasks\/main\.yml:5 set_fact in a loop over a registered result: 'f2' may be omit/),
    ]);
  });

  it('no TODO where the result read always has the key: an unconditional command, stored earlier in the recipe', async () => {
    const r = await convertRole({
      'tasks/main.yml': ['- command: echo hi', '  register: out', '- set_fact: {f1: "{{ out.stdout | default(omit) }}"}', ''].join('\n'),
    });
    expect(todos(r)).toEqual([]);
  });

  it("the safety net: a resource's name read from a variable holding omit (Ansible leaves the name out)", async () => {
    const r = await convertRole({
      'defaults/main.yml': 'maybe: "{{ x | default(omit) }}"\n',
      'tasks/main.yml': ['- package: {name: "{{ maybe }}"}', '- package: {name: "{{ item }}"}', '  loop: [a, "{{ omit }}"]', ''].join('\n'),
    });
    expect(todos(r)).toEqual([
      expect.stringMatching(/^tasks\/main\.yml:1 an argument that may be omit .* reaches the package resource's name unsettled/),
      expect.stringMatching(/^tasks\/main\.yml:2 an argument that may be omit .* reaches the package resource's name unsettled/),
    ]);
  });
});

describe('the classification of omit reads', () => {
  const OMIT: RExpr = { k: 'const', path: ['A2C', 'Jinja', 'OMIT'] };
  const item: RExpr = { k: 'var', name: 'item' };
  const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };
  const J: RExpr = { k: 'const', path: ['A2C', 'Jinja'] };

  it('scopeOmitTest: a loop item marked as holding omit, whole or read below it; no other local', () => {
    const test = scopeOmitTest({ omitLocals: new Set(['item']) });
    expect([item, index(item, str('k')), index(index(item, str('k')), str('j')), OMIT].map(test)).toEqual([true, true, true, true]);
    expect([{ k: 'var', name: 'other' } as RExpr, index(item, item), nodePath(['cb', 'x'])].map(test)).toEqual([false, false, false]);
    expect(scopeOmitTest({})(item)).toBe(false);
  });

  it('unsettledOmit: passed on whole, or settled, inside a condition, text around it, a list item', () => {
    const test = isOmit;
    const passed: RExpr[] = [
      OMIT,
      call(J, 'convert_data', [OMIT]),
      call(undefined, 'raise', [OMIT]),
      { k: 'hash', pairs: [[str('k'), OMIT]] },
      { k: 'ternary', c: { k: 'bool', v: true }, t: OMIT, f: str('x') },
      { k: 'binop', op: '||', l: OMIT, r: str('x') },
      { k: 'interp', parts: [OMIT] },
    ];
    const settled: RExpr[] = [
      call(TASKS, 'omit', [OMIT]),
      call(TASKS, 'set_fact_unless_omit', [str('rs'), str('k'), OMIT]),
      // A templated validate that is omit: no check (the module skips it).
      call(TASKS, 'validate', [OMIT, { k: 'var', name: 'a2c_path' }]),
      { k: 'ternary', c: OMIT, t: str('a'), f: str('b') },
      { k: 'binop', op: '==', l: OMIT, r: str('x') },
      { k: 'not', e: OMIT },
      { k: 'interp', parts: ['x', OMIT] },
      { k: 'array', items: [OMIT] },
      call(OMIT, 'upcase', []),
    ];
    expect(passed.map((e) => unsettledOmit(e, test))).toEqual(passed.map(() => true));
    expect(settled.map((e) => unsettledOmit(e, test))).toEqual(settled.map(() => false));
  });
});
