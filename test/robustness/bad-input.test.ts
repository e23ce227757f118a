// Broken input, one case per way a real repository can be broken: each gives a diagnostic at
// file:line:col, the good role beside it still converts to the same recipe, and errors are errors
// (the CLI exits 1 on them; see cli-safety.test.ts).
import { describe, expect, it } from 'vitest';
import { convertProject, recipeBody, type TextTree } from '../helpers/convert-helpers.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { expectSafePaths, expectSpansInInput } from './robustness-helpers.js';

const GOOD = { 'roles/good/tasks/main.yml': '- name: Install chrony\n  package:\n    name: chrony\n' };
// The package's default action (:install) is left out, as Cookstyle wants.
const GOOD_RECIPE = "# roles/good/tasks/main.yml:1 Install chrony\npackage 'chrony'";
const SITE = { 'site.yml': '- hosts: all\n  roles:\n    - good\n    - bad\n' };
const enc = new TextEncoder();
const bytes = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : p)));

/** name, files of role `bad` (under roles/bad/), and diagnostics expected as `file:line:col: severity CODE` prefixes. */
const CASES: Array<[string, TextTree, string[]]> = [
  ['malformed YAML', { 'tasks/main.yml': '- name: a\n  package: name=a\n - name: b\n' }, ['roles/bad/tasks/main.yml:3:2: error A2C-YAML-SYNTAX']],
  ['unclosed flow sequence', { 'tasks/main.yml': '- package: {name: [x\n' }, ['roles/bad/tasks/main.yml:2:1: error A2C-YAML-SYNTAX']],
  ['tab indentation', { 'tasks/main.yml': '- name: a\n\tpackage: name=a\n' }, ['roles/bad/tasks/main.yml:2:2: error A2C-YAML-SYNTAX']],
  ['tasks file holding a scalar', { 'tasks/main.yml': '42\n' }, ['roles/bad/tasks/main.yml:1:1: error A2C-SHAPE tasks/main.yml must be a list of tasks, found a scalar']],
  ['tasks file holding a mapping', { 'tasks/main.yml': 'name: x\npackage: name=x\n' }, ['roles/bad/tasks/main.yml:1:1: error A2C-SHAPE tasks/main.yml must be a list of tasks, found a mapping']],
  ['a task that is a string', { 'tasks/main.yml': '- install it\n' }, ['roles/bad/tasks/main.yml:1:3: error A2C-SHAPE a task must be a mapping, found the string']],
  ['a task that is a number', { 'tasks/main.yml': '- 42\n' }, ['roles/bad/tasks/main.yml:1:3: error A2C-SHAPE a task must be a mapping, found the value "42"']],
  ['a task that is a list', { 'tasks/main.yml': '- [a, b]\n' }, ['roles/bad/tasks/main.yml:1:3: error A2C-SHAPE a task must be a mapping, found a list']],
  ['two modules in one task', { 'tasks/main.yml': '- package: name=x\n  service: name=x\n' }, ['roles/bad/tasks/main.yml:2:3: error A2C-TASK-MULTI-MODULE']],
  ['an unknown task keyword', { 'tasks/main.yml': '- package: name=x\n  retry_forever: yes\n' }, ['roles/bad/tasks/main.yml:2:3: error A2C-TASK-MULTI-MODULE task names more than one module or unknown keyword: package, retry_forever']],
  ['a task with no module', { 'tasks/main.yml': '- name: nothing\n  when: x\n' }, ['roles/bad/tasks/main.yml:1:3: error A2C-TASK-NO-MODULE']],
  ['module arguments that are a list', { 'tasks/main.yml': '- package: [a, b]\n' }, ['roles/bad/tasks/main.yml:1:12: error A2C-SHAPE module arguments must be a mapping or a string, found a list']],
  ['rescue without block', { 'tasks/main.yml': '- package: name=x\n  rescue: []\n' }, ['roles/bad/tasks/main.yml:2:3: error A2C-SHAPE']],
  ['a Jinja syntax error in an argument', { 'tasks/main.yml': '- debug:\n    msg: "{{ foo( }}"\n' }, ['roles/bad/tasks/main.yml:2:19: warning A2C-TODO-JINJA']],
  ['a Jinja syntax error in a template', { 'tasks/main.yml': '- template: src=a.j2 dest=/a\n', 'templates/a.j2': 'x {% if %}\n' }, ['roles/bad/templates/a.j2:1:9: warning A2C-JINJA-SYNTAX']],
  ['an unclosed Jinja block in a template', { 'tasks/main.yml': '- template: src=a.j2 dest=/a\n', 'templates/a.j2': '{% for x in y %}\n{{ x }}\n' }, ['roles/bad/templates/a.j2:']],
  ['a missing template', { 'tasks/main.yml': '- template:\n    src: gone.j2\n    dest: /x\n' }, ['roles/bad/tasks/main.yml:2:10: error A2C-MISSING-FILE template gone.j2 not found']],
  ['a missing copy source', { 'tasks/main.yml': '- copy:\n    src: gone.txt\n    dest: /x\n' }, ['roles/bad/tasks/main.yml:2:10: error A2C-MISSING-FILE']],
  ['a missing included task file', { 'tasks/main.yml': '- include_tasks: gone.yml\n' }, ['roles/bad/tasks/main.yml:1:18: error A2C-MISSING-FILE included task file gone.yml not found']],
  ['a missing imported task file', { 'tasks/main.yml': '- import_tasks: gone.yml\n' }, ['roles/bad/tasks/main.yml:1:17: error A2C-MISSING-FILE included task file gone.yml not found']],
  ['a missing vars file', { 'tasks/main.yml': '- include_vars: gone.yml\n' }, ['roles/bad/tasks/main.yml:1:17: error A2C-MISSING-FILE vars file gone.yml not found']],
  ['a missing dependency role', { 'tasks/main.yml': '- debug: msg=x\n', 'meta/main.yml': 'dependencies: [ghost]\n' }, ['roles/bad/meta/main.yml:1:16: error A2C-MISSING-ROLE role ghost not found']],
  ['a task file that imports itself', { 'tasks/main.yml': '- import_tasks: main.yml\n' }, ['roles/bad/tasks/main.yml:1:3: error A2C-INCLUDE-CYCLE include cycle: main.yml -> main.yml']],
  ['task files that include each other', { 'tasks/main.yml': '- include_tasks: a.yml\n', 'tasks/a.yml': '- include_tasks: b.yml\n', 'tasks/b.yml': '- import_tasks: a.yml\n' }, ['roles/bad/tasks/b.yml:1:3: error A2C-INCLUDE-CYCLE include cycle: a.yml -> b.yml -> a.yml']],
  ['an inlined include cycle', { 'tasks/main.yml': '- include_tasks: a.yml\n  vars: {x: 1}\n', 'tasks/a.yml': '- include_tasks: a.yml\n  vars: {x: 2}\n' }, ['roles/bad/tasks/a.yml:1:3: error A2C-INCLUDE-CYCLE']],
  ['a dependency cycle between roles', { 'tasks/main.yml': '- debug: msg=x\n', 'meta/main.yml': 'dependencies: [other]\n', '../other/tasks/main.yml': '- debug: msg=y\n', '../other/meta/main.yml': 'dependencies:\n  - role: bad\n' }, ['roles/other/meta/main.yml:2:5: error A2C-ROLE-CYCLE role dependency cycle: bad -> other -> bad']],
  ['a role that depends on itself', { 'tasks/main.yml': '- debug: msg=x\n', 'meta/main.yml': 'dependencies: [bad]\n' }, ['roles/bad/meta/main.yml:1:16: error A2C-ROLE-CYCLE role dependency cycle: bad -> bad']],
  ['meta dependencies that are not a list', { 'tasks/main.yml': '- debug: msg=x\n', 'meta/main.yml': 'dependencies: other\n' }, ['roles/bad/meta/main.yml:1:15: error A2C-SHAPE meta dependencies must be a list']],
  ['a defaults file that is a list', { 'tasks/main.yml': '- debug: msg=x\n', 'defaults/main.yml': '- a\n- b\n' }, ['roles/bad/defaults/main.yml:1:1: error A2C-SHAPE a variables file must hold a mapping']],
  ['invalid UTF-8 in a tasks file', { 'tasks/main.yml': bytes('- debug: msg=', [0xff, 0xfe, 0xc3], '\n') }, ['roles/bad/tasks/main.yml:1:1: warning A2C-ENCODING']],
  ['invalid UTF-8 in a template', { 'tasks/main.yml': '- template: src=a.j2 dest=/a\n', 'templates/a.j2': bytes('x ', [0xc0, 0xaf], ' y\n') }, ['roles/bad/templates/a.j2:1:1: warning A2C-ENCODING']],
  ['NUL bytes in a template', { 'tasks/main.yml': '- template: src=a.j2 dest=/a\n', 'templates/a.j2': bytes('a', [0, 1, 2], '{{ x }}\n') }, []],
  ['a lone surrogate escape in YAML', { 'tasks/main.yml': '- debug:\n    msg: "x \\uD800 y"\n' }, ['roles/bad/tasks/main.yml:2:10: error A2C-YAML-VALUE string holds a lone UTF-16 surrogate']],
  ['a lone surrogate in a task name', { 'tasks/main.yml': '- name: "\\udc00"\n  debug: msg=x\n' }, ['roles/bad/tasks/main.yml:1:9: error A2C-YAML-VALUE']],
  ['a surrogate escape in a Jinja string', { 'tasks/main.yml': '- template: src=a.j2 dest=/a\n', 'templates/a.j2': 'x {{ "\\ud800" }}\n' }, ['roles/bad/templates/a.j2:1:6: warning A2C-JINJA-SYNTAX']],
  ['an unknown YAML tag', { 'tasks/main.yml': '- debug:\n    msg: !python/object x\n' }, ['roles/bad/tasks/main.yml:2:10: error A2C-YAML-TAG']],
  ['an undefined alias', { 'tasks/main.yml': '- debug:\n    msg: *nothing\n' }, ['roles/bad/tasks/main.yml:2:10: error A2C-YAML-ALIAS']],
  ['duplicate keys', { 'tasks/main.yml': '- name: first\n  name: second\n  debug: msg=x\n' }, ['roles/bad/tasks/main.yml:2:3: warning A2C-YAML-DUPKEY duplicate key \'name\': the last value is used']],
  ['a vault-encrypted vars file', { 'tasks/main.yml': '- debug: msg=x\n', 'vars/main.yml': '$ANSIBLE_VAULT;1.1;AES256\n6162\n' }, ['roles/bad/vars/main.yml:1:1: warning A2C-VAULT-FILE']],
];

