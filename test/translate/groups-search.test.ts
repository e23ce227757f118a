// `groups[...]` and `group_names`: static attributes from the inventory by default; with
// `groups: 'search'` nodes publish their group names and `groups` is answered by Chef search.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const PROJECT = {
  'site.yml': '- hosts: web\n  roles: [web]\n',
  'inventory.ini': '[web]\nweb1\nweb2\n[mq]\nmq1\n',
  'roles/web/tasks/main.yml': "- name: Point at the queue\n  debug: msg=\"{{ groups['mq'] | join(',') }} {{ group_names | join(',') }}\"\n",
};

describe('groups', () => {
  it('are a Policyfile attribute from the inventory by default, in inventory order', async () => {
    const r = await convertProject(PROJECT);
    expect(outputText(r, 'policyfiles/site.rb')).toContain("default['ansible']['groups'] = {");
    expect(outputText(r, 'web/recipes/default.rb')).toContain("A2C::Jinja.var(node, 'ansible', 'groups')");
  });

  it('come from Chef search with groups: search, over the group names nodes publish', async () => {
    const r = await convertProject(PROJECT, { groups: 'search' });
    expect(outputText(r, 'policyfiles/site.rb')).not.toContain("['groups']");
    expect(JSON.parse(outputText(r, 'nodes/web1.json')).normal.ansible.group_names).toEqual(['web']);
    const recipe = outputText(r, 'web/recipes/default.rb');
    expect(recipe).toContain("A2C::Jinja.search_groups('ansible')");
    expect(recipe).toContain("A2C::Jinja.var(node, 'ansible', 'group_names')");
  });

  const ruby = requireOrSkip('ruby', hasTool('ruby'));
  it.skipIf(!ruby)('search_groups asks Chef search per group, sorted, and an empty group is undefined', () => {
    const script = `
      module Chef; module Search; class Query
        def search(type, query)
          raise 'wrong index' unless type == :node
          n = Struct.new(:name)
          (query == 'ansible_group_names:mq' ? %w(mq2 mq1) : []).each { |x| yield n.new(x) }
        end
      end; end; end
      require_relative 'src/support-cookbook/ruby/libraries/a2c_jinja'
      g = A2C::Jinja.search_groups('ansible')
      out = [A2C::Jinja.item(g, 'mq'), g.key?('mq'), g.key?('web')]
      begin; A2C::Jinja.item(g, 'web'); rescue A2C::Jinja::UndefinedError; out << 'undefined'; end
      print out.inspect`;
    const r = spawnSync('ruby', ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('[["mq1", "mq2"], true, false, "undefined"]');
  });

  it.skipIf(!ruby)("outside a Chef run (no search), groups['g'] is a required input that names how a node joins g", () => {
    const script = `
      require_relative 'src/support-cookbook/ruby/libraries/a2c_jinja'
      g = A2C::Jinja.search_groups('ansible')
      begin; A2C::Jinja.group(g, 'mq'); rescue A2C::Jinja::RequiredInput => e; print e.message; end`;
    const r = spawnSync('ruby', ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      "no node found by Chef search is in group 'mq' (groups['mq'] is undefined): a node joins it by listing it in its ansible.group_names attribute (its node file)",
    );
  });
  it.skipIf(!ruby)('hostvars[h].inventory_hostname is h where the inventory holds it, else undefined (static groups and search)', () => {
    const script = `
      module Chef; module Search; class Query
        def search(type, query)
          n = Struct.new(:name)
          (query == 'name:mq1' ? %w(mq1) : []).each { |x| yield n.new(x) }
        end
      end; end; end
      require_relative 'src/support-cookbook/ruby/libraries/a2c_jinja'
      node = Struct.new(:name).new('web1')
      static = { 'all' => %w(web1 mq1), 'mq' => %w(mq1) }
      out = [A2C::Jinja.inventory_host(node, static, 'mq1'), A2C::Jinja.inventory_host(node, static, 'web1')]
      begin; A2C::Jinja.inventory_host(node, static, 'gone'); rescue A2C::Jinja::UndefinedError => e; out << e.message; end
      searched = A2C::Jinja.search_groups('ansible')
      out << A2C::Jinja.inventory_host(node, searched, 'mq1') << A2C::Jinja.inventory_host(node, searched, 'web1')
      begin; A2C::Jinja.inventory_host(node, searched, 'gone'); rescue A2C::Jinja::UndefinedError => e; out << e.message; end
      print out.inspect`;
    const r = spawnSync('ruby', ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`["mq1", "web1", "hostvars['gone'] is undefined", "mq1", "web1", "hostvars['gone'] is undefined"]`);
  });

  it('hostvars[h].inventory_hostname reads the converted groups (static or search)', async () => {
    const files = {
      ...PROJECT,
      'roles/web/tasks/main.yml':
        "- name: First\n  command: /bin/first\n  when: inventory_hostname == hostvars[groups['web'][0]]['inventory_hostname']\n",
    };
    expect(outputText(await convertProject(files), 'web/recipes/default.rb')).toContain(
      "A2C::Jinja.inventory_host(node, A2C::Jinja.var(node, 'ansible', 'groups'), A2C::Jinja.item(",
    );
    expect(outputText(await convertProject(files, { groups: 'search' }), 'web/recipes/default.rb')).toContain(
      "A2C::Jinja.inventory_host(node, A2C::Jinja.search_groups('ansible'), A2C::Jinja.item(",
    );
  });
});
