// A variable holding Ansible's `omit` (a role default `{{ omit }}`, a `default(omit)`, a ternary with an
// omit branch, a read of such a variable, a role parameter, an include_vars value): Ansible leaves out a
// module argument whose whole value templates to the placeholder, keeps the placeholder text where it
// is part of a larger string, a template or a list item, and a set_fact of it sets nothing. The same
// role is run by the real ansible-playbook and converted, then compiled and converged in Ruby
// (test/tools/chef-compile.rb, converge-render.rb): each argument left out there is nil here (the
// property's default), and each text is the same once the placeholder's random part is set aside.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonJson, supportRubyJson } from '../helpers/differential.js';
import { parseYaml, type YMap } from '../../src/load/ansible/yaml.js';
import { DiagnosticSink } from '../../src/base/diagnostics.js';
import { findOmitHolders } from '../../src/resolve/omit-holders.js';
import type { Definition } from '../../src/resolve/symbols.js';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertProject, convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { convergedEvents } from '../helpers/converged-file.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import type { RExpr } from '../../src/ir/ruby-ast.js';

const PLACEHOLDER = /__omit_place_holder__[0-9a-f]{40}/g;
const same = (text: string | undefined) => text?.replace(PLACEHOLDER, '<omit>');

/** The variables a defaults file's entries make omit holders, whole and nested. */
function holders(defaults: string, kind: Definition['kind'] = 'role-default') {
  const [doc] = parseYaml(defaults, 'defaults/main.yml', new DiagnosticSink());
  const root = doc!.root as YMap;
  const syms = root.entries.map((e) => ({
    name: String((e.key as { value: unknown }).value),
    definitions: [{ kind, owner: 'r', span: e.key.span, value: e.value } as Definition],
  }));
  const h = findOmitHolders(syms);
  return { whole: [...h.whole].sort(), nested: [...h.nested].sort() };
}

describe('which variables may hold omit', () => {
  it('a lone omit, default(omit), a ternary or condition with an omit branch, and reads of those', () => {
    expect(
      holders(
        [
          'a: "{{ omit }}"',
          'b: "{{ x | default(omit) }}"',
          'c: "{{ x | default(omit, true) }}"',
          'd: "{{ (x == 1) | ternary(\'y\', omit) }}"',
          'e: "{{ omit if x else 1 }}"',
          'f: "{{ a }}"',
          'g: "{{ f }}"',
          'h: "{{ y or omit }}"',
          'i: "{{ g | string }}"',
          'j: "{% if x %}{{ omit }}{% endif %}"',
        ].join('\n'),
      ),
    ).toEqual({ whole: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], nested: [] });
  });

  it('not text around it, another filter, a literal, an unsafe value or a set_fact', () => {
    expect(
      holders(
        [
          'a: "x{{ omit }}"',
          'b: "{{ omit }}\n"',
          'c: "{{ omit | upper }}"',
          'd: omit',
          'e: !unsafe "{{ omit }}"',
          'f: "{{ a }}"',
          'g: "{{ omit ~ \'\' }}"',
        ].join('\n'),
      ),
    ).toEqual({ whole: [], nested: [] });
    expect(holders('a: "{{ omit }}"', 'set_fact')).toEqual({ whole: [], nested: [] });
  });

  it('inside a list or dict, as written or read from a holder', () => {
    expect(
      holders(['a: "{{ omit }}"', 'l: ["{{ omit }}", 1]', 'm: {k: "{{ a }}"}', 'n: [{k: [x, "{{ a }}"]}]', 'o: [x]'].join('\n')),
    ).toEqual({ whole: ['a'], nested: ['l', 'm', 'n'] });
  });
});

