// Attribute precedence: Chef's merged node[...] view deep-merges hashes across all components and
// unions arrays within the default components and within the override components
// (chef/chef lib/chef/node/attribute.rb merge_all, deep_merge!, hash_only_merge!), where Ansible
// (hash_behaviour=replace) takes a variable whole from the highest-precedence source defining it.
// First the compile-phase harness's Node against attribute.rb's rules, then converted projects
// compared with real Ansible: the converted read (A2C::Jinja.var) must give Ansible's value.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck, type CompileRun } from '../../src/scripts/chef-compile.js';
import { supportCookbookFiles } from '../../src/support-cookbook/files.js';
import { convertProject, outputText, type TextTree } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const ready = compileReady();
const inputs = compileInputs();

/** A one-cookbook output `demo`: attribute files and a recipe, run by one Policyfile (its attributes are role_default/role_override). */
function demo(files: Record<string, string>, policyExtra: string): Map<string, string> {
  const out = new Map<string, string>(supportCookbookFiles().map((f) => [`ansible2chef_support/${f.path}`, f.content]));
  out.set('demo/metadata.rb', "name 'demo'\ndepends 'ansible2chef_support'\n");
  out.set('policyfiles/demo.rb', `name 'demo'\nrun_list 'demo::default'\ncookbook 'demo', path: '../demo'\n${policyExtra}`);
  for (const [p, t] of Object.entries(files)) out.set(`demo/${p}`, t);
  return out;
}

function only(files: ReadonlyMap<string, string | Uint8Array>): CompileRun {
  const runs = compileCheck(files, inputs);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ ok: true });
  return runs[0]!;
}

/** The compile-time `content` of file[<path>] in a run, parsed as JSON. */
function content(run: CompileRun, path: string): unknown {
  const r = run.detail?.find((d) => d.id === `file[${path}]`);
  if (!r) throw new Error(`file[${path}] not declared; declared: ${run.detail?.map((d) => d.id).join(', ')}`);
  return JSON.parse(String(r.properties['content']));
}

/** A recipe writing, for each expression, file[/tmp/<name>] whose content is the expression's JSON. */
function jsonFiles(exprs: Record<string, string>): string {
  return Object.entries(exprs)
    .map(([name, e]) => `file '/tmp/${name}' do\n  content JSON.generate(${e})\nend\n`)
    .join('');
}

