// A template sees the variables of the task that renders it: the loop variable (item, or
// loop_control's loop_var and index_var) and the task's vars. The converted resource passes each
// one the template reads through `variables`, and the ERB reads it back as a local. Rendered by
// the converted recipe (a recording DSL) with real Erubis and the support library, compared with
// what ansible-playbook writes for the same role.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertProject, convertRole, outputText, recipeBody, type TextTree } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { REPO_ROOT } from '../../helpers/shared.js';

const ROLE: TextTree = {
  'roles/r/tasks/main.yml': [
    '- name: sites',
    '  template:',
    '    src: site.j2',
    '    dest: "out-{{ item.name }}.conf"',
    '  loop:',
    '    - {name: a, port: 1, tags: [x, y]}',
    '    - {name: b, port: 2.5, tags: []}',
    '- name: vhosts',
    '  template:',
    '    src: vhost.j2',
    '    dest: "out-vh-{{ vh }}"',
    '  loop: [web, api]',
    '  loop_control:',
    '    loop_var: vh',
    '    index_var: idx',
    '- name: task vars',
    '  template:',
    '    src: tv.j2',
    '    dest: out-tv',
    '  vars:',
    '    greeting: hello',
    '    n: 3',
    '- name: with_items, a template that does not read the item',
    '  template:',
    '    src: plain.j2',
    '    dest: "out-plain-{{ item }}"',
    '  with_items: [one, two]',
    '',
  ].join('\n'),
  // the item read at the top, inside a for loop and inside a macro of the template
  'roles/r/templates/site.j2':
    'name={{ item.name }} port={{ item.port }}\n{% for t in item.tags %}\ntag {{ t }} of {{ item.name }}\n{% endfor %}\n{% macro show(x) %}[{{ x }}/{{ item.name }}]{% endmacro %}{{ show(item.port) }}\n',
  'roles/r/templates/vhost.j2': '{{ idx }}: {{ vh | upper }}\n',
  'roles/r/templates/tv.j2': '{{ greeting }} x{{ n }}\n',
  'roles/r/templates/plain.j2': 'same for all\n',
  'site.yml': '- hosts: localhost\n  gather_facts: false\n  roles: [r]\n',
};

describe('templates reading the variables of their task', () => {
  it('pass them through variables, and the ERB reads them as locals', async () => {
    const r = await convertProject(ROLE);
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'converted', 'converted']);
    const body = recipeBody(r, 'r');
    expect(body).toContain("    source 'site.erb'\n    variables({ item: item })\n");
    expect(body).toContain("    source 'vhost.erb'\n    variables({ idx: idx, vh: vh })\n");
    expect(body).toContain("  source 'tv.erb'\n  variables({ greeting: 'hello', n: 3 })\n");
    expect(body).toContain("    source 'plain.erb'\n  end");
    expect(outputText(r, 'r/templates/site.erb')).toMatch(/^<% item = @item %>\n/);
    expect(outputText(r, 'r/templates/site.erb')).not.toContain("var(node, 'ansible', 'item')");
    expect(outputText(r, 'r/templates/plain.erb')).toBe('same for all\n');
  });

  it('a task that passes other variables gets its own copy of the ERB', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- include_tasks: inc.yml\n  loop: [p, q]\n  loop_control: {loop_var: outer}\n',
      // inc.yml is also a recipe of its own, where `outer` is no loop variable
      'tasks/inc.yml': '- template: {src: b.j2, dest: "/etc/{{ outer }}"}\n',
      'templates/b.j2': 'b {{ outer }}\n',
    });
    expect(r.tasks.every((t) => t.outcome === 'converted')).toBe(true);
    expect(recipeBody(r, 'demo')).toContain("    source 'b+outer.erb'\n    variables({ outer: outer })\n");
    expect(recipeBody(r, 'demo', 'inc')).toContain("  source 'b.erb'\nend");
    expect(outputText(r, 'demo/templates/b+outer.erb')).toMatch(/^<% outer = @outer %>\n/);
    expect(outputText(r, 'demo/templates/b.erb')).not.toContain('@outer');
  });

  it('a templated src cannot choose between such copies: a TODO', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- template: {src: b.j2, dest: /b}\n- template: {src: "{{ item }}", dest: /c}\n  loop: "{{ tpls }}"\n',
      'defaults/main.yml': 'tpls: [b.j2]\n',
      'templates/b.j2': 'b {{ item | default("none") }}\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'todo']);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain('a templated src cannot choose between the copies');
  });
});

const tools = requireOrSkip(
  'ansible-playbook+ruby+erubis',
  hasTool('ansible-playbook') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

describe.skipIf(!tools)('templates reading loop variables and task vars: Chef vs Ansible', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-tplvars-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same files', async () => {
    const ans = join(dir, 'ansible');
    for (const [p, text] of Object.entries(ROLE)) {
      mkdirSync(dirname(join(ans, p)), { recursive: true });
      writeFileSync(join(ans, p), text);
    }
    const run = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml'], {
      cwd: ans,
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3' },
    });
    if (run.status !== 0) throw new Error(`ansible-playbook failed:\n${run.stdout}${run.stderr}`);
    const want = Object.fromEntries(
      readdirSync(ans)
        .filter((f) => f.startsWith('out-'))
        .sort()
        .map((f) => [f, readFileSync(join(ans, f), 'utf8')]),
    );
    expect(Object.keys(want)).toHaveLength(7);

    const r = await convertProject(ROLE);
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
