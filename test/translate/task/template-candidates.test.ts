// A templated template src (`"{{ tpl_dir }}site/{{ pick }}.j2"`) can only name the role's templates
// whose names fit its literal parts (translate/modules/template-candidates.ts): only those are
// translated for the task, so a template of another folder rendered by another task with other
// variables no longer makes the task a TODO. A template of the fitting ones that another task
// rendered first with other variables is this task's own copy, which A2C::Tasks.template_source
// picks by the name the value gives. Converted recipes run by a recording DSL with real Erubis and
// the support library write what ansible-playbook writes for the same role.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertProject, convertRole, outputText, recipeBody, type TextTree } from '../../helpers/convert-helpers.js';
import { ansibleOutFiles, chefOutFiles, havePlaybookAndErubis } from '../../helpers/template-files.js';
import { canName, srcPattern } from '../../../src/translate/modules/template-candidates.js';
import type { YNode } from '../../../src/load/ansible/yaml.js';

const scalar = (value: string): YNode => ({ kind: 'scalar', value, span: { file: 't.yml', line: 1, col: 1 } }) as YNode;

describe('the templates a templated src can name', () => {
  it('are those whose name a value of its shape gives, as template_source maps it', () => {
    const p = srcPattern(scalar("{{ tpl_dir | default('') }}bind/{{ item }}.j2"));
    for (const t of ['bind/a.j2', 'bind/zones/db.template.j2', 'x/bind/a.j2', 'bind/rndc.key']) expect(canName(p, t), t).toBe(true);
    for (const t of ['logrotate.d/bind.j2', 'other.j2', 'bind.j2']) expect(canName(p, t), t).toBe(false);
    // `templates/` before it and `.j2` after it are dropped by template_source: `{{ x }}.conf` names a.conf.j2.
    expect(canName(srcPattern(scalar('templates/a/{{ x }}')), 'a/b.conf.j2')).toBe(true);
    expect(canName(srcPattern(scalar('{{ x }}.conf')), 'a.conf.j2')).toBe(true);
    expect(canName(srcPattern(scalar('{{ x }}.conf')), 'a.conf.bak.j2')).toBe(false);
    // Literal text with regex characters is literal.
    expect(canName(srcPattern(scalar('a+b/{{ x }}')), 'a+b/c.j2')).toBe(true);
    expect(canName(srcPattern(scalar('a+b/{{ x }}')), 'aab/c.j2')).toBe(false);
    // Whitespace control trims the literal parts as Ansible renders the string.
    expect(canName(srcPattern(scalar('conf/ {{- x }}.j2')), 'conf/a.j2')).toBe(true);
    // A block or a comment: any template may be named.
    expect(srcPattern(scalar('{% if x %}a{% else %}b{% endif %}.j2'))).toBeUndefined();
    expect(canName(undefined, 'anything.j2')).toBe(true);
  });
});

const ROLE: TextTree = {
  'site.yml': '- hosts: all\n  gather_facts: false\n  roles: [r]\n',
  'roles/r/defaults/main.yml': [
    'tpl_dir: ""',
    'pick: one',
    'sites:',
    '  - {name: a, port: 1}',
    '  - {name: b, port: 2}',
    'confs: [main, extra]',
  ].join('\n'),
  'roles/r/tasks/main.yml': [
    '- name: static',
    '  template:',
    '    src: site/one.j2',
    '    dest: out-static',
    '- name: sites',
    '  template:',
    '    src: "{{ tpl_dir }}site/{{ pick }}.j2"',
    '    dest: "out-site-{{ item.name }}"',
    '  loop: "{{ sites }}"',
    '- name: confs',
    '  template:',
    '    src: "{{ tpl_dir }}conf/{{ item }}.j2"',
    '    dest: "out-conf-{{ item }}"',
    '  with_items: "{{ confs }}"',
  ].join('\n'),
  'roles/r/templates/site/one.j2': "one {{ item.name | default('none') }} {{ item.port | default(0) }}\n",
  'roles/r/templates/site/two.j2': 'two {{ item.name }}\n',
  'roles/r/templates/conf/main.j2': 'main {{ item }}\n',
  'roles/r/templates/conf/extra.j2': 'extra {{ item }}\n',
};

describe('templated srcs among the templates they can name', () => {
  it('convert each task, the one whose template another task rendered first through its own copy', async () => {
    const r = await convertProject(ROLE);
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'converted']);
    const body = recipeBody(r, 'r');
    // tpl_dir, read by both loops and always set by the role's defaults, is read once before them (translate/read-once.ts).
    expect(body).toMatch(/^tpl_dir = node\['r'\]\['tpl_dir'\]\n\nnode\['r'\]\['sites'\]\.each do \|item\|$/m);
    expect(body).toContain(
      "source A2C::Tasks.template_source(\"#{tpl_dir}site/#{node['r']['pick']}.j2\", { 'site/one.erb' => 'site/one+item.erb' })",
    );
    // The confs task names none of site/: no copy of them for its string items.
    expect(body).toContain('source A2C::Tasks.template_source("#{tpl_dir}conf/#{item}.j2")');
    expect(r.files.has('r/templates/site/one+item.erb')).toBe(true);
    expect([...r.files.keys()].filter((f) => f.startsWith('r/templates/site/one'))).toHaveLength(2);
  });

  it('a templated src whose every template another task rendered with other variables still picks its copy', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- template: {src: b.j2, dest: /b}\n- template: {src: "{{ item }}", dest: /c}\n  loop: "{{ tpls }}"\n',
      'defaults/main.yml': 'tpls: [b.j2]\n',
      'templates/b.j2': 'b {{ item | default("none") }}\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
    expect(recipeBody(r, 'demo')).toContain("source A2C::Tasks.template_source(item, { 'b.erb' => 'b+item.erb' })");
    expect(outputText(r, 'demo/templates/b+item.erb')).toContain('<% item = @item %>');
  });

  it('a src no template of the role fits is a TODO', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- template: {src: "includes/{{ item }}.j2", dest: /c}\n  loop: [a]\n',
      'templates/b.j2': 'b\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain('no template of the role has a name the templated src can render');
  });
});

const tools = havePlaybookAndErubis();

describe.skipIf(!tools)('templated srcs among their candidates: Chef vs Ansible', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-tplcand-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same files', async () => {
    const want = ansibleOutFiles(dir, ROLE);
    expect(want).toEqual({
      'out-conf-extra': 'extra extra\n',
      'out-conf-main': 'main main\n',
      'out-site-a': 'one a 1\n',
      'out-site-b': 'one b 2\n',
      'out-static': 'one none 0\n',
    });

    expect(await chefOutFiles(dir, ROLE)).toEqual(want);
  });
});