describe('the conversion of a read of a variable holding omit', () => {
  it('leaves the argument out (nil) where it is the whole value; text around it keeps the placeholder', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'cache: "{{ omit }}"\n',
      'tasks/main.yml': [
        '- file: {path: /srv/a, state: touch, owner: "{{ cache }}"}',
        '- copy: {dest: /srv/b, content: "x{{ cache }}"}',
        '- set_fact: {sf: "{{ cache }}", other: 1}',
        '',
      ].join('\n'),
    });
    const body = recipeBody(r, 'demo');
    // Read once into a local (translate/read-once.ts), the value itself: omit is decided where each reads it.
    expect(body).toMatch(/^cache = node\['demo'\]\['cache'\]$/m);
    expect(body).toContain("owner A2C::Tasks.omit(A2C::Tasks.to_str(A2C::Jinja.convert_data(cache), 'owner'))");
    expect(body).toContain('content "x#{A2C::Jinja.out(cache)}"');
    expect(body).toContain("A2C::Tasks.set_fact_unless_omit(node.run_state, 'sf', ");
    expect(body).toContain("node.run_state['other'] = 1");
  });

  it('a set_fact whose every value is omit is a TODO (Ansible fails the task)', async () => {
    const r = await convertRole({ 'tasks/main.yml': '- set_fact: {only: "{{ omit }}"}\n' });
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toContainEqual(
      expect.stringMatching(/^A2C-TODO-PARAM set_fact with every value omit: Ansible fails the task/),
    );
  });
});

const DEFAULTS = [
  'cache: "{{ omit }}"',
  'maybe: "{{ not_set_anywhere | default(omit) }}"',
  'chain: "{{ cache }}"',
  'pick: "{{ (1 == 2) | ternary(\'root\', omit) }}"',
  'dct: {k: "{{ omit }}", j: 1, l: [{m: "{{ cache }}", n: 2}, "{{ omit }}"]}',
  '',
].join('\n');

/** The role's tasks, writing below `dir`. */
const tasks = (dir: string) =>
  [
    `- file: {path: "${dir}/owner", state: touch, owner: "{{ cache }}"}`,
    `- file: {path: "${dir}/mode", state: touch, mode: "{{ maybe }}"}`,
    `- file: {path: "${dir}/group", state: touch, group: "{{ chain }}"}`,
    `- file: {path: "${dir}/pick", state: touch, owner: "{{ pick }}"}`,
    `- copy: {dest: "${dir}/around", content: "x{{ cache }}"}`,
    `- template: {src: t.j2, dest: "${dir}/templated"}`,
    '- command:',
    '    argv: [echo, "{{ cache }}"]',
    '    chdir: "{{ cache }}"',
    '  register: echoed',
    // Text around it: a content that is the placeholder alone would be left out (and the copy refused).
    `- copy: {dest: "${dir}/echoed", content: "[{{ echoed.stdout }}]"}`,
    // A condition reads the placeholder text, which is true.
    `- copy: {dest: "${dir}/when", content: w}`,
    '  when: cache',
    // removes left out: the command runs.
    '- name: Removes left out',
    `  command: {cmd: "touch ${dir}/ran", removes: "{{ cache }}"}`,
    '- set_fact: {sf: "{{ cache }}", other: 1}',
    `- copy: {dest: "${dir}/fact", content: "{{ sf | default('not set') }}"}`,
    // A dict's keys that are omit are left out of an argument (and so of what set_fact stores).
    '- set_fact: {sd: "{{ dct }}"}',
    `- copy: {dest: "${dir}/dict", content: "{{ sd | to_json }}"}`,
    `- file: {path: "${dir}/key", state: touch, owner: "{{ dct.k }}"}`,
    '',
  ].join('\n');

const TEMPLATE = '[{{ cache }}] [{{ maybe }}]\n';

/** The project both run: role r on every host (localhost), its tasks writing below `dir`. */
const project = (dir: string, taskText = tasks(dir)): Record<string, string> => ({
  'site.yml': '- hosts: all\n  connection: local\n  gather_facts: false\n  roles: [r]\n',
  'inventory.ini': 'localhost\n',
  'roles/r/defaults/main.yml': DEFAULTS,
  'roles/r/tasks/main.yml': taskText,
  'roles/r/templates/t.j2': TEMPLATE,
});

