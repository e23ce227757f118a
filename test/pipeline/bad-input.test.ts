// Bad input gives a clear diagnostic at file:line:col and the rest still converts; the CLI turns
// that into exit codes (0 clean, 1 errors in the input, 2 usage) and still writes what converted.
// First the common cases in detail (exact diagnostics and the recipe holding the rejected task as a
// TODO), then one case per way a real repository can be broken: each gives a diagnostic at its
// position and the good role beside it still converts to the same recipe. No input may cause an
// internal error, a diagnostic outside the input or an unsafe output path.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversionResult } from '../../src/convert.js';
import type { Diagnostic } from '../../src/base/diagnostics.js';
import { convertProject, convertRole, formatDiagnostic, outputText, recipeBody, type TextTree } from '../helpers/convert-helpers.js';
import { buildCli, runCli } from '../helpers/golden.js';
import { expectSafePaths, expectSpansInInput } from './robustness/robustness-helpers.js';

const GOOD_ROLE = { 'roles/good/tasks/main.yml': '- name: Install chrony\n  package:\n    name: chrony\n' };
// The package's default action (:install) is left out, as Cookstyle wants.
const GOOD_RECIPE = "# roles/good/tasks/main.yml:1 Install chrony\npackage 'chrony'";
const site = (...roles: string[]) => `- hosts: all\n  roles:\n${roles.map((r) => `    - ${r}\n`).join('')}`;

/** What must hold for any input: no internal error, every diagnostic in an input file, safe output paths. */
function expectSound(result: ConversionResult, input: TextTree): void {
  expect(result.diagnostics.filter((d) => d.code.startsWith('A2C-INTERNAL')).map(formatDiagnostic)).toEqual([]);
  expectSpansInInput(result, input);
  expectSafePaths(result);
}

/** convertRole and convertProject, checking what must hold for any input. */
async function soundRole(files: TextTree): Promise<ConversionResult> {
  const result = await convertRole(files);
  expectSound(result, files);
  return result;
}
async function soundProject(files: TextTree): Promise<ConversionResult> {
  const result = await convertProject(files);
  expectSound(result, files);
  return result;
}

function only(result: ConversionResult, severity: Diagnostic['severity']): string[] {
  return result.diagnostics.filter((d) => d.severity === severity).map(formatDiagnostic);
}

/** The input line a diagnostic points at must exist, and its column must lie on that line. */
function expectRealPosition(files: TextTree, d: Diagnostic): void {
  expect(d.span, formatDiagnostic(d)).toBeDefined();
  const text = files[d.span!.file];
  expect(typeof text, `${d.span!.file} is an input file`).toBe('string');
  const lines = (text as string).split('\n');
  expect(d.span!.line, formatDiagnostic(d)).toBeLessThanOrEqual(lines.length);
  expect(d.span!.col, formatDiagnostic(d)).toBeLessThanOrEqual(lines[d.span!.line - 1]!.length + 1);
}

describe('malformed YAML in one role', () => {
  const files = {
    'site.yml': site('good', 'broken'),
    ...GOOD_ROLE,
    'roles/broken/tasks/main.yml': '- name: Install a\n  package: name=a\n - name: misindented\n',
  };

  it('reports the syntax error where PyYAML does, and the other role still converts', async () => {
    const result = await soundProject(files);
    // PyYAML: "expected <block end>, but found '<block sequence start>'" at line 3, column 2.
    expect(only(result, 'error')).toEqual([
      'roles/broken/tasks/main.yml:3:2: error A2C-YAML-SYNTAX YAML syntax error: bad indentation of a sequence entry',
    ]);
    expect(result.cookbooks.map((c) => c.name)).toContain('good');
    expect(recipeBody(result, 'good')).toBe(GOOD_RECIPE);
  });

  it('points at a real position for errors found at the end of the stream', async () => {
    for (const text of ['- name: a\n  package:\n    name: [x\n', '- name: "a\n  x: 1\n', '- name: a\n  package: {name: x\n- name: b\n']) {
      const input = { 'tasks/main.yml': text };
      const result = await soundRole(input);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.code)).toEqual(['A2C-YAML-SYNTAX']);
      expectRealPosition(input, errors[0]!);
    }
  });
});

