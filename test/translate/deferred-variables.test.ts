// Variables computed at each use (issue 13, kinds A2/A3): a role default or var whose value reads
// a set_fact variable, a registered result or a loop variable is no attribute (attribute files
// load before any task runs); each read translates it where it is used. Each case is converted,
// evaluated by the compile-phase check, and compared with what ansible-playbook gives on localhost.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCheck, type CompileRun } from '../../src/scripts/chef-compile.js';
import { convertProject, convertRole, formatDiagnostic, outputText, type TextTree } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const ready = compileReady();
const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
const inputs = compileInputs();

/** Where the roles write: a placeholder, /out for Chef and a temporary folder for Ansible. */
const OUT = '@OUT@';
const forChef = (files: TextTree): TextTree =>
  Object.fromEntries(Object.entries(files).map(([p, t]) => [p, typeof t === 'string' ? t.replaceAll(OUT, '/out') : t]));

function props(run: CompileRun, id: string): Record<string, unknown> {
  const r = run.detail?.find((d) => d.id === id);
  if (!r) throw new Error(`${id} not declared; declared: ${run.detail?.map((d) => d.id).join(', ')}`);
  return r.properties;
}

async function compiledRole(files: TextTree): Promise<{ run: CompileRun; attributes: string; recipe: string; diagnostics: string[] }> {
  const r = await convertRole(forChef(files));
  const runs = compileCheck(r.files, inputs);
  expect(runs).toHaveLength(1);
  const attributes = r.files.has('demo/attributes/default.rb') ? outputText(r, 'demo/attributes/default.rb') : '';
  return { run: runs[0]!, attributes, recipe: outputText(r, 'demo/recipes/default.rb'), diagnostics: r.diagnostics.map(formatDiagnostic) };
}

const work = mkdtempSync(join(tmpdir(), 'a2c-deferred-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Run the role on localhost with ansible-playbook; the contents of the files it wrote, by name. */
function ansibleRun(name: string, files: TextTree, read: string[]): Record<string, string> {
  const dir = join(work, name);
  const out = join(dir, 'out');
  mkdirSync(out, { recursive: true });
  for (const [p, t] of Object.entries(files)) {
    const path = join(dir, 'roles', 'demo', p);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof t === 'string' ? t.replaceAll(OUT, out) : t);
  }
  writeFileSync(join(dir, 'site.yml'), '- hosts: localhost\n  gather_facts: false\n  roles: [demo]\n');
  const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml'], {
    cwd: dir,
    encoding: 'utf8',
    env: ansibleEnv(),
  });
  if (r.status !== 0) throw new Error(`ansible-playbook failed:\n${r.stdout}\n${r.stderr}`);
  return Object.fromEntries(read.map((f) => [f, readFileSync(join(out, f), 'utf8')]));
}

// A2 (haproxy_server, os_glance): a default reads a variable a set_fact sets.
const SET_FACT: TextTree = {
  'defaults/main.yml': 'who: nobody\ngreeting: "hello {{ who }}"\n',
  'tasks/main.yml': [
    '- name: before',
    '  copy: { dest: "@OUT@/before", content: "{{ greeting }}" }',
    '- set_fact: { who: world }',
    '- name: after',
    '  copy: { dest: "@OUT@/after", content: "{{ greeting }}" }',
  ].join('\n'),
};

// A3 (ansible-role-pki vars/main.yml): a vars value reads the loop variable of the task using it.
const LOOP_VAR: TextTree = {
  'defaults/main.yml': 'certs: [{ name: web }, { name: db }]\ncert_dir: "@OUT@"\n',
  'vars/main.yml': 'cert_file: "{{ cert_dir }}/{{ cert.name }}.pem"\ncert_label: "{{ cert.name | upper }} in {{ cert_file }}"\n',
  'tasks/main.yml': [
    '- name: one file per cert',
    '  copy: { dest: "{{ cert_file }}", content: "{{ cert_label }}" }',
    '  loop: "{{ certs }}"',
    '  loop_control: { loop_var: cert }',
  ].join('\n'),
};

// A2 (registered): a default reads a registered result; a later task uses it.
const REGISTERED: TextTree = {
  'defaults/main.yml': 'motd: "up {{ uptime_out.stdout }}"\n',
  'tasks/main.yml': [
    '- name: measure',
    '  command: echo 42',
    '  register: uptime_out',
    '  changed_when: false',
    '- name: motd',
    '  copy: { dest: "@OUT@/motd", content: "{{ motd }}" }',
  ].join('\n'),
};

