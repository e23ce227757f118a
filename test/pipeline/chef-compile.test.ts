// The compile-phase tier (test/tools/chef-compile.rb via src/scripts/chef-compile.ts): generated
// cookbooks evaluated as Chef's compile phase evaluates them. First the harness itself on small
// hand-written cookbooks (it must fail where Chef fails and pass where Chef defers), then the
// bundled example, every run of which must compile.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck, compileCheckDir } from '../../src/scripts/chef-compile.js';
import { supportCookbookFiles } from '../../src/support-cookbook/files.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { readTree } from '../helpers/golden.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const ready = compileReady();
const inputs = compileInputs(false);

/** A one-cookbook output: `demo` with the given recipe and attribute files, run by one Policyfile. */
function demo(files: Record<string, string>, policyExtra = ''): Map<string, string> {
  const out = new Map<string, string>(supportCookbookFiles().map((f) => [`ansible2chef_support/${f.path}`, f.content]));
  out.set('demo/metadata.rb', "name 'demo'\ndepends 'ansible2chef_support'\n");
  out.set('policyfiles/demo.rb', `name 'demo'\nrun_list 'demo::default'\ncookbook 'demo', path: '../demo'\n${policyExtra}`);
  for (const [p, t] of Object.entries(files)) out.set(`demo/${p}`, t);
  return out;
}