describe('bad tasks', () => {
  it('a task with two modules is an error at the second module; the next task converts', async () => {
    const result = await soundRole({
      'tasks/main.yml': '- name: Two things\n  package: name=x\n  service: name=y\n- name: Install z\n  package: name=z\n',
    });
    expect(only(result, 'error')).toEqual([
      'tasks/main.yml:3:3: error A2C-TASK-MULTI-MODULE task names more than one module or unknown keyword: package, service',
    ]);
    // Nothing is lost: the rejected task stays in the recipe as a TODO holding its text.
    expect(recipeBody(result, 'demo')).toBe(
      [
        '# TODO(ansible2chef): A2C-TASK-MULTI-MODULE task names more than one module or unknown keyword: package, service',
        '# tasks/main.yml:1 Two things',
        '#   - name: Two things',
        '#     package: name=x',
        '#     service: name=y',
        '',
        "# tasks/main.yml:4 Install z\npackage 'z'",
      ].join('\n'),
    );
  });

  it('a missing template is an error naming where it looked; the task stays as a TODO', async () => {
    const task = '- name: Write app.conf\n  template:\n    src: app.conf.j2\n    dest: /etc/app.conf\n';
    const result = await soundRole({ 'tasks/main.yml': task + '- name: Install app\n  package: name=app\n' });
    expect(only(result, 'error')).toEqual([
      'tasks/main.yml:3:10: error A2C-MISSING-FILE template app.conf.j2 not found (looked in templates/app.conf.j2, app.conf.j2)',
    ]);
    expect(recipeBody(result, 'demo')).toBe(
      [
        '# TODO(ansible2chef): A2C-MISSING-FILE template app.conf.j2 not found (looked in templates/app.conf.j2, app.conf.j2)',
        '# tasks/main.yml:1 Write app.conf',
        ...task
          .trimEnd()
          .split('\n')
          .map((l) => `#   ${l}`),
        '',
        '# tasks/main.yml:5 Install app',
        "package 'app'",
      ].join('\n'),
    );
  });

  it('a missing file is reported once, not as an error and again as a TODO warning', async () => {
    const result = await soundRole({
      'tasks/main.yml': '- name: Write app.conf\n  template:\n    src: app.conf.j2\n    dest: /etc/app.conf\n',
    });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'tasks/main.yml:3:10: error A2C-MISSING-FILE template app.conf.j2 not found (looked in templates/app.conf.j2, app.conf.j2)',
    ]);
  });

  it('a play naming a role that does not exist is an error at the reference; the other roles convert', async () => {
    const result = await soundProject({ 'site.yml': site('good', 'ghost'), ...GOOD_ROLE });
    expect(only(result, 'error')).toEqual(['site.yml:4:7: error A2C-MISSING-ROLE role ghost not found (looked in roles)']);
    expect(result.cookbooks.map((c) => c.name)).toEqual(['good']);
    expect(recipeBody(result, 'good')).toBe(GOOD_RECIPE);
  });

  it('an unknown module is a warning and a TODO block holding the original task', async () => {
    const task = '- name: Frobnicate\n  acme.widgets.frobnicate:\n    level: 3\n    # keep this comment\n';
    const result = await soundRole({ 'tasks/main.yml': task });
    expect(only(result, 'error')).toEqual([]);
    expect(only(result, 'warning')).toEqual([
      'tasks/main.yml:1:3: warning A2C-TODO-MODULE module acme.widgets.frobnicate is not in the mapping table',
    ]);
    expect(recipeBody(result, 'demo')).toBe(
      [
        '# TODO(ansible2chef): A2C-TODO-MODULE module acme.widgets.frobnicate is not in the mapping table',
        '# tasks/main.yml:1 Frobnicate',
        '#   - name: Frobnicate',
        '#     acme.widgets.frobnicate:',
        '#       level: 3',
      ].join('\n'),
    );
    expect(result.stats.todo).toBe(1);
  });

  it('a task that is a string is an error; the next task converts', async () => {
    const result = await soundRole({ 'tasks/main.yml': '- just install chrony please\n- name: Install chrony\n  package: name=chrony\n' });
    expect(only(result, 'error')).toEqual([
      'tasks/main.yml:1:3: error A2C-SHAPE a task must be a mapping, found the string "just install chrony please"',
    ]);
    expect(recipeBody(result, 'demo')).toBe(
      [
        '# TODO(ansible2chef): A2C-SHAPE a task must be a mapping, found the string "just install chrony please"',
        '# tasks/main.yml:1',
        '#   - just install chrony please',
        '',
        "# tasks/main.yml:2 Install chrony\npackage 'chrony'",
      ].join('\n'),
    );
  });

  it('tasks/main.yml holding a mapping is an error at its start', async () => {
    const result = await soundRole({ 'tasks/main.yml': 'name: Install chrony\npackage: name=chrony\n' });
    expect(only(result, 'error')).toEqual(['tasks/main.yml:1:1: error A2C-SHAPE tasks/main.yml must be a list of tasks, found a mapping']);
  });

  it('an empty tasks file converts to an empty recipe without complaint', async () => {
    for (const text of ['', '---\n', '# nothing yet\n']) {
      const result = await soundRole({ 'tasks/main.yml': text });
      expect(result.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic)).toEqual([]);
      expect(recipeBody(result, 'demo')).toBe('');
    }
  });
});