describe.skipIf(!compileReady({ ansible: true }))('omit held by a variable, against ansible-playbook', () => {
  it('each argument Ansible leaves out is nil, and each text is the same', { timeout: 300_000 }, async () => {
    const ansible = withLocalPlay(
      (dir) => project(dir),
      (run) => {
        // Every task succeeds: owner, mode, group and chdir left out (the placeholder would fail them).
        expect(run.status, run.log).toBe(0);
        const text = (name: string) => (existsSync(join(run.dir, name)) ? readFileSync(join(run.dir, name), 'utf8') : undefined);
        return Object.fromEntries(
          ['owner', 'mode', 'group', 'pick', 'key', 'ran', 'when', 'around', 'templated', 'echoed', 'fact', 'dict'].map((n) => [
            n,
            same(text(n)),
          ]),
        );
      },
    );
    expect(ansible).toEqual({
      owner: '',
      mode: '',
      group: '',
      pick: '',
      key: '',
      ran: '',
      when: 'w',
      around: 'x<omit>',
      templated: '[<omit>] [<omit>]\n',
      echoed: '[<omit>]',
      fact: 'not set',
      dict: '{"j": 1, "l": [{"n": 2}, "<omit>"]}',
    });

    const dir = '/srv/omitvar';
    const r = await convertProject(project(dir));
    const [run] = compileCheck(r.files, compileInputs());
    expect(run?.outcome, run?.message).toBe('ok');
    const props = (path: string) => run!.detail!.find((d) => d.id === `file[${dir}/${path}]`)?.properties;
    for (const [path, prop] of [
      ['owner', 'owner'],
      ['mode', 'mode'],
      ['group', 'group'],
      ['pick', 'owner'],
      ['key', 'owner'],
    ] as const)
      expect(props(path)?.[prop] ?? null, `${path} ${prop}`).toBeNull();

    const events = convergedEvents(r.files);
    // The command runs (no event says its guard skipped it), as Ansible ran it.
    expect(ansible.ran).toBe('');
    expect(run!.detail!.map((d) => d.id)).toContain('execute[Removes left out]');
    expect(events.find((e) => e.id === 'execute[Removes left out]')?.skipped ?? false).toBe(false);
    const text = (name: string) => same(events.find((e) => e.id.endsWith(`${dir}/${name}]`))?.text);
    expect({
      when: text('when'),
      around: text('around'),
      templated: text('templated'),
      echoed: text('echoed'),
      fact: text('fact'),
      dict: text('dict'),
    }).toEqual({
      when: ansible.when,
      around: ansible.around,
      templated: ansible.templated,
      echoed: ansible.echoed,
      fact: ansible.fact,
      dict: ansible.dict,
    });
  });

  it('a copy whose content is left out fails, as the module refuses it', { timeout: 300_000 }, async () => {
    withLocalPlay(
      (dir) => project(dir, `- copy: {dest: "${dir}/c", content: "{{ chain }}"}\n`),
      (run) => {
        expect(run.status).not.toBe(0);
        expect(run.log).toContain('src (or content) is required');
      },
    );
    const r = await convertProject(project('/srv', '- copy: {dest: /srv/c, content: "{{ chain }}"}\n'));
    const [run] = compileCheck(r.files, compileInputs());
    expect(run?.outcome).toBe('failed');
    expect(run?.message).toContain('src (or content) is required');
  });
});

describe.skipIf(!requireOrSkip('ruby and ansible', hasTool('ruby') && hasPythonModule('ansible')))(
  "A2C::Tasks.omit of one argument's value",
  () => {
    it("is what Ansible's remove_omit leaves of it (nil: left out)", () => {
      const O = { omit: true };
      const values: unknown[] = [
        O,
        'x',
        null,
        [O, 'a'],
        { a: O, b: 1 },
        { a: { b: O, c: [O, { d: O, e: 2 }, [{ f: O }]] } },
        [{ a: O }, [{ b: O }], O],
        { a: [] },
        {},
      ];
      const want = pythonJson<unknown>(
        [
          'import json, sys',
          'from ansible.executor.task_executor import remove_omit',
          'T = "__omit_place_holder__" + "a2c0" * 10',
          'def tok(v):',
          '    if isinstance(v, dict): return T if v == {"omit": True} else {k: tok(x) for k, x in v.items()}',
          '    if isinstance(v, list): return [tok(x) for x in v]',
          '    return v',
          'out = []',
          'for v in json.load(sys.stdin):',
          '    args = remove_omit({"arg": tok(v)}, T)',
          '    out.append(args["arg"] if "arg" in args else "<left out>")',
          'print(json.dumps(out))',
        ],
        values,
      );
      const got = supportRubyJson<unknown>(
        [
          'tok = ->(v) { v.is_a?(Hash) ? (v == { "omit" => true } ? A2C::Jinja::OMIT : v.transform_values { |x| tok.(x) }) : v.is_a?(Array) ? v.map { |x| tok.(x) } : v }',
          'puts JSON.generate(JSON.parse($stdin.read).map { |v| r = A2C::Tasks.omit(tok.(v)); r.nil? && !v.nil? ? "<left out>" : r })',
        ],
        values,
      );
      // Sanity: the placeholder alone is left out, a list item keeps it, a dict's key goes.
      expect(want.slice(0, 5)).toEqual(['<left out>', 'x', null, [expect.stringMatching(/^__omit/), 'a'], { b: 1 }]);
      expect(got).toEqual(want);
    });
  },
);