describe.skipIf(!ready)("the compile check's node: Chef's components and merge rules (attribute.rb)", () => {
  it('unions arrays within the default components and within the override components', () => {
    const run = only(
      demo(
        {
          'attributes/default.rb': [
            "default['demo']['list'] = ['a', 'b']",
            "force_default['demo']['list'] = ['c', 'a']",
            "override['demo']['olist'] = [1, 2]",
            "force_override['demo']['olist'] = [3]",
            "default['demo']['h'] = { 'p' => [1], 'q' => 'low' }",
          ].join('\n'),
          'recipes/default.rb': jsonFiles({
            list: "node['demo']['list']",
            olist: "node['demo']['olist']",
            defaults: "node.attributes.combined_default['demo']['list']",
            h: "node['demo']['h']",
          }),
        },
        "default['demo']['list'] = ['b', 'd']\noverride['demo']['olist'] = [2, 4]\ndefault['demo']['h'] = { 'p' => [2], 'r' => 'role' }\n",
      ),
    );
    // default | role_default | force_default, lowest first, as `|` keeps the first occurrence.
    expect(content(run, '/tmp/list')).toEqual(['a', 'b', 'd', 'c']);
    expect(content(run, '/tmp/defaults')).toEqual(['a', 'b', 'd', 'c']);
    // override | role_override | force_override.
    expect(content(run, '/tmp/olist')).toEqual([1, 2, 4, 3]);
    // Inside hashes too: the hashes merge key by key and their arrays union.
    expect(content(run, '/tmp/h')).toEqual({ p: [1, 2], q: 'low', r: 'role' });
  });

  it('replaces arrays and scalars between the default, normal, override and automatic levels, and deep-merges hashes across all', () => {
    const run = only(
      demo(
        {
          'attributes/default.rb': [
            "default['demo']['list'] = ['a', 'b']",
            "override['demo']['list'] = ['z']",
            "default['demo']['h'] = { 'x' => 1, 'y' => { 'p' => [1], 'q' => 2 } }",
            "override['demo']['h'] = { 'y' => { 'p' => [9] } }",
            "default['demo']['s'] = 'low'",
            "default['platform'] = 'not-ohai'",
          ].join('\n'),
          'recipes/default.rb': jsonFiles({
            list: "node['demo']['list']",
            h: "node['demo']['h']",
            s: "node['demo']['s']",
            platform: "node['platform']",
          }),
        },
        "default['demo']['h'] = { 'y' => { 'p' => [2], 'r' => 3 } }\ndefault['demo']['s'] = 'role'\n",
      ),
    );
    expect(content(run, '/tmp/list')).toEqual(['z']);
    // Hashes merge key by key at every level; arrays inside them union within the defaults ([1] | [2])
    // and are replaced by the override's ([9]).
    expect(content(run, '/tmp/h')).toEqual({ x: 1, y: { p: [9], q: 2, r: 3 } });
    expect(content(run, '/tmp/s')).toBe('role');
    expect(content(run, '/tmp/platform')).toBe('debian');
  });

  it('A2C::Jinja.var reads the highest component holding the variable, whole, where node[...] merges', () => {
    const run = only(
      demo(
        {
          'attributes/default.rb': [
            "default['demo']['list'] = ['app-api', 'app-worker']",
            "default['demo']['h'] = { 'a' => 1, 'b' => 2 }",
            "force_default['demo']['secret'] = { 'k' => 'vault' }",
            "default['demo']['secret'] = { 'k' => 'plain', 'extra' => 1 }",
            "default['demo']['only_low'] = [1]",
          ].join('\n'),
          'recipes/default.rb': jsonFiles({
            merged: "node['demo']['list']",
            list: "A2C::Jinja.var(node, 'demo', 'list')",
            h: "A2C::Jinja.var(node, 'demo', 'h')",
            secret: "A2C::Jinja.var(node, 'demo', 'secret')",
            only_low: "A2C::Jinja.var(node, 'demo', 'only_low')",
            nil_wins: "A2C::Jinja.var(node, 'demo', 'nil_wins')",
            fact: "A2C::Jinja.var(node, 'platform_family')",
          }),
        },
        "default['demo']['list'] = ['app-api']\ndefault['demo']['h'] = { 'b' => 3 }\noverride['demo']['nil_wins'] = nil\ndefault['demo']['nil_wins'] = 'x'\n",
      ),
    );
    expect(content(run, '/tmp/merged')).toEqual(['app-api', 'app-worker']);
    expect(content(run, '/tmp/list')).toEqual(['app-api']);
    expect(content(run, '/tmp/h')).toEqual({ b: 3 });
    expect(content(run, '/tmp/secret')).toEqual({ k: 'vault' });
    expect(content(run, '/tmp/only_low')).toEqual([1]);
    expect(content(run, '/tmp/nil_wins')).toBeNull();
    expect(content(run, '/tmp/fact')).toBe('debian');
  });
});

// ---------------------------------------------------------------------------------------------
// Converted projects against real Ansible.

const ansible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

/** The project: role `app` (defaults), group_vars for `app`, host_vars for `h1`; the role prints each variable as JSON. */
function project(names: string[], files: TextTree): TextTree {
  return {
    'site.yml': '- hosts: app\n  gather_facts: false\n  roles: [app]\n',
    'inventory.ini': '[app]\nh1\n',
    'roles/app/tasks/main.yml': names
      .map((n) => `- name: show ${n}\n  copy:\n    dest: /tmp/a2c-${n}\n    content: "{{ ${n} | to_json }}"\n`)
      .join(''),
    ...files,
  };
}