function only(files: Map<string, string>) {
  const runs = compileCheck(files, inputs);
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

describe.skipIf(!ready)('the compile-phase check', () => {
  it('passes a recipe whose run-time reads are deferred (lazy, guards, ruby_block) and runs include_recipe once', () => {
    const run = only(
      demo({
        'recipes/default.rb': [
          "include_recipe 'demo::other'",
          "include_recipe 'demo::other'",
          "file '/tmp/a' do",
          "  content lazy { node.run_state.fetch('later') }",
          "  only_if { node.run_state.fetch('later') }",
          'end',
          "ruby_block 'store' do",
          "  block { node.run_state.fetch('later') }",
          'end',
        ].join('\n'),
        'recipes/other.rb': "package 'tgt'\n",
      }),
    );
    expect(run).toMatchObject({ ok: true, resources: 3 });
  });

  it('fails where Chef fails: a run-time value read at compile time, with the generated line', () => {
    const run = only(demo({ 'recipes/default.rb': "file '/tmp/a' do\n  content node.run_state.fetch('later')\nend\n" }));
    expect(run).toMatchObject({ ok: false, error: 'KeyError', where: 'demo/recipes/default.rb:2' });
  });

  it('loads attribute files before recipes, default.rb first, and sees Policyfile attributes there', () => {
    const ok = only(
      demo(
        {
          'attributes/default.rb': "default['demo']['port'] = node['ansible']['base'] + 1\n",
          'attributes/zz.rb': "default['demo']['next'] = node['demo']['port'] + 1\n",
          'recipes/default.rb': "file \"/tmp/#{node['demo']['next']}\"\n",
        },
        "default['ansible']['base'] = 10\n",
      ),
    );
    expect(ok).toMatchObject({ ok: true });
    // An attribute file reading a value another file of the same cookbook sets later (A1 of the issue).
    const late = only(
      demo({
        'attributes/default.rb': "default['demo']['url'] = A2C::Jinja.var(node, 'demo', '_url')\n",
        'attributes/vars.rb': "default['demo']['_url'] = 'http://mirror'\n",
        'recipes/default.rb': "package 'x'\n",
      }),
    );
    expect(late).toMatchObject({ ok: false, error: 'A2C::Jinja::UndefinedError', where: 'demo/attributes/default.rb:1' });
  });

  it('fails on a notification whose target is never declared (Chef: ResourceNotFound)', () => {
    const run = only(
      demo({ 'recipes/default.rb': "file '/tmp/a' do\n  notifies :restart, 'service[nope]', :delayed\nend\nservice 'yes'\n" }),
    );
    expect(run.ok).toBe(false);
    expect(run.message).toContain('service[nope]');
  });

  it('fails on a resource type Chef does not have, and on node-dependent Ruby in a Policyfile', () => {
    expect(only(demo({ 'recipes/default.rb': "no_such_resource 'x'\n" }))).toMatchObject({ ok: false, error: 'NoMethodError' });
    expect(
      only(demo({ 'recipes/default.rb': "package 'x'\n" }, "default['ansible']['iface'] = node['network']['default_interface']\n")),
    ).toMatchObject({ ok: false, error: 'NameError' });
  });

  it('validates property values and actions when they are set, as Chef does (a lazy value later)', () => {
    expect(only(demo({ 'recipes/default.rb': "file '/tmp/a' do\n  content 1\nend\n" }))).toMatchObject({
      ok: false,
      error: 'ChefCompile::ValidationFailed',
    });
    expect(only(demo({ 'recipes/default.rb': "service 'a' do\n  action :reboot\nend\n" }))).toMatchObject({
      ok: false,
      error: 'ChefCompile::ValidationFailed',
    });
    expect(only(demo({ 'recipes/default.rb': "file '/tmp/a' do\n  content lazy { 1 }\n  mode 420\nend\n" }))).toMatchObject({ ok: true });
  });

  it('keeps merged node attributes read-only and reads a missing key as nil, as Chef does', () => {
    expect(only(demo({ 'recipes/default.rb': "node['demo'] = 1\n" }))).toMatchObject({ ok: false, error: 'TypeError' });
    expect(
      only(demo({ 'attributes/default.rb': "default['demo']['a'] = 1\n", 'recipes/default.rb': "node['demo']['a'] = 2\n" })),
    ).toMatchObject({ ok: false, error: 'TypeError' });
    expect(only(demo({ 'recipes/default.rb': "package 'x' if node['nothing'].nil?\n" }))).toMatchObject({ ok: true, resources: 1 });
  });

  it("runs a custom resource's action where it is declared: passed values (lazy ones computed), defaults, new_resource in nested blocks", () => {
    const resource = [
      'unified_mode true',
      '',
      'property :site',
      "property :port, default: lazy { node['demo']['port'] }",
      '',
      'action :run do',
      '  file "/tmp/#{new_resource.site}" do',
      '    content new_resource.port.to_s',
      '  end',
      'end',
    ].join('\n');
    const run = (recipe: string) =>
      compileCheck(
        demo({ 'attributes/default.rb': "default['demo']['port'] = 80\n", 'resources/site.rb': resource, 'recipes/default.rb': recipe }),
        { ...inputs, detail: true },
      )[0]!;
    const ok = run(
      "demo_site 'a' do\n  site 'a'\n  port lazy { 8080 }\nend\ndemo_site 'b' do\n  site 'b'\nend\ndemo_site 'c' do\n  site 'c'\n  action :nothing\nend\n",
    );
    expect(ok).toMatchObject({ ok: true, resources: 5 });
    expect(ok.detail!.filter((r) => r.id.startsWith('file')).map((r) => [r.id, r.properties.content])).toEqual([
      ['file[/tmp/a]', '8080'],
      ['file[/tmp/b]', '80'],
    ]);
    // Reading a property the resource does not declare fails as in Chef.
    const undeclared = compileCheck(
      demo({ 'resources/site.rb': 'action :run do\n  file new_resource.path\nend\n', 'recipes/default.rb': "demo_site 'a'\n" }),
      inputs,
    )[0]!;
    expect(undeclared).toMatchObject({ ok: false, error: 'NoMethodError', where: 'demo/resources/site.rb:2' });
    const unknownProperty = run("demo_site 'a' do\n  site 'a'\n  colour 'red'\nend\n");
    expect(unknownProperty).toMatchObject({ ok: false, error: 'NoMethodError', where: 'demo/recipes/default.rb:3' });
  });

  it('compiles the golden role included twice with different vars: each call renders its own values', () => {
    const files = new Map<string, string | Uint8Array>(supportCookbookFiles().map((f) => [`ansible2chef_support/${f.path}`, f.content]));
    for (const [p, c] of readTree(join(REPO_ROOT, 'test/golden/role-resource/expected'))) files.set(p, c);
    const runs = compileCheck(files, { ...inputs, detail: true });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ ok: true });
    const templates = runs[0]!.detail!.filter((r) => r.id.startsWith('template['));
    expect(templates.map((t) => [t.id, t.properties.variables, t.properties.cookbook])).toEqual([
      ['template[/etc/nginx/sites-enabled/shop.conf]', { vhost_name: 'shop', vhost_port: 8080 }, 'vhost'],
      ['template[/etc/nginx/sites-enabled/blog.conf]', { vhost_name: 'blog', vhost_port: 80 }, 'vhost'],
    ]);
    expect(runs[0]!.detail!.filter((r) => r.id.startsWith('a2c_directory[')).map((r) => r.id)).toEqual([
      'a2c_directory[/srv/shop]',
      'a2c_directory[/srv/blog]',
    ]);
  });

  it('compiles every run of the bundled example (each Policyfile with each node that carries it)', () => {
    const runs = compileCheckDir(join(REPO_ROOT, 'cookbooks-out'), inputs);
    expect(runs.map((r) => r.id)).toEqual([
      'policyfiles/site_play1_load_balancers.rb + nodes/lb1.json',
      'policyfiles/site_play1_load_balancers.rb + nodes/lb2.json',
      'policyfiles/site_play2_message_queue.rb + nodes/ctl1.json',
      'policyfiles/site_play2_message_queue.rb + nodes/ctl2.json',
      'policyfiles/site_play3_identity.rb + nodes/ctl1.json',
      'policyfiles/site_play3_identity.rb + nodes/ctl2.json',
      'policyfiles/site_play4_block_storage.rb + nodes/stor1.json',
    ]);
    expect(runs.filter((r) => !r.ok)).toEqual([]);
  });
});
