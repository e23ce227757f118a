// One small input per diagnostic code that no golden case shows: the code, its severity (from the
// table in src/base/diagnostic-codes.ts), its place and its message, exactly as the CLI prints them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, convertRole, formatDiagnostic } from '../helpers/convert-helpers.js';
import { findConfig } from '../../src/config/find.js';
import type { ConversionResult } from '../../src/convert.js';

const VAULT = '!vault |\n          $ANSIBLE_VAULT;1.1;AES256\n          6162636465666768\n';
const PLAY = '- hosts: all\n  tasks: [{command: /bin/true}]\n';
const shown = (r: ConversionResult) => r.diagnostics.map(formatDiagnostic);

describe('diagnostic codes no golden case shows', () => {
  it.each([
    [
      'A2C-YAML-MERGE',
      { 'roles/r/defaults/main.yml': 'a: 1\nb:\n  <<: 3\n', 'roles/r/tasks/main.yml': '- command: /bin/true\n' },
      ['roles/r/defaults/main.yml:3:7: error A2C-YAML-MERGE expected a mapping or list of mappings for merging'],
    ],
    [
      'A2C-INI-HOST',
      { 'site.yml': PLAY, hosts: '[web]\nweb[1:x].example.com\n' },
      ["hosts:2:1: error A2C-INI-HOST invalid host range '[1:x]'"],
    ],
    [
      'A2C-INI-VALUE',
      { 'site.yml': PLAY, hosts: '[web]\nw1 v="{1,2}"\nw2 c=1j\n' },
      [
        'hosts:2:1: warning A2C-INI-VALUE Python set literals are not supported; the value is kept as text',
        'hosts:3:1: warning A2C-INI-VALUE Python complex numbers are not supported; the value is kept as text',
      ],
    ],
    [
      'A2C-UNKNOWN-KEYWORD',
      { 'site.yml': '- hosts: all\n  bogus: 1\n  tasks: [{command: /bin/true}]\n' },
      ["site.yml:2:3: warning A2C-UNKNOWN-KEYWORD unknown play keyword 'bogus' ignored"],
    ],
    [
      'A2C-MISSING-HANDLER',
      { 'roles/r/tasks/main.yml': '- command: /bin/true\n  notify: nope\n' },
      ["roles/r/tasks/main.yml:2:11: error A2C-MISSING-HANDLER notify: no handler named or listening to 'nope'"],
    ],
    [
      'A2C-COOKBOOK-CLASH',
      {
        'site.yml': '- hosts: all\n  roles: [a-b, a_b]\n',
        'roles/a-b/tasks/main.yml': '- command: /bin/true\n',
        'roles/a_b/tasks/main.yml': '- command: /bin/true\n',
      },
      ["error A2C-COOKBOOK-CLASH roles/a_b and roles/a-b both become cookbook 'a_b'; the second is skipped (set a cookbook name override)"],
    ],
    [
      'A2C-EMPTY-PLAY and A2C-TODO-ROLE',
      { 'site.yml': '- hosts: all\n  roles: ["{{ which }}"]\n' },
      [
        "site.yml:1:3: warning A2C-EMPTY-PLAY play 'all' has nothing to run after conversion; no Policyfile is written for it",
        'site.yml:2:11: warning A2C-TODO-ROLE templated role name {{ which }} is not converted',
      ],
    ],
    [
      'A2C-TODO-CHECKSUM',
      { 'roles/r/tasks/main.yml': '- get_url:\n    url: https://example.com/x\n    dest: /tmp/x\n    checksum: "md5:abc"\n' },
      [
        'roles/r/tasks/main.yml:4:15: warning A2C-TODO-CHECKSUM only sha256 checksums written as sha256:<digest> convert (Chef verifies SHA-256)',
      ],
    ],
    [
      'A2C-TODO-COMMAND',
      { 'roles/r/tasks/main.yml': '- command:\n    cmd: echo "unbalanced\n' },
      ['roles/r/tasks/main.yml:2:10: warning A2C-TODO-COMMAND command line has unbalanced quotes'],
    ],
    [
      'A2C-TODO-INCLUDE-VARS',
      { 'roles/r/tasks/main.yml': '- include_vars:\n    file: a.yml\n  when: x is defined\n', 'roles/r/vars/a.yml': 'a: 1\n' },
      [
        "roles/r/tasks/main.yml:3:9: warning A2C-TODO-INCLUDE-VARS conditional include_vars whose condition reads 'x' (not only facts) is not converted",
      ],
    ],
    [
      'A2C-TODO-LOOP',
      { 'roles/r/tasks/main.yml': '- command: "echo {{ item }}"\n  loop: [1]\n  with_items: [2]\n' },
      ['roles/r/tasks/main.yml:1:3: warning A2C-TODO-LOOP more than one loop keyword on one task'],
    ],
    [
      'A2C-TODO-META',
      { 'roles/r/tasks/main.yml': '- meta: end_play\n' },
      ['roles/r/tasks/main.yml:1:3: warning A2C-TODO-META meta: end_play has no Chef equivalent'],
    ],
    [
      'A2C-TODO-ROLE-PARAMS',
      {
        'roles/r/tasks/main.yml': '- command: /bin/true\n',
        'roles/r/meta/main.yml': 'dependencies:\n  - role: d\n    x: 1\n',
        'roles/d/tasks/main.yml': '- command: /bin/true\n',
      },
      ['roles/r/meta/main.yml:2:5: warning A2C-TODO-ROLE-PARAMS parameters of dependency d are not converted'],
    ],
    [
      'A2C-TODO-VARS-FILES',
      { 'site.yml': '- hosts: all\n  vars_files:\n    - [a.yml, b.yml]\n  tasks: [{command: /bin/true}]\n' },
      ['site.yml:3:7: warning A2C-TODO-VARS-FILES vars_files entry that is not a plain file name is not converted'],
    ],
    [
      'A2C-TODO-VAULT',
      { 'roles/r/tasks/main.yml': `- command: /bin/true\n  environment:\n    X: ${VAULT}` },
      ['roles/r/tasks/main.yml:3:8: warning A2C-TODO-VAULT a vault-encrypted value here needs a chef-vault item set by hand'],
    ],
    [
      'A2C-IGNORED-STAT',
      { 'roles/r/tasks/main.yml': '- stat:\n    path: /etc/x\n  register: "{{ n }}"\n' },
      [
        'roles/r/tasks/main.yml:1:3: info A2C-IGNORED-STAT stat has no side effect; conditions on its result are translated where they are used',
      ],
    ],
    [
      'A2C-PLAY-PATTERN',
      { 'site.yml': '- hosts: "{{ target | default(\'web\') }}"\n  tasks: [{command: /bin/true}]\n', hosts: '[web]\nw1\n' },
      [
        "site.yml:1:3: info A2C-PLAY-PATTERN the play's host pattern '{{ target | default('web') }}' reads as 'web': Ansible templates it with the play's own variables (play vars, vars_files, its roles' defaults, extra vars) and the input sets target nowhere (an extra var -e target=... would change it)",
      ],
    ],
  ])('%s', async (_code, files, expected) => {
    expect(shown(await convertProject(files))).toEqual(expected);
  });

  it('A2C-CONFIG-MISSING: --config names no file', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'a2c-config-'));
    expect(findConfig({ explicit: 'nope.toml', cwd }).diagnostics.map(formatDiagnostic)).toEqual([
      'error A2C-CONFIG-MISSING nope.toml: no such config file',
    ]);
  });
});

