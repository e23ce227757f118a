// The Chef-style figures of `npm run style` and `npm run corpus` (issue 14's measurement), on a
// tiny output tree written here: each figure counts what it says and nothing else.
import { describe, expect, it } from 'vitest';
import { loadRubyParser } from '../../src/print/prism.js';
import { addStyle, printStyle, styleMetrics } from '../../src/scripts/style-metrics.js';

const tree = new Map<string, string>([
  ['web/metadata.rb', "name 'web'\n"],
  [
    'web/attributes/default.rb',
    [
      '# web/defaults/main.yml:1',
      "default['web']['web_port'] = 80",
      '',
      "default['web']['docroot'] = A2C::Jinja.var(node, 'ansible', 'root')",
      "override['web']['web_port'] = 8080",
    ].join('\n'),
  ],
  [
    'web/recipes/default.rb',
    [
      '# A2C:: in a comment is no call',
      "package 'nginx'",
      "bind_host = A2C::Net.ipwrap(node['web']['bind'])",
      "service A2C::Jinja.var(node, 'web', 'web_service') do",
      '  action :start',
      'end',
    ].join('\n'),
  ],
  [
    'web/templates/site.conf.erb',
    'listen <%= @port %>;\nroot <%= A2C::Jinja.out(@root) %>;\nbind <%= A2C::Net.ipwrap(@bind) %>;\n<% _buf << "x" %>\n',
  ],
  ['web/templates/plain.erb', 'user <%= @user %>\nexpiration_buffer = 3600\n'], // text naming _buf is output, not a use
  // The support cookbook's own code is not the converted output.
  ['ansible2chef_support/metadata.rb', "name 'ansible2chef_support'\n"],
  ['ansible2chef_support/libraries/a2c_jinja.rb', 'module A2C; end\n'],
  ['ansible2chef_support/recipes/default.rb', 'A2C::Jinja.noop\n'],
  [
    'policyfiles/site.rb',
    [
      "name 'site'",
      "run_list 'web::default'",
      "cookbook 'web', path: '../web'",
      "default['web']['web_user'] = 'www'",
      "default['ansible']['groups'] = { 'all' => ['a', 'b'], 'none' => [] }",
    ].join('\n'),
  ],
  [
    'policyfiles/dynamic.rb',
    [
      "name 'dynamic'",
      "run_list 'web::default'",
      "default['web']['iface'] = node['network']['default_interface']",
      "default['web']['msg'] = \"port #{80}\"",
      "default_source :supermarket do |s|\n  s.preferred_for 'web'\nend",
    ].join('\n'),
  ],
  [
    'nodes/n1.json',
    JSON.stringify({
      name: 'n1',
      normal: { web: { web_tls: true, tls: false }, ansible: { web_x: 1 } },
      run_list: ['recipe[web::default]'],
    }),
  ],
]);

describe('style metrics', () => {
  it('counts A2C:: calls, ERB tags, _buf, repeated cookbook names and non-data Policyfile statements', async () => {
    const m = styleMetrics(tree, await loadRubyParser());
    // Attributes: 3 code lines (1 calls A2C::Jinja); recipe: 5 code lines (1 calls A2C::Jinja, 1 another
    // A2C:: helper). The support cookbook is left out.
    expect(m.rubyLines).toEqual({ total: 8, hits: 3, jinja: 2 });
    expect(m.erbTags).toEqual({ total: 4, hits: 2, jinja: 1 });
    expect(m.bufTemplates).toEqual(['web/templates/site.conf.erb']);
    // Distinct keys under 'web': web_port, docroot (attributes), web_user, iface, msg (Policyfiles), web_tls, tls (node).
    // Keys under 'ansible' are the project namespace, not a cookbook's.
    expect(m.ownKeys.total).toBe(7);
    expect(m.ownKeys.repeating).toEqual(["['web']['web_port']", "['web']['web_tls']", "['web']['web_user']"]);
    expect(m.ownKeys.hits).toBe(3);
    expect(m.policyfiles.total).toBe(2);
    expect(m.policyfiles.notData.map((x) => `${x.file}:${x.line}`)).toEqual([
      'policyfiles/dynamic.rb:3',
      'policyfiles/dynamic.rb:4',
      'policyfiles/dynamic.rb:5',
    ]);
  });

  it('reads a cookbook named after a repository by the words of its name', async () => {
    const files = new Map([
      ['acme__ansible_role_ntp/metadata.rb', "name 'acme__ansible_role_ntp'\n"],
      [
        'acme__ansible_role_ntp/attributes/default.rb',
        "default['acme__ansible_role_ntp']['ntp_servers'] = []\ndefault['acme__ansible_role_ntp']['__ntp_daemon'] = 'ntpd'\ndefault['acme__ansible_role_ntp']['timezone'] = 'UTC'\n",
      ],
    ]);
    const m = styleMetrics(files, await loadRubyParser());
    expect(m.ownKeys).toMatchObject({ total: 3, hits: 0, wordHits: 2 });
  });

  it('adds two outputs and prints the figures', async () => {
    const parse = await loadRubyParser();
    const one = styleMetrics(tree, parse);
    const two = addStyle(one, one);
    expect(two.rubyLines).toEqual({ total: 16, hits: 6, jinja: 4 });
    expect(two.policyfiles.notData).toHaveLength(6);
    const printed = printStyle(one);
    expect(printed).toContain('recipe and attribute lines calling A2C::Jinja       2 of 8 (25.0%)');
    expect(printed).toContain('ERB output tags calling any A2C::                   2 of 4 (50.0%)');
    expect(printed).toContain('Policyfiles holding more than data                  1 of 2');
    expect(printed).toContain("not data: policyfiles/dynamic.rb:3: default['web']['iface'] = node['network']['default_interface']");
  });
});