describe('line endings and byte order marks do not change the output', () => {
  const role: Record<string, string> = {
    'tasks/main.yml':
      '---\n# Configure chrony\n- name: Install chrony\n  package:\n    name: chrony\n- name: Write chrony.conf\n  template:\n    src: chrony.conf.j2\n    dest: /etc/chrony/chrony.conf\n    mode: 0644\n  notify: restart chrony\n',
    'handlers/main.yml': '- name: restart chrony\n  service:\n    name: chrony\n    state: restarted\n',
    'defaults/main.yml': 'chrony_servers:\n  - ntp1.example.com\n  - ntp2.example.com\n',
    'templates/chrony.conf.j2': '{% for s in chrony_servers %}\nserver {{ s }} iburst\n{% endfor %}\n',
  };
  const crlf = (s: string) => s.replace(/\n/g, '\r\n');
  const bom = (s: string) => '\uFEFF' + s;
  /** YAML files only get the BOM: in a template Ansible keeps it (see below). */
  const transform = (f: (s: string) => string, yamlOnly: boolean) =>
    Object.fromEntries(Object.entries(role).map(([p, t]) => [p, yamlOnly && !p.endsWith('.yml') ? t : f(t)]));

  it.each([
    ['CRLF', crlf, false],
    ['BOM', bom, true],
    ['BOM + CRLF', (s: string) => bom(crlf(s)), true],
  ])('%s input gives the LF output', async (_name, f, yamlOnly) => {
    const lf = await convertRole(role);
    const other = await convertRole(transform(f, yamlOnly));
    expect(other.diagnostics).toEqual(lf.diagnostics);
    expect([...other.files.keys()]).toEqual([...lf.files.keys()]);
    // Templates too: Jinja2 turns every line break into newline_sequence ('\n' in Ansible).
    for (const path of lf.files.keys()) expect(outputText(other, path), path).toBe(outputText(lf, path));
    expect(outputText(lf, 'demo/recipes/default.rb')).toContain("template '/etc/chrony/chrony.conf' do");
  });

  it('a BOM at the start of a template is output text, as in Ansible', async () => {
    // ansible-playbook 2.14 renders '\uFEFFhello {{ x }}\r\n' to '\uFEFFhello 1\n': the template
    // module decodes with plain UTF-8, so the BOM is a character of the template's text.
    const result = await convertRole({ ...role, 'templates/chrony.conf.j2': '\uFEFFserver ntp.example.com\r\n' });
    expect(outputText(result, 'demo/templates/chrony.conf.erb')).toBe('\uFEFFserver ntp.example.com\n');
  });
});

