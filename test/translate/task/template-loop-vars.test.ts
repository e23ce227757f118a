// A template sees the variables of the task that renders it: the loop variable (item, or
// loop_control's loop_var and index_var) and the task's vars. The converted resource passes each
// one the template reads through `variables`, and the ERB reads it back as a local. Rendered by
// the converted recipe (a recording DSL) with real Erubis and the support library, compared with
// what ansible-playbook writes for the same role.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertProject, convertRole, outputText, recipeBody, type TextTree } from '../../helpers/convert-helpers.js';
import { ansibleOutFiles, chefOutFiles, havePlaybookAndErubis } from '../../helpers/template-files.js';

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
    // Literal task vars at the edges of each type: text ending in a newline, `yes` as text and as
    // a YAML boolean, None, a float, a list, text Ansible would re-read elsewhere (`[1, 2]`, `True`).
    '    nl: "line\\n"',
    '    word: "yes"',
    '    flag: yes',
    '    nothing: null',
    '    ratio: 0.1',
    '    names: [a, "b"]',
    '    looks: "[1, 2]"',
    '    truth: "True"',
    '    site: {name: s, port: 9}',
    '- name: with_items, a template that does not read the item',
    '  template:',
    '    src: plain.j2',
    '    dest: "out-plain-{{ item }}"',
    '  with_items: [one, two]',
    '- name: a loop over a role default of dicts with the same keys',
    '  template:',
    '    src: typed.j2',
    '    dest: "out-typed-{{ item.name }}"',
    '  loop: "{{ typed_sites }}"',
    // A task var bound to the item of a filter chain over typed_sites (list-types.ts): the item whole.
    '- name: an include over a filter chain, its item passed as a task var',
    '  include_tasks: inc.yml',
    '  vars:',
    '    site: "{{ item }}"',
    "  loop: \"{{ (typed_sites | selectattr('enabled') | list) + (typed_sites | rejectattr('enabled') | list) }}\"",
    '',
  ].join('\n'),
  'roles/r/tasks/inc.yml': ['- name: a file per site', '  template:', '    src: inc.j2', '    dest: "out-inc-{{ site.port }}"', ''].join(
    '\n',
  ),
  'roles/r/templates/inc.j2': "{{ site.name }}:{{ site.port }}:{{ site.hosts | join(',') }}\n",
  // Every item has name (plain text, one ending in a newline, one `yes`), port (int), enabled (bool),
  // blank (None), ratio (float), hosts (a list of plain text); only the first has `alias`, only
  // the second `label` (text Ansible re-reads: a different ERB path).
  'roles/r/defaults/main.yml': [
    'typed_sites:',
    '  - {name: a, port: 80, enabled: true, blank: null, ratio: 1.5, hosts: [h1, h2], alias: first, note: "x\\n"}',
    '  - {name: "yes", port: 8080, enabled: false, blank: null, ratio: 2.0, hosts: [h3], label: "True", note: "y"}',
    '',
  ].join('\n'),
  'roles/r/templates/typed.j2': [
    'name={{ item.name }} port={{ item["port"] }} on={{ item.enabled }} blank=[{{ item.blank }}] ratio={{ item.ratio }}',
    '{% for h in item.hosts %}host {{ h }}/{{ item.port + 1 }}',
    '{% endfor %}',
    '{% if item.alias is defined %}alias={{ item.alias }}{% endif %}',
    '{% if item.label is defined %}label={{ item.label }}{% endif %}',
    'note={{ item.note }}',
    '',
  ].join('\n'),
  // the item read at the top, inside a for loop and inside a macro of the template
  'roles/r/templates/site.j2':
    'name={{ item.name }} port={{ item.port }}\n{% for t in item.tags %}\ntag {{ t }} of {{ item.name }}\n{% endfor %}\n{% macro show(x) %}[{{ x }}/{{ item.name }}]{% endmacro %}{{ show(item.port) }}\n',
  'roles/r/templates/vhost.j2': '{{ idx }}: {{ vh | upper }}\n',
  'roles/r/templates/tv.j2':
    '{{ greeting }} x{{ n }}\n[{{ nl }}][{{ word }}][{{ flag }}][{{ nothing }}][{{ ratio }}][{{ names }}][{{ looks }}][{{ truth }}]\n{% for x in names %}{{ x }};{% endfor %}{{ site.name }}:{{ site.port }}\n',
  'roles/r/templates/plain.j2': 'same for all\n',
  'site.yml': '- hosts: localhost\n  gather_facts: false\n  roles: [r]\n',
};