describe('diagnostic codes of user mapping tables', () => {
  const TASK = { 'tasks/main.yml': '- package:\n    name: curl\n' };
  const tables = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-map-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const ours = (r: ConversionResult, dir: string) =>
    shown(r)
      .filter((l) => l.includes('A2C-MAPPING'))
      .map((l) => l.split(dir).join('<dir>'));

  it('A2C-MAPPING-SYNTAX: a TOML syntax error in a Jinja table, at its line and column', async () => {
    const dir = tables({ 'filters.toml': '# mine\n[to_thing\nruby = "x"\n' });
    const r = await convertRole(TASK, 'demo', { mappingDirs: [dir] });
    expect(ours(r, dir)).toHaveLength(1);
    expect(ours(r, dir)[0]).toMatch(/^<dir>\/filters\.toml:2:\d+: error A2C-MAPPING-SYNTAX /);
    expect(r.files.size).toBe(0);
  });

  it('A2C-MAPPING-INVALID: an unknown key, named with its entry', async () => {
    const dir = tables({ 'modules.toml': '[module."acme.x"]\nresource = "package"\nbogus = 1\n' });
    const r = await convertRole(TASK, 'demo', { mappingDirs: [dir] });
    expect(ours(r, dir)).toEqual(['<dir>/modules.toml:1:1: error A2C-MAPPING-INVALID module."acme.x".bogus: unknown key']);
    expect(r.files.size).toBe(0);
  });

  it('A2C-MAPPING-CONFLICT: a short name given another module', async () => {
    const dir = tables({
      'modules.toml':
        '[module."acme.pkg"]\nresource = "package"\nname = "name"\nshort = ["package"]\n[module."acme.pkg".params]\nname = { property = "package_name" }\n',
    });
    const r = await convertRole(TASK, 'demo', { mappingDirs: [dir] });
    expect(ours(r, dir)).toEqual([
      "<dir>/modules.toml:1:1: warning A2C-MAPPING-CONFLICT name 'package' meant ansible.builtin.package (mappings/modules.toml); <dir>/modules.toml makes it acme.pkg",
    ]);
  });
});