const SITE = { 'site.yml': site('good', 'bad') };
const enc = new TextEncoder();
const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : p)));

/** name, files of role `bad` (under roles/bad/), and diagnostics expected as `file:line:col: severity CODE` prefixes. */
const CASES: Array<[string, TextTree, string[]]> = [
  ['unclosed flow sequence', { 'tasks/main.yml': '- package: {name: [x\n' }, ['roles/bad/tasks/main.yml:2:1: error A2C-YAML-SYNTAX']],
  ['tab indentation', { 'tasks/main.yml': '- name: a\n\tpackage: name=a\n' }, ['roles/bad/tasks/main.yml:2:2: error A2C-YAML-SYNTAX']],
  [
    'tasks file holding a scalar',
    { 'tasks/main.yml': '42\n' },
    ['roles/bad/tasks/main.yml:1:1: error A2C-SHAPE tasks/main.yml must be a list of tasks, found a scalar'],
  ],
  [
    'a task that is a number',
    { 'tasks/main.yml': '- 42\n' },
    ['roles/bad/tasks/main.yml:1:3: error A2C-SHAPE a task must be a mapping, found the value "42"'],
  ],
  [
    'a task that is a list',
    { 'tasks/main.yml': '- [a, b]\n' },
    ['roles/bad/tasks/main.yml:1:3: error A2C-SHAPE a task must be a mapping, found a list'],
  ],
  [
    'an unknown task keyword',
    { 'tasks/main.yml': '- package: name=x\n  retry_forever: yes\n' },
    [
      'roles/bad/tasks/main.yml:2:3: error A2C-TASK-MULTI-MODULE task names more than one module or unknown keyword: package, retry_forever',
    ],
  ],
  [
    'a task with no module',
    { 'tasks/main.yml': '- name: nothing\n  when: x\n' },
    ['roles/bad/tasks/main.yml:1:3: error A2C-TASK-NO-MODULE'],
  ],
  [
    'module arguments that are a list',
    { 'tasks/main.yml': '- package: [a, b]\n' },
    ['roles/bad/tasks/main.yml:1:12: error A2C-SHAPE module arguments must be a mapping or a string, found a list'],
  ],
  ['rescue without block', { 'tasks/main.yml': '- package: name=x\n  rescue: []\n' }, ['roles/bad/tasks/main.yml:2:3: error A2C-SHAPE']],
  [
    'a Jinja syntax error in an argument',
    { 'tasks/main.yml': '- debug:\n    msg: "{{ foo( }}"\n' },
    ['roles/bad/tasks/main.yml:2:19: warning A2C-TODO-JINJA'],
  ],
  [
    'a Jinja syntax error in a template',
    { 'tasks/main.yml': '- template: src=a.j2 dest=/a\n', 'templates/a.j2': 'x {% if %}\n' },
    ['roles/bad/templates/a.j2:1:9: warning A2C-JINJA-SYNTAX'],
  ],
  [
    'an unclosed Jinja block in a template',
    { 'tasks/main.yml': '- template: src=a.j2 dest=/a\n', 'templates/a.j2': '{% for x in y %}\n{{ x }}\n' },
    ['roles/bad/templates/a.j2:'],
  ],
  [
    'a missing copy source',
    { 'tasks/main.yml': '- copy:\n    src: gone.txt\n    dest: /x\n' },
    ['roles/bad/tasks/main.yml:2:10: error A2C-MISSING-FILE'],
  ],
  [
    'a missing included task file',
    { 'tasks/main.yml': '- include_tasks: gone.yml\n' },
    ['roles/bad/tasks/main.yml:1:18: error A2C-MISSING-FILE included task file gone.yml not found'],
  ],
  [
    'a missing imported task file',
    { 'tasks/main.yml': '- import_tasks: gone.yml\n' },
    ['roles/bad/tasks/main.yml:1:17: error A2C-MISSING-FILE included task file gone.yml not found'],
  ],
  [
    'a missing vars file',
    { 'tasks/main.yml': '- include_vars: gone.yml\n' },
    ['roles/bad/tasks/main.yml:1:17: error A2C-MISSING-FILE vars file gone.yml not found'],
  ],
  [
    'a missing dependency role',
    { 'tasks/main.yml': '- debug: msg=x\n', 'meta/main.yml': 'dependencies: [ghost]\n' },
    ['roles/bad/meta/main.yml:1:16: error A2C-MISSING-ROLE role ghost not found'],
  ],
  [
    'a task file that imports itself',
    { 'tasks/main.yml': '- import_tasks: main.yml\n' },
    ['roles/bad/tasks/main.yml:1:3: error A2C-INCLUDE-CYCLE include cycle: main.yml -> main.yml'],
  ],
  [
    'task files that include each other',
    { 'tasks/main.yml': '- include_tasks: a.yml\n', 'tasks/a.yml': '- include_tasks: b.yml\n', 'tasks/b.yml': '- import_tasks: a.yml\n' },
    ['roles/bad/tasks/b.yml:1:3: error A2C-INCLUDE-CYCLE include cycle: a.yml -> b.yml -> a.yml'],
  ],
  [
    'an inlined include cycle',
    { 'tasks/main.yml': '- include_tasks: a.yml\n  vars: {x: 1}\n', 'tasks/a.yml': '- include_tasks: a.yml\n  vars: {x: 2}\n' },
    ['roles/bad/tasks/a.yml:1:3: error A2C-INCLUDE-CYCLE'],
  ],
  [
    'a dependency cycle between roles',
    {
      'tasks/main.yml': '- debug: msg=x\n',
      'meta/main.yml': 'dependencies: [other]\n',
      '../other/tasks/main.yml': '- debug: msg=y\n',
      '../other/meta/main.yml': 'dependencies:\n  - role: bad\n',
    },
    ['roles/other/meta/main.yml:2:5: error A2C-ROLE-CYCLE role dependency cycle: bad -> other -> bad'],
  ],
  [
    'a role that depends on itself',
    { 'tasks/main.yml': '- debug: msg=x\n', 'meta/main.yml': 'dependencies: [bad]\n' },
    ['roles/bad/meta/main.yml:1:16: error A2C-ROLE-CYCLE role dependency cycle: bad -> bad'],
  ],
  [
    'meta dependencies that are not a list',
    { 'tasks/main.yml': '- debug: msg=x\n', 'meta/main.yml': 'dependencies: other\n' },
    ['roles/bad/meta/main.yml:1:15: error A2C-SHAPE meta dependencies must be a list'],
  ],
  [
    'a defaults file that is a list',
    { 'tasks/main.yml': '- debug: msg=x\n', 'defaults/main.yml': '- a\n- b\n' },
    ['roles/bad/defaults/main.yml:1:1: error A2C-SHAPE a variables file must hold a mapping'],
  ],
  [
    'invalid UTF-8 in a tasks file',
    { 'tasks/main.yml': bytes('- debug: msg=', [0xff, 0xfe, 0xc3], '\n') },
    ['roles/bad/tasks/main.yml:1:1: warning A2C-ENCODING'],
  ],
  [
    'invalid UTF-8 in a template',
    { 'tasks/main.yml': '- template: src=a.j2 dest=/a\n', 'templates/a.j2': bytes('x ', [0xc0, 0xaf], ' y\n') },
    ['roles/bad/templates/a.j2:1:1: warning A2C-ENCODING'],
  ],
  [
    'NUL bytes in a template',
    { 'tasks/main.yml': '- template: src=a.j2 dest=/a\n', 'templates/a.j2': bytes('a', [0, 1, 2], '{{ x }}\n') },
    [],
  ],
  [
    'a lone surrogate escape in YAML',
    { 'tasks/main.yml': '- debug:\n    msg: "x \\uD800 y"\n' },
    ['roles/bad/tasks/main.yml:2:10: error A2C-YAML-VALUE string holds a lone UTF-16 surrogate'],
  ],
  [
    'a lone surrogate in a task name',
    { 'tasks/main.yml': '- name: "\\udc00"\n  debug: msg=x\n' },
    ['roles/bad/tasks/main.yml:1:9: error A2C-YAML-VALUE'],
  ],
  [
    'a surrogate escape in a Jinja string',
    { 'tasks/main.yml': '- template: src=a.j2 dest=/a\n', 'templates/a.j2': 'x {{ "\\ud800" }}\n' },
    ['roles/bad/templates/a.j2:1:6: warning A2C-JINJA-SYNTAX'],
  ],
  [
    'an unknown YAML tag',
    { 'tasks/main.yml': '- debug:\n    msg: !python/object x\n' },
    ['roles/bad/tasks/main.yml:2:10: error A2C-YAML-TAG'],
  ],
  ['an undefined alias', { 'tasks/main.yml': '- debug:\n    msg: *nothing\n' }, ['roles/bad/tasks/main.yml:2:10: error A2C-YAML-ALIAS']],
  [
    'duplicate keys',
    { 'tasks/main.yml': '- name: first\n  name: second\n  debug: msg=x\n' },
    ["roles/bad/tasks/main.yml:2:3: warning A2C-YAML-DUPKEY duplicate key 'name': the last value is used"],
  ],
  [
    'a vault-encrypted vars file',
    { 'tasks/main.yml': '- debug: msg=x\n', 'vars/main.yml': '$ANSIBLE_VAULT;1.1;AES256\n6162\n' },
    ['roles/bad/vars/main.yml:1:1: warning A2C-VAULT-FILE'],
  ],
];