/** What Ansible gives each variable on h1 (a local connection; debug prints it as JSON). */
function ansibleValues(names: string[], files: TextTree): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-precedence-'));
  try {
    const tree: TextTree = {
      ...project(names, files),
      'inventory.ini': '[app]\nh1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n',
      'roles/app/tasks/main.yml': names.map((n) => `- name: show ${n}\n  debug:\n    msg: "{{ ${n} | to_json }}"\n`).join(''),
    };
    for (const [p, t] of Object.entries(tree)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), t);
    }
    const run = spawnSync('ansible-playbook', ['-i', 'inventory.ini', 'site.yml'], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        ANSIBLE_STDOUT_CALLBACK: 'json',
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_RETRY_FILES_ENABLED: 'False',
        ANSIBLE_HASH_BEHAVIOUR: 'replace',
      },
    });
    if (run.status !== 0) throw new Error(`ansible-playbook failed:\n${run.stdout}\n${run.stderr}`);
    const out = JSON.parse(run.stdout) as {
      plays: Array<{ tasks: Array<{ task: { name: string }; hosts: Record<string, { msg: string }> }> }>;
    };
    return Object.fromEntries(out.plays[0]!.tasks.map((t) => [t.task.name.replace(/^(app : )?show /, ''), JSON.parse(t.hosts['h1']!.msg)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the converted cookbooks give each variable on h1 (its Policyfile with nodes/h1.json). */
async function convertedValues(names: string[], files: TextTree): Promise<Record<string, unknown>> {
  const runs = compileCheck((await convertProject(project(names, files))).files, inputs);
  const run = runs.find((r) => r.id.endsWith('nodes/h1.json'));
  expect(run, JSON.stringify(runs)).toMatchObject({ ok: true });
  return Object.fromEntries(names.map((n) => [n, content(run!, `/tmp/a2c-${n}`)]));
}

describe.skipIf(!ready || !ansible)(
  'converted variables defined at several precedence levels read as in Ansible (replace, not merge)',
  () => {
    it('a role default list under a group_vars list; a role default dict under a group_vars dict; a group_vars dict under a host_vars dict', async () => {
      const names = ['app_services', 'app_settings', 'app_limits', 'app_plain'];
      const files: TextTree = {
        'roles/app/defaults/main.yml':
          [
            'app_services: [app-api, app-worker]',
            'app_settings: { port: 8080, debug: false, nested: { a: 1, b: [x, y] } }',
            'app_plain: [only, here]',
          ].join('\n') + '\n',
        'group_vars/app.yml':
          ['app_services: [app-api]', 'app_settings: { debug: true, nested: { b: [z] } }', 'app_limits: { nofile: 1024, nproc: 64 }'].join(
            '\n',
          ) + '\n',
        'host_vars/h1.yml': 'app_limits: { nofile: 4096 }\n',
      };
      const expected = ansibleValues(names, files);
      // Ansible's values, stated so a change of Ansible's behaviour is seen here too.
      expect(expected).toEqual({
        app_services: ['app-api'],
        app_settings: { debug: true, nested: { b: ['z'] } },
        app_limits: { nofile: 4096 },
        app_plain: ['only', 'here'],
      });
      expect(await convertedValues(names, files)).toEqual(expected);
    });
  },
);

describe("another host's variable (hostvars) set at two levels a saved Chef node holds merged", () => {
  const files: TextTree = {
    'site.yml': '- hosts: app\n  roles: [app]\n',
    'inventory.ini': '[app]\nh1\nh2\n',
    'roles/app/defaults/main.yml': 'app_services: [app-api, app-worker]\napp_port: 8080\napp_peers: [a]\n',
    'group_vars/app.yml': 'app_services: [app-api]\napp_port: 9090\n',
    'host_vars/h2.yml': 'app_peers: [b]\n',
    'roles/app/tasks/main.yml':
      [
        '- name: services',
        '  copy: { dest: /tmp/services, content: "{{ hostvars[\'h2\'].app_services | to_json }}" }',
        '- name: port',
        '  copy: { dest: /tmp/port, content: "{{ hostvars[\'h2\'].app_port }}" }',
        '- name: peers',
        '  copy: { dest: /tmp/peers, content: "{{ hostvars[\'h2\'].app_peers | to_json }}" }',
      ].join('\n') + '\n',
  };

  it('is a TODO for a list or dict (the saved node holds the union), and read from that node otherwise', async () => {
    const r = await convertProject(files);
    const todos = r.diagnostics.filter((d) => /hostvars\[host\]\.app_/.test(d.message));
    expect(todos.map((d) => [d.span?.file, d.span?.line])).toEqual([['roles/app/tasks/main.yml', 2]]);
    expect(todos[0]!.message).toContain('roles/app/defaults/main.yml:1:1 (default), group_vars/app.yml:1:1 (role_default)');
    const recipe = outputText(r, 'app/recipes/default.rb');
    // A scalar, and a list at default and normal (hash_only_merge replaces between those): read on that node.
    expect(recipe).toContain("A2C::Jinja.var(A2C::Jinja.host_node(node, 'h2'), 'app', 'port')");
    expect(recipe).toContain("A2C::Jinja.var(A2C::Jinja.host_node(node, 'h2'), 'app', 'peers')");
  });
});