describe('templates reading the variables of their task', () => {
  it('pass them through variables, and the ERB reads them as locals', async () => {
    const r = await convertProject(ROLE);
    expect(r.tasks.map((t) => t.outcome)).toEqual([
      'converted',
      'converted',
      'converted',
      'converted',
      'converted',
      'converted',
      'converted',
    ]);
    const body = recipeBody(r, 'r');
    // The task var is the loop's item whole: its fields, known through the filter chain, read as plain Ruby.
    expect(body).toContain('template "out-inc-#{item[\'port\']}" do');
    expect(body).toContain("    source 'site.erb'\n    variables({ item: item })\n");
    expect(body).toContain("    source 'vhost.erb'\n    variables({ idx: idx, vh: vh })\n");
    expect(body).toContain(
      "  source 'tv.erb'\n  variables({\n    flag: true,\n    greeting: 'hello',\n    looks: '[1, 2]',\n    n: 3,\n    names: %w(a b),\n    nl: \"line\\n\",\n    nothing: nil,\n    ratio: 0.1,\n    site: { 'name' => 's', 'port' => 9 },\n    truth: 'True',\n    word: 'yes',\n  })\n",
    );
    // Literal task vars are typed: str, int and None print as Ruby prints them, a bool with Python's
    // spelling, a float and a list keep Python's printing; a list of known items iterates plainly.
    const tv = outputText(r, 'r/templates/tv.erb');
    expect(tv).toContain(
      "<%= greeting %> x<%= n %>\n[<%= nl %>][<%= word %>][<%= flag ? 'True' : 'False' %>][<%= nothing %>][<%= A2C::Jinja.out(ratio) %>][<%= A2C::Jinja.out(names) %>][<%= looks %>][<%= truth %>]",
    );
    expect(tv).toContain("<%= site['name'] %>:<%= site['port'] %>");
    expect(body).toContain("    source 'plain.erb'\n  end");
    expect(outputText(r, 'r/templates/site.erb')).toMatch(/^<% item = @item %>\n/);
    expect(outputText(r, 'r/templates/site.erb')).not.toContain("var(node, 'ansible', 'item')");
    expect(outputText(r, 'r/templates/plain.erb')).toBe('same for all\n');
  });

  it("a loop item's known fields read as plain Ruby in the template; keys not on every item keep the helpers", async () => {
    const erb = outputText(await convertProject(ROLE), 'r/templates/typed.erb');
    // Text and int fields every item has: Python prints them as Ruby does.
    expect(erb).toContain("name=<%= item['name'] %> port=<%= item['port'] %> ");
    expect(erb).toContain("<% items1 = item['hosts'] %>");
    expect(erb).toContain('host <%= h %>/');
    // A key only some items have: undefined on the others, as Jinja has it.
    expect(erb).toContain("A2C::Jinja.attr(item, 'alias')");
    expect(erb).toContain("A2C::Jinja.attr(item, 'label')");
    // Python prints a bool as True/False, a float its own way: not Ruby's to_s.
    expect(erb).toContain("on=<%= item['enabled'] ? 'True' : 'False' %>");
    expect(erb).not.toMatch(/ratio=<%= item\['ratio'\] %>/);
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

  it('a loop whose items are typed and one whose items are not get an ERB each', async () => {
    const r = await convertRole(
      {
        'tasks/main.yml': [
          '- template: {src: t.j2, dest: "/etc/{{ item.k }}"}',
          '  loop: "{{ known }}"',
          '- template: {src: t.j2, dest: "/etc/{{ item.k }}"}',
          '  loop: "{{ unknown }}"',
          '',
        ].join('\n'),
        // `unknown` is set in two places with items of other shapes: its items' type is not known
        'defaults/main.yml': 'known: [{k: a}, {k: b}]\nunknown: [{k: a}]\n',
        'vars/main.yml': 'unknown: [{k: 1}]\n',
        'templates/t.j2': 'k={{ item.k }}\n',
      },
      'demo',
      // The items' types as the input gives them: inferred from use, both lists' would be one contract (literal-items-differential.test.ts).
      { inferInputTypes: false },
    );
    expect(r.tasks.every((t) => t.outcome === 'converted')).toBe(true);
    const body = recipeBody(r, 'demo');
    expect(body).toContain("    source 't.erb'\n");
    expect(body).toContain("    source 't+item.erb'\n");
    // Text on every item of `known`; an int or text of `unknown` (Python's printing stays).
    expect(outputText(r, 'demo/templates/t.erb')).toContain(`k=<%= item['k'] %><%= item['k'].end_with?("\\n") ? '' : "\\n" %>`);
    expect(outputText(r, 'demo/templates/t+item.erb')).toContain("A2C::Jinja.out(item['k'])");
  });

  // A templated src picks its own copy among such copies: template-candidates.test.ts.
});

const tools = havePlaybookAndErubis();

describe.skipIf(!tools)('templates reading loop variables and task vars: Chef vs Ansible', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-tplvars-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same files', async () => {
    const want = ansibleOutFiles(dir, ROLE);
    expect(Object.keys(want)).toHaveLength(11);

    expect(await chefOutFiles(dir, ROLE)).toEqual(want);
  });
});
