// The built-in plugins: valid user plugins (same type-check path), used on real shapes of tasks,
// and the generated support matrix is current.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlugins } from '../../src/mapping/plugins/load.js';
import { builtinSupportMatrix } from '../../src/mapping/docs.js';
import { convertRole, outputText } from '../helpers/convert-helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('built-in plugins', () => {
  it('pass the user-plugin type-check', async () => {
    const files = ['config-template.ts', 'setup.ts'].map((f) => join(root, 'src/mapping/plugins/builtin', f));
    const r = await loadPlugins(files);
    expect(r.diagnostics).toEqual([]);
    expect(r.plugins.map((p) => p.plugin.module).sort()).toEqual(['ansible.builtin.setup', 'openstack.config_template.config_template']);
  });

  it('config_template ini: static overrides become a2c_ini_setting, templated ones a Ruby loop; yaml and json content a file written by the support library; yaml and json from src stay TODOs', async () => {
    const result = await convertRole({
      'templates/app.conf.j2': '[DEFAULT]\ndebug = false\n',
      'defaults/main.yml': 'app_overrides: {}\napp_files: []\n',
      'tasks/main.yml':
        [
          '- name: static',
          '  config_template:',
          '    src: app.conf.j2',
          '    dest: /etc/app.conf',
          '    mode: "0640"',
          '    config_type: ini',
          '    config_overrides:',
          '      DEFAULT: { debug: true, hosts: [a, b] }',
          '      log_dir: /var/log/app',
          '- name: dynamic',
          '  openstack.config_template.config_template:',
          '    src: app.conf.j2',
          '    dest: /etc/app2.conf',
          '    config_type: ini',
          '    config_overrides: "{{ app_overrides }}"',
          '- name: yaml',
          '  openstack.config_template.config_template:',
          '    content: "{{ app_overrides }}"',
          '    dest: /etc/policy.yaml',
          '    config_type: yaml',
          '- name: yaml listed',
          '  openstack.config_template.config_template:',
          '    content: { a: [1] }',
          '    dest: /etc/listed.yaml',
          '    config_overrides: { a: [2] }',
          '    list_extend: true',
          '    config_type: yaml',
          '    mode: 0640',
          '- name: yaml template',
          '  openstack.config_template.config_template:',
          '    src: app.conf.j2',
          '    dest: /etc/app.yaml',
          '    config_type: yaml',
          '- name: json',
          '  openstack.config_template.config_template:',
          '    content: "{{ app_overrides }}"',
          '    dest: /etc/app.json',
          '    config_type: json',
          '- name: json template',
          '  openstack.config_template.config_template:',
          '    src: app.conf.j2',
          '    dest: /etc/app2.json',
          '    config_type: json',
          '- name: chosen at run time',
          '  openstack.config_template.config_template:',
          '    src: "{{ item.tmp }}"',
          '    dest: "{{ item.dest }}"',
          '    config_type: "{{ item.type }}"',
          '  with_items: "{{ app_files }}"',
          '- name: refresh local facts',
          '  setup: { filter: ansible_local }',
          '- name: refresh facts',
          '  setup: {}',
        ].join('\n') + '\n',
    });
    const recipe = outputText(result, 'demo/recipes/default.rb');
    expect(recipe).toContain("template '/etc/app.conf' do");
    expect(recipe).toContain("a2c_ini_setting '/etc/app.conf [DEFAULT] debug' do");
    expect(recipe).toContain('value A2C::Jinja.str(true)');
    expect(recipe).toContain("value A2C::Jinja.join(%w(a b), ',')");
    expect(recipe).toContain("a2c_ini_setting '/etc/app.conf [DEFAULT] log_dir' do");
    expect(recipe).toMatch(/\.each do \|a2c_key1, a2c_value1\|/);
    expect(recipe).toContain('if a2c_value1.is_a?(Hash)');
    // The overrides, read by three tasks, are read once (translate/read-once.ts).
    expect(recipe).toMatch(/^app_overrides = node\['demo'\]\['app_overrides'\]$/m);
    expect(recipe).toContain("file '/etc/policy.yaml' do\n  content A2C::ConfigTemplate.yaml(app_overrides, {}, nil, false)\nend");
    expect(recipe).toContain(
      "file '/etc/listed.yaml' do\n  content A2C::ConfigTemplate.yaml({ 'a' => [1] }, { 'a' => [2] }, true, false)\n  mode '0640'\nend",
    );
    expect(recipe).toContain('A2C-TODO-PARAM config_type yaml with src');
    expect(recipe).toContain("file '/etc/app.json' do\n  content A2C::ConfigTemplate.json(app_overrides, {}, nil, false)\nend");
    expect(recipe).toContain('A2C-TODO-PARAM config_type json with src');
    expect(recipe).toContain(
      'A2C-TODO-PARAM config_type is templated; only a literal ini or yaml is converted; src "{{ item.tmp }}" is templated too',
    );
    expect(recipe).toMatch(/^ohai 'refresh facts'$/m);
    // Local facts are no Ohai plugin: the support cookbook's snapshot of facts.d is taken again.
    expect(recipe).toContain("ruby_block 'refresh local facts' do\n  block do\n    A2C::Facts.refresh_local(node)\n  end\nend");
    expect(recipe).toContain("ruby_block 'refresh facts (local facts)' do");
    expect(result.stats).toMatchObject({ cookbooks: 1, tasks: 10, converted: 7, todo: 3, ignored: 0 });
  });

  it('docs/support-matrix.md is generated from the current tables (run `ansible2chef mappings docs`)', () => {
    expect(readFileSync(join(root, 'docs/support-matrix.md'), 'utf8')).toBe(builtinSupportMatrix());
  });
});
