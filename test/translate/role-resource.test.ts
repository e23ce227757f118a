// include_role with vars -> a custom resource of the role's cookbook (src/translate/role-resource.ts):
// the action reads passed values as properties, the role's defaults that read them follow them,
// and what a resource cannot carry faithfully keeps the include a TODO saying why.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, formatDiagnostic, outputText, recipeBody } from '../helpers/convert-helpers.js';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');
const canCompile =
  requireOrSkip('ruby', hasTool('ruby')) &&
  requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile));

const loud = (r: Awaited<ReturnType<typeof convertProject>>) => r.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic);

const SITE = {
  'roles/site/defaults/main.yml': 'site_name: default\nsite_root: "/srv/{{ site_name }}"\nsite_owner: root\n',
  'roles/site/tasks/main.yml': '- name: Root\n  file:\n    path: "{{ site_root }}"\n    state: directory\n    owner: "{{ site_owner }}"\n',
};

function resourceText(r: Awaited<ReturnType<typeof convertProject>>, path: string): string {
  return outputText(r, path)
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n')
    .trim();
}

describe('include_role with vars becomes a custom resource', () => {
  it('writes resources/role.rb with the passed names as properties and calls it at each include', async () => {
    const r = await convertProject({
      ...SITE,
      'roles/web/tasks/main.yml':
        '- name: Shop\n  include_role:\n    name: site\n  vars:\n    site_name: shop\n- name: Blog\n  include_role:\n    name: site\n  vars:\n    site_name: blog\n',
    });
    expect(loud(r)).toEqual([]);
    expect(resourceText(r, 'site/resources/role.rb')).toBe(
      [
        'unified_mode true',
        '',
        'property :site_name',
        '',
        'action :run do',
        '  # roles/site/tasks/main.yml:1 Root',
        // `{{ site_root }}` of '/srv/{{ site_name }}': text starting with '/', never re-read
        '  a2c_directory "/srv/#{A2C::Jinja.out(new_resource.site_name)}" do',
        "    owner node['site']['owner']",
        '  end',
        'end',
      ].join('\n'),
    );
    expect(recipeBody(r, 'web')).toBe(
      "# roles/web/tasks/main.yml:1 Shop\nsite_role 'Shop' do\n  site_name 'shop'\nend\n\n# roles/web/tasks/main.yml:6 Blog\nsite_role 'Blog' do\n  site_name 'blog'\nend",
    );
    expect(r.cookbooks.find((c) => c.name === 'web')!.depends).toContain('site');
    // The role's own recipe still reads the attribute.
    expect(recipeBody(r, 'site')).toContain("\"/srv/#{node['site']['name']}\"");
  });

  it('a name some include does not pass defaults to what the role reads without it; tasks_from names the resource', async () => {
    const r = await convertProject({
      ...SITE,
      'roles/site/tasks/extra.yml': '- name: Owner dir\n  file:\n    path: "/srv/{{ site_owner }}"\n    state: directory\n',
      'roles/web/tasks/main.yml':
        '- include_role:\n    name: site\n    tasks_from: extra.yml\n  vars:\n    site_owner: www\n- include_role:\n    name: site\n    tasks_from: extra\n  vars:\n    site_name: other\n',
    });
    expect(loud(r)).toEqual([]);
    const text = resourceText(r, 'site/resources/role_extra.rb');
    expect(text).toContain("property :site_name, default: lazy { node['site']['name'] }");
    expect(text).toContain("property :site_owner, default: lazy { node['site']['owner'] }");
    expect(recipeBody(r, 'web')).toContain("site_role_extra 'site extra.yml' do\n  site_owner 'www'\nend");
  });

  it.skipIf(!canCompile)('a default that reads another passed name follows the value passed for it (compile-phase check)', async () => {
    const r = await convertProject({
      ...SITE,
      'site.yml': '- hosts: all\n  roles: [web]\n',
      'roles/web/tasks/main.yml':
        '- name: a\n  include_role:\n    name: site\n  vars:\n    site_name: a\n    site_root: /opt/a\n- name: b\n  include_role:\n    name: site\n  vars:\n    site_name: b\n',
    });
    expect(loud(r)).toEqual([]);
    expect(resourceText(r, 'site/resources/role.rb')).toContain(
      'property :site_root, default: lazy { "/srv/#{A2C::Jinja.out(site_name)}" }',
    );
    const runs = compileCheck(r.files, { factsFile: GROUND_TRUTH, schemaFile, detail: true });
    expect(runs.map((x) => x.ok)).toEqual([true]);
    expect(runs[0]!.detail!.map((d) => d.id)).toEqual(['site_role[a]', 'a2c_directory[/opt/a]', 'site_role[b]', 'a2c_directory[/srv/b]']);
  });

  it('tasks_from without an extension finds a .yaml task file, as Ansible does', async () => {
    const r = await convertProject({
      ...SITE,
      'roles/site/tasks/more.yaml': '- command: "echo {{ site_name }}"\n',
      'roles/r/tasks/main.yml': '- include_role:\n    name: site\n    tasks_from: more\n  vars:\n    site_name: x\n',
    });
    expect(loud(r)).toEqual([]);
    expect(resourceText(r, 'site/resources/role_more.rb')).toContain('new_resource.site_name');
    expect(recipeBody(r, 'r')).toContain("site_role_more 'site more.yaml' do");
  });

  it('a passed value that is not a literal is read when the action reads it (lazy)', async () => {
    const r = await convertProject({
      ...SITE,
      'roles/web/defaults/main.yml': 'web_name: shop\n',
      'roles/web/tasks/main.yml': '- include_role:\n    name: site\n  vars:\n    site_name: "{{ web_name }}"\n',
    });
    expect(recipeBody(r, 'web')).toContain("  site_name lazy { node['web']['name'] }");
  });

  it.each([
    [
      'a handler notification',
      '- command: /bin/true\n  notify: h\n',
      { 'roles/other/handlers/main.yml': '- name: h\n  command: /bin/true\n' },
      "the role's task at roles/other/tasks/main.yml:1 notifies a handler",
    ],
    [
      'a registered result',
      '- command: /bin/true\n  register: out\n',
      {},
      "the role's task at roles/other/tasks/main.yml:1 registers a result, which Ansible lets the caller read",
    ],
    [
      'set_fact',
      '- set_fact:\n    y: 1\n',
      {},
      "the role's task at roles/other/tasks/main.yml:1 sets a fact, which Ansible lets the caller read",
    ],
    [
      'an include of a recipe',
      '- include_tasks: more.yml\n',
      { 'roles/other/tasks/more.yml': '- command: /bin/true\n' },
      "the role's task at roles/other/tasks/main.yml:1 includes a recipe, which would not see the resource's properties",
    ],
    [
      'an inlined include of a task that registers',
      '- include_tasks: more.yml\n  vars:\n    y: 2\n',
      { 'roles/other/tasks/more.yml': '- command: /bin/true\n  register: out\n' },
      "the task at roles/other/tasks/more.yml:1, which the role's tasks include, registers a result",
    ],
    [
      'a role include',
      '- include_role:\n    name: dep\n',
      { 'roles/dep/tasks/main.yml': '- command: /bin/true\n' },
      "the role's task at roles/other/tasks/main.yml:1 includes a role",
    ],
    [
      'meta dependencies',
      '- command: /bin/true\n',
      { 'roles/other/meta/main.yml': 'dependencies: [dep]\n', 'roles/dep/tasks/main.yml': '- command: /bin/true\n' },
      'role other has meta dependencies',
    ],
    [
      'a task that does not convert',
      '- name: odd\n  some.unknown.module:\n    a: 1\n',
      {},
      "the role's task at roles/other/tasks/main.yml:1 does not convert (A2C-TODO-MODULE)",
    ],
  ])('a role with %s keeps the include a TODO saying why', async (_w, tasks, extra, why) => {
    const r = await convertProject({
      'roles/other/tasks/main.yml': tasks,
      ...extra,
      'roles/r/tasks/main.yml': '- include_role:\n    name: other\n  vars:\n    x: 1\n',
    });
    const d = loud(r).filter((m) => m.startsWith('roles/r/'));
    expect(d).toHaveLength(1);
    expect(d[0]).toContain('warning A2C-TODO-INCLUDE-ROLE include_role with vars: ');
    expect(d[0]).toContain(why);
    expect(r.files.has('other/resources/role.rb')).toBe(false);
    expect(recipeBody(r, 'r')).toMatch(/^# TODO\(ansible2chef\): A2C-TODO-INCLUDE-ROLE/);
  });

  it('a passed value that reads another passed name gets that passed value, in either order (Ansible templates vars among their siblings)', async () => {
    const r = await convertProject({
      ...SITE,
      'roles/r/tasks/main.yml': '- include_role:\n    name: site\n  vars:\n    site_root: "/opt/{{ site_name }}"\n    site_name: x\n',
    });
    expect(loud(r)).toEqual([]);
    const body = recipeBody(r, 'r');
    expect(body).toContain("site_name 'x'");
    expect(body).toContain("site_root lazy { '/opt/x' }");
    expect(body).not.toContain("node['site']");
  });

  it('an include the translator inlines (vars on it) runs inside the action with the passed values', async () => {
    const r = await convertProject({
      'roles/other/tasks/main.yml': '- include_tasks: more.yml\n  vars:\n    y: 2\n',
      'roles/other/tasks/more.yml': '- command: "echo {{ x }} {{ y }}"\n',
      'roles/r/tasks/main.yml': '- include_role:\n    name: other\n  vars:\n    x: 1\n',
    });
    expect(loud(r)).toEqual([]);
    expect(resourceText(r, 'other/resources/role.rb')).toContain('new_resource.x');
  });

  it('a passed name Chef::Resource owns cannot be a property: TODO', async () => {
    const r = await convertProject({ ...SITE, 'roles/r/tasks/main.yml': '- include_role:\n    name: site\n  vars:\n    name: x\n' });
    expect(loud(r)).toEqual([
      "roles/r/tasks/main.yml:4:5: warning A2C-TODO-INCLUDE-ROLE include_role with vars: 'name' cannot be a property name of a Chef resource",
    ]);
  });

  it('a keyword of the include that Chef would apply to the whole action keeps it a TODO; when, tags and no_log convert', async () => {
    const bad = await convertProject({
      ...SITE,
      'roles/r/tasks/main.yml': '- include_role:\n    name: site\n  vars:\n    site_name: x\n  ignore_errors: true\n',
    });
    expect(loud(bad)).toEqual([
      "roles/r/tasks/main.yml:4:5: warning A2C-TODO-INCLUDE-ROLE include_role with vars: the include's keyword 'ignore_errors' would apply to the whole custom resource's action in Chef, which is not what Ansible applies it to",
    ]);
    const ok = await convertProject({
      ...SITE,
      'roles/r/defaults/main.yml': 'r_on: true\n',
      'roles/r/tasks/main.yml': '- include_role:\n    name: site\n  vars:\n    site_name: x\n  when: r_on\n  tags: [a]\n  no_log: true\n',
    });
    expect(loud(ok)).toEqual([]);
    expect(recipeBody(ok, 'r')).toBe(
      "# roles/r/tasks/main.yml:1\nsite_role 'site main.yml' do\n  site_name 'x'\n  sensitive true\n  only_if { node['r']['on'] }\nend",
    );
  });

  it('a role listed twice in a play with other parameters is reported (Chef would run its recipe once); the same parameters are not', async () => {
    const play = (b: string) => `- hosts: all\n  roles:\n    - role: site\n      site_name: a\n    - role: site\n      site_name: ${b}\n`;
    expect(loud(await convertProject({ ...SITE, 'site.yml': play('b') }))).toEqual([
      'site.yml:5:7: warning A2C-TODO-ROLE-PARAMS role site is listed again in this play with other parameters: Ansible runs it once per set, Chef runs its recipe once with the parameters of the last entry (include it with include_role and vars instead, which converts to calls of a custom resource)',
    ]);
    expect(loud(await convertProject({ ...SITE, 'site.yml': play('a') }))).toEqual([]);
  });

  it('a role missing from the input is the missing-role error, with or without vars', async () => {
    const r = await convertProject({ 'roles/r/tasks/main.yml': '- include_role:\n    name: nope\n  vars:\n    x: 1\n' });
    expect(loud(r)).toEqual(['roles/r/tasks/main.yml:2:11: error A2C-MISSING-ROLE role nope not found in the input']);
  });
});