const EMPTY_FILES: Array<[string, TextTree]> = [
  [
    'empty defaults, vars, meta and handlers',
    { 'tasks/main.yml': '- debug: msg=x\n', 'defaults/main.yml': '', 'vars/main.yml': '', 'meta/main.yml': '', 'handlers/main.yml': '' },
  ],
  ['an empty template', { 'tasks/main.yml': '- template: src=a.j2 dest=/a\n', 'templates/a.j2': '' }],
  ['an empty file to copy', { 'tasks/main.yml': '- copy: src=a dest=/a\n', 'files/a': '' }],
  ['an empty inventory', { 'tasks/main.yml': '- debug: msg=x\n', '../../inventory': '' }],
];

function project(bad: TextTree): TextTree {
  const files: TextTree = { ...SITE, ...GOOD_ROLE };
  for (const [p, t] of Object.entries(bad))
    files[p.startsWith('../../') ? p.slice(6) : p.startsWith('../') ? `roles/${p.slice(3)}` : `roles/bad/${p}`] = t;
  return files;
}

describe('each broken input is a diagnostic at its position, and the rest still converts', () => {
  it.each(CASES)('%s', async (_name, bad, expected) => {
    const input = project(bad);
    const result = await convertProject(input);
    const shown = result.diagnostics.map(formatDiagnostic);
    for (const e of expected)
      expect(
        shown.some((d) => d.startsWith(e)),
        `${e}\nin:\n${shown.join('\n')}`,
      ).toBe(true);
    expect(recipeBody(result, 'good')).toBe(GOOD_RECIPE);
    expect(result.diagnostics.filter((d) => d.code.startsWith('A2C-INTERNAL')).map(formatDiagnostic)).toEqual([]);
    expectSpansInInput(result, input);
    expectSafePaths(result);
  });

  it.each(EMPTY_FILES)('%s converts without an error', async (_name, bad) => {
    const result = await convertProject(project(bad));
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    expect(recipeBody(result, 'good')).toBe(GOOD_RECIPE);
  });
});