const EMPTY_FILES: Array<[string, TextTree]> = [
  ['empty tasks file', { 'tasks/main.yml': '' }],
  ['tasks file with only a document start', { 'tasks/main.yml': '---\n' }],
  ['tasks file with only comments', { 'tasks/main.yml': '# later\n' }],
  ['empty defaults, vars, meta and handlers', { 'tasks/main.yml': '- debug: msg=x\n', 'defaults/main.yml': '', 'vars/main.yml': '', 'meta/main.yml': '', 'handlers/main.yml': '' }],
  ['an empty template', { 'tasks/main.yml': '- template: src=a.j2 dest=/a\n', 'templates/a.j2': '' }],
  ['an empty file to copy', { 'tasks/main.yml': '- copy: src=a dest=/a\n', 'files/a': '' }],
  ['an empty inventory', { 'tasks/main.yml': '- debug: msg=x\n', '../../inventory': '' }],
];

function project(bad: TextTree): TextTree {
  const files: TextTree = { ...SITE, ...GOOD };
  for (const [p, t] of Object.entries(bad)) files[p.startsWith('../../') ? p.slice(6) : p.startsWith('../') ? `roles/${p.slice(3)}` : `roles/bad/${p}`] = t;
  return files;
}

describe('each broken input is a diagnostic at its position, and the rest still converts', () => {
  it.each(CASES)('%s', async (_name, bad, expected) => {
    const input = project(bad);
    const result = await convertProject(input);
    const shown = result.diagnostics.map(formatDiagnostic);
    for (const e of expected) expect(shown.some((d) => d.startsWith(e)), `${e}\nin:\n${shown.join('\n')}`).toBe(true);
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
  }, 120_000);

  it('a 3000-file include chain ending in a cycle is reported once', async () => {
    const n = 3000;
    const files: TextTree = {};
    for (let i = 0; i < n; i++) files[i === 0 ? 'tasks/main.yml' : `tasks/f${i}.yml`] = `- include_tasks: f${(i + 1) % n || 1}.yml\n`;
    const result = await convertProject({ ...files });
    expect(result.diagnostics.filter((d) => d.code === 'A2C-INCLUDE-CYCLE').map(formatDiagnostic)).toEqual([
      `tasks/f${n - 1}.yml:1:3: error A2C-INCLUDE-CYCLE include cycle: ${Array.from({ length: n - 1 }, (_, i) => `f${i + 1}.yml`).join(' -> ')} -> f1.yml; Ansible includes these files without end, Chef runs each recipe once`,
    ]);
  }, 120_000);
});