describe.skipIf(!compileReady({ ansible: true }))('omit from a role parameter, include_vars or task vars', () => {
  it('leaves the argument out as ansible-playbook does', { timeout: 300_000 }, async () => {
    const files = (dir: string): Record<string, string> => ({
      'site.yml': '- hosts: all\n  connection: local\n  gather_facts: false\n  roles:\n    - {role: r, pown: "{{ omit }}"}\n',
      'inventory.ini': 'localhost\n',
      'roles/r/defaults/main.yml': 'pown: root\n',
      'roles/r/vars/v.yml': 'ivmode: "{{ omit }}"\n',
      'roles/r/tasks/main.yml': [
        `- file: {path: "${dir}/param", state: touch, owner: "{{ pown }}"}`,
        '- include_vars: {file: v.yml}',
        `- file: {path: "${dir}/included", state: touch, mode: "{{ ivmode }}"}`,
        `- file: {path: "${dir}/taskvar", state: touch, group: "{{ tv }}"}`,
        '  vars: {tv: "{{ pown }}"}',
        '',
      ].join('\n'),
    });
    withLocalPlay(
      (dir) => files(dir),
      (run) => {
        // The placeholder as owner, mode or group would fail the task.
        expect(run.status, run.log).toBe(0);
        expect(['param', 'included', 'taskvar'].map((n) => existsSync(join(run.dir, n)))).toEqual([true, true, true]);
      },
    );
    const r = await convertProject(files('/srv/omitvar'));
    expect(r.tasks.map((t) => t.outcome)).toEqual(Array(4).fill('converted'));
    const [run] = compileCheck(r.files, compileInputs());
    expect(run?.outcome, run?.message).toBe('ok');
    const props = (path: string) => run!.detail!.find((d) => d.id === `file[/srv/omitvar/${path}]`)?.properties;
    expect([props('param')?.['owner'], props('included')?.['mode'], props('taskvar')?.['group']].map((v) => v ?? null)).toEqual([
      null,
      null,
      null,
    ]);
  });
});

describe('omitTest: the reads of a variable holding omit', () => {
  it("node['cb']['x'], node.read!('cb', 'x'), A2C::Jinja.var/input(node, 'cb', 'x'), and reads below a list or dict holding it", async () => {
    const { SymbolTable } = await import('../../src/resolve/symbols.js');
    const { omitTest } = await import('../../src/translate/omit-value.js');
    const { call, index, nodePath, nodeRef, str } = await import('../../src/ir/ruby-ast.js');
    const symbols = new SymbolTable('ansible');
    symbols.undeclared('x', { file: 'f', line: 1, col: 1 }).path = ['cb', 'x'];
    symbols.undeclared('d', { file: 'f', line: 1, col: 1 }).path = ['cb', 'd'];
    symbols.omitHolders = { whole: new Set(['x']), nested: new Set(['d']) };
    const test = omitTest(symbols);
    const J: RExpr = { k: 'const', path: ['A2C', 'Jinja'] };
    expect(
      [
        nodePath(['cb', 'x']),
        call(nodeRef, 'read!', [str('cb'), str('x')]),
        call(J, 'var', [nodeRef, str('cb'), str('x')]),
        call(J, 'input', [nodeRef, str('cb'), str('x')]),
        nodePath(['cb', 'd']),
        index(nodePath(['cb', 'd']), str('k')),
        { k: 'const', path: ['A2C', 'Jinja', 'OMIT'] } as RExpr,
      ].map((e) => test(e)),
    ).toEqual([true, true, true, true, true, true, true]);
    expect(
      [
        nodePath(['cb', 'y']),
        nodePath(['cb']),
        index(nodePath(['cb', 'x']), { k: 'var', name: 'i' }),
        call(J, 'var', [str('cb'), str('x')]),
      ].map(test),
    ).toEqual([false, false, false, false]);
  });
});