describe('cycles and long chains end', () => {
  it('a 3000-role dependency chain converts without overflowing the stack', async () => {
    const n = 3000;
    const files: TextTree = { 'site.yml': '- hosts: all\n  roles: [r0]\n' };
    for (let i = 0; i < n; i++) {
      files[`roles/r${i}/tasks/main.yml`] = `- debug: msg=${i}\n`;
      if (i + 1 < n) files[`roles/r${i}/meta/main.yml`] = `dependencies: [r${i + 1}]\n`;
    }
    files[`roles/r${n - 1}/meta/main.yml`] = 'dependencies: [r0]\n';
    const result = await convertProject(files);
    expect(result.diagnostics.filter((d) => d.code === 'A2C-ROLE-CYCLE')).toHaveLength(1);
    expect(result.cookbooks).toHaveLength(n);
  });

  it('a 3000-file include chain ending in a cycle is reported once', async () => {
    const n = 3000;
    const files: TextTree = {};
    for (let i = 0; i < n; i++) files[i === 0 ? 'tasks/main.yml' : `tasks/f${i}.yml`] = `- include_tasks: f${(i + 1) % n || 1}.yml\n`;
    const result = await convertProject({ ...files });
    expect(result.diagnostics.filter((d) => d.code === 'A2C-INCLUDE-CYCLE').map(formatDiagnostic)).toEqual([
      `tasks/f${n - 1}.yml:1:3: error A2C-INCLUDE-CYCLE include cycle: ${Array.from({ length: n - 1 }, (_, i) => `f${i + 1}.yml`).join(' -> ')} -> f1.yml; Ansible includes these files without end, Chef runs each recipe once`,
    ]);
  });
});