describe('diagnostic codes of user plugins', () => {
  const TASK = { 'tasks/main.yml': '- acme.cmdb.register:\n    mode: throw\n- acme.cmdb.register:\n    mode: code\n' };
  const plugin = (source: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-plugin-'));
    mkdirSync(join(dir, 'plugins'));
    writeFileSync(join(dir, 'plugins', 'cmdb.ts'), source);
    return dir;
  };
  const ours = (r: ConversionResult, dir: string) =>
    shown(r)
      .filter((l) => l.includes('A2C-PLUGIN'))
      .map((l) => l.split(dir).join('<dir>'));

  it('A2C-PLUGIN-LOAD: a plugin that throws when it loads', async () => {
    const dir = plugin("if (Date.now() > 0) throw new Error('boom');\nexport default {};\n");
    const r = await convertRole(TASK, 'demo', { mappingDirs: [dir] });
    expect(ours(r, dir)).toEqual(['<dir>/plugins/cmdb.ts:1:1: error A2C-PLUGIN-LOAD plugin failed to load: boom']);
  });

  it('A2C-PLUGIN-SHAPE: a default export of another API version', async () => {
    const dir = plugin('export default { apiVersion: 2 };\n');
    const r = await convertRole(TASK, 'demo', { mappingDirs: [dir] });
    expect(ours(r, dir)).toHaveLength(1);
    expect(ours(r, dir)[0]).toMatch(/^<dir>\/plugins\/cmdb\.ts:1:1: error A2C-PLUGIN-SHAPE /);
  });

  it('A2C-PLUGIN-ERROR: a plugin that throws, or reports a code outside the table, on a task', async () => {
    const dir = plugin(
      [
        "import type { ModulePlugin } from 'ansible2chef';",
        'const plugin: ModulePlugin = {',
        "  apiVersion: 1, module: 'acme.cmdb.register', description: 'x', params: { mode: { status: 'converted' } },",
        '  translate(task, api) {',
        "    if (api.staticData(task.arg('mode')!) === 'throw') throw new Error('boom');",
        "    return api.gap('ACME-NOT-OURS' as 'A2C-TODO-PARAM', 'never shown');",
        '  },',
        '};',
        'export default plugin;',
      ].join('\n'),
    );
    const r = await convertRole(TASK, 'demo', { mappingDirs: [dir] });
    expect(ours(r, dir)).toEqual([
      'tasks/main.yml:1:3: error A2C-PLUGIN-ERROR plugin <dir>/plugins/cmdb.ts failed: boom',
      "tasks/main.yml:3:3: error A2C-PLUGIN-ERROR plugin <dir>/plugins/cmdb.ts reported code 'ACME-NOT-OURS', which is not a warning code of ansible2chef's table",
    ]);
    expect(r.tasks.map((t) => [t.outcome, t.code])).toEqual([
      ['todo', 'A2C-PLUGIN-ERROR'],
      ['todo', 'A2C-PLUGIN-ERROR'],
    ]);
  });

  it("A2C-INTERNAL-PRINT: IR the printer refuses (here a plugin's method name) costs that cookbook, not the run", async () => {
    const dir = plugin(
      [
        "import type { ModulePlugin } from 'ansible2chef';",
        'const plugin: ModulePlugin = {',
        "  apiVersion: 1, module: 'acme.cmdb.register', description: 'x', params: { mode: { status: 'converted' } },",
        "  translate: (_task, api) => ({ stmts: [api.resource('file', api.call(api.str('x'), 'not a method!'), [])] }),",
        '};',
        'export default plugin;',
      ].join('\n'),
    );
    const r = await convertRole(TASK, 'demo', { mappingDirs: [dir] });
    expect(shown(r).filter((l) => l.includes('A2C-INTERNAL'))).toEqual([
      'error A2C-INTERNAL-PRINT internal error: demo could not be printed as Ruby and was not written',
    ]);
    expect([...r.files.keys()].filter((p) => p.startsWith('demo/'))).toEqual([]);
  });
});
