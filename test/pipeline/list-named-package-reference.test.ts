// A package task with a list of names (a literal list or a list variable), registered and read by a
// later `when: r is changed`, or notifying through a register: Chef keys a multi-package resource by
// its names joined with ", " (Chef::Resource's name coerce), so the subscription must name
// `apt_package[curl, jq]`; interpolating the list gave `apt_package[["curl", "jq"]]`, which Chef cannot
// find (ResourceNotFound when the converge resolves notifications). The compile check models the
// coerce and resolves every notification, so it fails where Chef fails.
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { supportCookbookFiles } from '../../src/support-cookbook/files.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const ready = compileReady();
const inputs = compileInputs(false);

const role = {
  'defaults/main.yml': 'pkgs: [curl, jq]\n',
  'tasks/main.yml': [
    '- name: literal list',
    '  apt: { name: [curl, jq] }',
    '  register: lit',
    '- name: list variable',
    '  apt: { name: "{{ pkgs }}" }',
    '  register: var',
    '- name: after literal',
    '  file: { path: /tmp/a2c-lit, state: touch }',
    '  when: lit is changed',
    '- name: after variable',
    '  file: { path: /tmp/a2c-var, state: touch }',
    '  when: var is changed',
    '',
  ].join('\n'),
};

describe.skipIf(!ready)('a subscription to a package resource named by a list', () => {
  it('names the resource as Chef keys it, and the converge finds it', async () => {
    const r = await convertRole(role);
    expect(r.diagnostics.filter((d) => d.code.startsWith('A2C-TODO'))).toEqual([]);
    const body = recipeBody(r, 'demo');
    expect(body).toContain("subscribes :touch, 'apt_package[curl, jq]', :immediately");
    // The list, read by the package and the subscription, is read once (translate/read-once.ts).
    expect(body).toMatch(/^pkgs = node\['demo'\]\['pkgs'\]$/m);
    expect(body).toContain(`subscribes :touch, "apt_package[#{pkgs.join(', ')}]", :immediately`);
    const runs = compileCheck(r.files, inputs);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ ok: true });
  });

  it('the compile check keys a list-named resource as Chef does: the inspect form is not found', () => {
    const out = new Map<string, string>(supportCookbookFiles().map((f) => [`ansible2chef_support/${f.path}`, f.content]));
    out.set('demo/metadata.rb', "name 'demo'\ndepends 'ansible2chef_support'\n");
    out.set('policyfiles/demo.rb', "name 'demo'\nrun_list 'demo::default'\ncookbook 'demo', path: '../demo'\n");
    const recipe = (target: string) =>
      `apt_package %w(curl jq)\nfile '/tmp/a2c-x' do\n  action :nothing\n  subscribes :touch, ${target}, :immediately\nend\n`;
    out.set('demo/recipes/default.rb', recipe("'apt_package[curl, jq]'"));
    expect(compileCheck(out, inputs)[0]).toMatchObject({ ok: true });
    out.set('demo/recipes/default.rb', recipe('"apt_package[#{%w(curl jq)}]"'));
    expect(compileCheck(out, inputs)[0]).toMatchObject({ ok: false });
  });
});