describe('the CLI', () => {
  // A private build: never the shared dist/, which other test files and developers' builds rewrite.
  let cli: ReturnType<typeof buildCli>;
  let tmp: string;

  beforeAll(() => {
    cli = buildCli();
    tmp = mkdtempSync(join(tmpdir(), 'a2c-bad-input-'));
  });
  afterAll(() => {
    cli?.cleanup();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  function project(name: string, files: TextTree): string {
    const dir = join(tmp, name);
    for (const [p, t] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), t);
    }
    return dir;
  }
  const run = (...args: string[]) => runCli(cli.main, args, tmp);

  it('a broken role: exit 1, stderr names file:line:col, the other cookbooks are written', () => {
    const dir = project('broken', {
      'site.yml': site('good', 'broken'),
      ...GOOD_ROLE,
      'roles/broken/tasks/main.yml': '- name: x\n  package: name=a\n - oops\n',
    });
    const out = join(tmp, 'out-broken');
    const r = run('convert', dir, '--out', out);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('roles/broken/tasks/main.yml:3:2: error A2C-YAML-SYNTAX');
    expect(readFileSync(join(out, 'good/recipes/default.rb'), 'utf8')).toContain("package 'chrony'\n");
  });

  it('an unknown option is a usage error: exit 2', () => {
    const r = run('convert', '--no-such-option');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-option'");
  });

  it('a clean project: exit 0', () => {
    const dir = project('clean', { 'site.yml': site('good'), ...GOOD_ROLE });
    const out = join(tmp, 'out-clean');
    const r = run('convert', dir, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'good/recipes/default.rb'), 'utf8')).toContain("package 'chrony'\n");
  });
});