describe.skipIf(!ready)('variables computed at each use compile in Chef', () => {
  it('a default reading a set_fact variable: no attribute, the fact as it is where each task reads it', async () => {
    const { run, attributes, recipe } = await compiledRole(SET_FACT);
    expect(run).toMatchObject({ ok: true });
    expect(attributes).not.toMatch(/greeting/);
    expect(attributes).toContain("default['demo']['who'] = 'nobody'");
    expect(recipe).toContain("node.run_state.fetch('who')");
    expect(props(run, 'file[/out/before]')['content']).toBe('hello nobody');
    expect(props(run, 'file[/out/after]')['content']).toBe('hello world');
  });

  it('a template reading a vars value that reads the loop variable: computed in the template, with the item passed', async () => {
    const { run, recipe } = await compiledRole({
      ...LOOP_VAR,
      'templates/cert.j2': 'label={{ cert_label }}\n',
      'tasks/main.yml':
        '- name: render\n  template: { src: cert.j2, dest: "{{ cert_file }}.conf" }\n  loop: "{{ certs }}"\n  loop_control: { loop_var: cert }\n',
    });
    expect(run).toMatchObject({ ok: true });
    expect(recipe).toMatch(/variables\(/);
    expect(props(run, 'template[/out/web.pem.conf]')['variables']).toMatchObject({ cert: { name: 'web' } });
  });

  it('a vars value reading a loop variable: computed inside the loop, for each item', async () => {
    const { run, attributes } = await compiledRole(LOOP_VAR);
    expect(run).toMatchObject({ ok: true });
    expect(attributes).not.toMatch(/cert_file|cert_label/);
    expect(props(run, 'file[/out/web.pem]')['content']).toBe('WEB in /out/web.pem');
    expect(props(run, 'file[/out/db.pem]')['content']).toBe('DB in /out/db.pem');
  });

  it('a default reading a registered result: read in the later task, lazily, after the result exists', async () => {
    const { run, attributes, recipe } = await compiledRole(REGISTERED);
    expect(run).toMatchObject({ ok: true });
    expect(attributes).not.toMatch(/motd/);
    expect(props(run, 'file[/out/motd]')['content']).toBe('<lazy>');
    expect(recipe).toContain(
      // The command's stdout is a str (translate/task/register-types.ts): printed as it is; the text starts
      // with 'up ', which convert_data never re-reads, so `{{ motd }}` is that text.
      "content lazy { \"up #{A2C::Tasks.registered(node.run_state, 'uptime_out')['stdout']}\" }",
    );
  });
});

describe.skipIf(!playbook)('the values at use are what ansible-playbook gives', () => {
  it('set_fact: before and after the fact', () => {
    expect(ansibleRun('set-fact', SET_FACT, ['before', 'after'])).toEqual({ before: 'hello nobody', after: 'hello world' });
  });
  it('loop variable: one value per item', () => {
    const out = join(work, 'loop-var', 'out');
    expect(ansibleRun('loop-var', LOOP_VAR, ['web.pem', 'db.pem'])).toEqual({
      'web.pem': `WEB in ${out}/web.pem`,
      'db.pem': `DB in ${out}/db.pem`,
    });
  });
  it('registered result: the later task reads it', () => {
    expect(ansibleRun('registered', REGISTERED, ['motd'])).toEqual({ motd: 'up 42' });
  });
});

const erubis =
  playbook &&
  requireOrSkip('ruby+erubis', hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0);

describe.skipIf(!erubis)('a template reading a variable computed from the loop variable: rendered as Ansible renders it', () => {
  it('writes the same files', async () => {
    const role: TextTree = {
      'site.yml': '- hosts: localhost\n  gather_facts: false\n  roles: [r]\n',
      'roles/r/defaults/main.yml': 'certs: [{ name: web }, { name: db }]\n',
      'roles/r/vars/main.yml': 'cert_file: "out-{{ cert.name }}"\ncert_label: "{{ cert.name | upper }} in {{ cert_file }}"\n',
      'roles/r/templates/cert.j2': 'label={{ cert_label }}\n',
      'roles/r/tasks/main.yml':
        '- name: render\n  template: { src: cert.j2, dest: "{{ cert_file }}.conf" }\n  loop: "{{ certs }}"\n  loop_control: { loop_var: cert }\n',
    };
    const dir = join(work, 'template');
    for (const [p, t] of Object.entries(role)) {
      mkdirSync(dirname(join(dir, 'ansible', p)), { recursive: true });
      writeFileSync(join(dir, 'ansible', p), t);
    }
    const run = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml'], {
      cwd: join(dir, 'ansible'),
      encoding: 'utf8',
      env: ansibleEnv(),
    });
    if (run.status !== 0) throw new Error(`ansible-playbook failed:\n${run.stdout}${run.stderr}`);
    const want = Object.fromEntries(['out-db.conf', 'out-web.conf'].map((f) => [f, readFileSync(join(dir, 'ansible', f), 'utf8')]));
    expect(want['out-web.conf']).toBe('label=WEB in out-web\n');

    const r = await convertProject(role);
    const out = join(dir, 'chef');
    for (const [p, content] of r.files) {
      mkdirSync(dirname(join(out, p)), { recursive: true });
      writeFileSync(join(out, p), content);
    }
    const chef = spawnSync('ruby', [join(REPO_ROOT, 'test/tools/template-vars-chef.rb'), out, 'r'], { encoding: 'utf8' });
    if (chef.status !== 0) throw new Error(chef.stderr);
    const got = JSON.parse(chef.stdout) as Record<string, unknown>;
    expect(Object.fromEntries(Object.entries(got).sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual(want);
  });
});

describe('the report', () => {
  it("CONVERSION.md's variable table says the value is computed at each use", async () => {
    const r = await convertRole(forChef(SET_FACT));
    const doc = outputText(r, 'CONVERSION.md');
    expect(doc).toMatch(
      /^\| `greeting` \| `at each use` \| defaults\/main\.yml:2(?::\d+)? role defaults \(2\) → at each use \(reads what is known only while tasks run\) \|$/m,
    );
    expect(doc).toMatch(/^\| `who` \| `node\['demo'\]\['who'\]` /m);
    expect(outputText(r, 'demo/README.md')).toMatch(/computed at each use, not attributes .*: greeting$/m);
  });
});

describe('where a deferred variable cannot be computed at a read', () => {
  it('a cycle through deferred variables is a TODO naming the variable and its line', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'a: "{{ b }} {{ item }}"\nb: "{{ a }}"\n',
      'tasks/main.yml': '- name: use\n  debug: { msg: "{{ a }}" }\n  loop: [1]\n',
    });
    const text = r.diagnostics.map(formatDiagnostic).join('\n');
    expect(text).toMatch(/variable a \(defaults\/main\.yml:1\) is computed at each use and its value reads itself through b -> a/);
    expect(r.files.has('demo/attributes/default.rb')).toBe(false);
  });

  it('a default reading a variable without a translation (haproxy_server, os_glance): a TODO where it is used, never an attribute reading an unset one', async () => {
    const { run, attributes, diagnostics } = await compiledRole({
      'vars/main.yml': '_stores: |-\n  {% set s = [] %}{% set _ = s.insert(0, 1) %}{{ s }}\n',
      'defaults/main.yml': 'stores: "{{ _stores }}"\n',
      'tasks/main.yml': '- name: use\n  copy: { dest: /out/stores, content: "{{ stores }}" }\n',
    });
    expect(run).toMatchObject({ ok: true });
    expect(attributes).not.toMatch(/\['stores'\]/);
    expect(attributes).toContain('#   _stores: |-');
    expect(diagnostics.join('\n')).toMatch(
      /tasks\/main\.yml:2:\d+: warning A2C-TODO-JINJA [^\n]*variable stores \(defaults\/main\.yml:1, computed at each use\): variable _stores \(vars\/main\.yml:1\) has no translation/,
    );
  });

  it('a group_vars value reading a set_fact variable: a TODO in the Policyfile and at each read, never a value read at load', async () => {
    const r = await convertProject({
      'inventory.ini': '[web]\nh1\n',
      'group_vars/web.yml': 'greeting: "hi {{ who }}"\n',
      'site.yml': '- hosts: web\n  roles: [app]\n',
      'roles/app/tasks/main.yml': '- set_fact: { who: world }\n- name: greet\n  copy: { dest: /out/greeting, content: "{{ greeting }}" }\n',
    });
    const text = r.diagnostics.map(formatDiagnostic).join('\n');
    expect(text).toMatch(/group_vars\/web\.yml:1:1: warning A2C-TODO-DEFERRED variable greeting: its group_vars\/\* value reads who/);
    expect(text).toMatch(/roles\/app\/tasks\/main\.yml:3:\d+: warning A2C-TODO-JINJA [^\n]*variable greeting \(group_vars\/web\.yml:1\)/);
    expect(outputText(r, 'policyfiles/site.rb')).not.toMatch(/\['greeting'\]/);
  });

  it('group_vars above a deferred role default win where they are set (Ansible precedence)', async () => {
    const files: TextTree = {
      'inventory.ini': '[web]\nh1\n[db]\nh2\n',
      'group_vars/web.yml': 'greeting: from group_vars\n',
      'site.yml': '- hosts: web\n  roles: [app]\n',
      'roles/app/defaults/main.yml': 'greeting: "hello {{ who }}"\n',
      'roles/app/tasks/main.yml': '- set_fact: { who: world }\n- name: greet\n  copy: { dest: /out/greeting, content: "{{ greeting }}" }\n',
    };
    const r = await convertProject(files);
    expect(outputText(r, 'app/recipes/default.rb')).toContain("A2C::Jinja.var_or(node, 'app', 'greeting') { \"hello #{");
    expect(outputText(r, 'policyfiles/site.rb')).toContain("default['app']['greeting'] = 'from group_vars'");
    expect(r.files.has('app/attributes/default.rb') ? outputText(r, 'app/attributes/default.rb') : '').not.toMatch(/greeting/);
    if (!ready) return;
    const runs = compileCheck(r.files, inputs);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ ok: true });
    expect(props(runs[0]!, 'file[/out/greeting]')['content']).toBe('from group_vars');
  });
});
