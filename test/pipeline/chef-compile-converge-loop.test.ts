// The compile-phase harness (test/tools/chef-compile.rb) on a2c_converge_loop: Chef runs the loop's
// `declare` block when the resource converges, in a child resource collection; the harness runs it
// where the loop is declared, with a stand-in for the registered results it reads, so that a block
// Chef would fail on (a property of the wrong type, a helper that does not exist, a notification
// that names nothing) fails the check, at the generated line.
import { describe, expect, it } from 'vitest';
import { type CompileRun, compileCheck } from '../../src/scripts/chef-compile.js';
import { supportCookbookFiles } from '../../src/support-cookbook/files.js';
import { convertRole } from '../helpers/convert-helpers.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const ready = compileReady();
const inputs = compileInputs();

/** `demo::default` with `recipe`, beside the support cookbook, run by one Policyfile. */
function run(recipe: string[]): CompileRun {
  const files = new Map<string, string>(supportCookbookFiles().map((f) => [`ansible2chef_support/${f.path}`, f.content]));
  files.set('demo/metadata.rb', "name 'demo'\ndepends 'ansible2chef_support'\n");
  files.set('policyfiles/demo.rb', "name 'demo'\nrun_list 'demo::default'\ncookbook 'demo', path: '../demo'\n");
  files.set('demo/recipes/default.rb', `${recipe.join('\n')}\n`);
  const runs = compileCheck(files, inputs);
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

/** A loop over the `files` of a registered find result, as the converter writes it, with `body` for each path. */
const loop = (body: string[], after: string[] = []) => [
  "a2c_converge_loop 'remove' do",
  '  declare do',
  "    A2C::Jinja.map_attr(A2C::Jinja.attr(A2C::Tasks.registered(node.run_state, 'found'), 'files'), 'path').each do |item|",
  ...body.map((l) => `      ${l}`),
  '    end',
  '  end',
  ...after.map((l) => `  ${l}`),
  'end',
];

describe.skipIf(!ready)('a2c_converge_loop in the compile-phase check', () => {
  it("declares the loop's resources from a stand-in registered result, in the loop's own collection", () => {
    const ok = run(loop(['file item do', '  action :delete', 'end']));
    expect(ok).toMatchObject({ ok: true, resources: 1 });
    expect(ok.detail!.map((d) => [d.id, d.in ?? null])).toEqual([
      ['a2c_converge_loop[remove]', null],
      ['file[/a2c-stand-in]', 'a2c_converge_loop[remove]'],
    ]);
  });

  it('fails where the block is wrong, at its line', () => {
    // A property of the wrong type (Chef validates it when it is set).
    expect(run(loop(['directory item do', "  recursive 'yes'", 'end']))).toMatchObject({
      ok: false,
      error: 'ChefCompile::ValidationFailed',
      where: 'demo/recipes/default.rb:5',
    });
    // A helper the support library does not have.
    expect(run(loop(['file A2C::Jinja.no_such_filter(item)']))).toMatchObject({
      ok: false,
      error: 'NoMethodError',
      where: 'demo/recipes/default.rb:4',
    });
    // A key the registered result does not have, read strictly: it fails as it would on the node.
    expect(
      run([
        "a2c_converge_loop 'remove' do",
        '  declare do',
        "    A2C::Tasks.registered(node.run_state, 'found').fetch('stat').fetch('missing').each { |item| file item }",
        '  end',
        'end',
      ]),
    ).toMatchObject({ ok: false, error: 'KeyError', where: 'demo/recipes/default.rb:3' });
    // A notification naming a resource declared nowhere.
    expect(run(loop(['file item do', "  notifies :restart, 'service[nothing]', :immediately", 'end']))).toMatchObject({
      ok: false,
      error: 'ChefCompile::NotificationTarget',
      message: expect.stringContaining('demo/recipes/default.rb:5: file[/a2c-stand-in] notifies restart on service[nothing]'),
    });
    // No block: converge_loop.rb's action raises.
    expect(run(["a2c_converge_loop 'remove'"])).toMatchObject({ ok: false, error: 'ArgumentError' });
  });

  it("resolves notifications as Chef's nested collections do: from the loop outwards, never into it", () => {
    // The loop's resource notifies one the recipe declares after it: found at converge, when the recipe is compiled.
    const outwards = run([...loop(['file item do', "  notifies :reload, 'service[haproxy]', :immediately", 'end']), "service 'haproxy'"]);
    expect(outwards).toMatchObject({ ok: true });
    // A resource of the recipe cannot reach one declared inside the loop.
    const inwards = run([...loop(['file item']), "service 'haproxy' do", "  notifies :delete, 'file[/a2c-stand-in]'", 'end']);
    expect(inwards).toMatchObject({
      ok: false,
      error: 'ChefCompile::NotificationTarget',
      message: expect.stringContaining('demo/recipes/default.rb:9: service[haproxy] notifies delete on file[/a2c-stand-in]'),
    });
  });

  it('runs no block of a loop whose action is :nothing, as Chef never converges it', () => {
    expect(run(loop(['file A2C::Jinja.no_such_filter(item)'], ['action :nothing']))).toMatchObject({ ok: true });
  });

  it("passes the converter's loop over a registered find result, its resources declared once from the stand-in", async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: Find old certificates',
        '  find: { paths: /etc/haproxy/ssl, patterns: "*.crt" }',
        '  register: old_certs',
        '- name: Remove them',
        '  file: { path: "{{ item }}", state: absent }',
        '  loop: "{{ old_certs.files | map(attribute=\'path\') }}"',
        '  notify: reload haproxy',
        '- name: list users',
        '  command: cat /etc/app/users',
        '  register: users',
        '  changed_when: false',
        '- name: home of each',
        '  file: { path: "/home/{{ item }}", state: directory, mode: "0750" }',
        '  loop: "{{ users.stdout_lines }}"',
        '',
      ].join('\n'),
      'handlers/main.yml': '- name: reload haproxy\n  service: { name: haproxy, state: reloaded }\n',
    });
    expect(r.stats.todo).toBe(0);
    const runs = compileCheck(r.files, inputs);
    expect(runs.length).toBeGreaterThan(0);
    for (const x of runs) {
      expect(x, JSON.stringify(x)).toMatchObject({ ok: true });
      const inLoops = x.detail!.filter((d) => d.in !== undefined).map((d) => [d.id, d.in]);
      expect(inLoops).toEqual([
        ['directory[/a2c-stand-in]', 'a2c_converge_loop[Remove them]'],
        ['file[/a2c-stand-in]', 'a2c_converge_loop[Remove them]'],
        ['a2c_directory[/home/a2c-stand-in]', 'a2c_converge_loop[home of each]'],
      ]);
    }
  });
});
