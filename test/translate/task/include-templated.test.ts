// include_tasks with a templated file name: the recipe is picked, when the recipe compiles, by the
// name Ruby computes from Ohai facts; run with real Ruby and the support library on the printed code.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const LIBS = resolve(new URL('../../..', import.meta.url).pathname, 'src/support-cookbook/ruby/libraries');
const ruby = requireOrSkip('ruby', hasTool('ruby'));

const role = {
  'tasks/main.yml':
    '- name: per OS family\n  include_tasks: "setup-{{ ansible_os_family }}.yml"\n- name: not a candidate\n  include_tasks: "{{ extra_file }}"\n',
  'tasks/setup-Debian.yml': '- package: {name: curl}\n',
  'tasks/setup-RedHat.yml': '- package: {name: wget}\n',
  'defaults/main.yml': 'extra_file: nothing-here.yml\n',
};

/** The include_recipe argument of the recipe's first include, evaluated for an Ohai platform_family. */
function pick(recipe: string, family: string): { out: string; err: string } {
  const line = recipe.split('\n').find((l) => l.startsWith('include_recipe A2C::Tasks.included_recipe'))!;
  const script = `
    Dir[File.join(ARGV[0], '*.rb')].sort.each { |f| require File.expand_path(f) }
    node = { 'platform_family' => ARGV[1] }
    def node.read!(*path) = path.reduce(self) { |h, k| h.fetch(k) }
    def include_recipe(name) = print(name)
    begin
      ${line}
    rescue => e
      $stderr.print e.message
    end`;
  const r = spawnSync('ruby', ['-e', script, LIBS, family], { encoding: 'utf8' });
  return { out: r.stdout, err: r.stderr };
}

describe('include_tasks with a templated file name', () => {
  it('converts to an include of the recipe the name picks, among the task files that fit', async () => {
    const r = await convertRole(role);
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).toContain("'setup-Debian.yml' => 'demo::setup_debian', 'setup-RedHat.yml' => 'demo::setup_redhat'");
    expect(r.tasks.find((t) => t.span.line === 1)?.outcome).toBe('converted');
    // `{{ extra_file }}` fits every task file but the including one (Ansible would recurse into it).
    const extra = recipe.split('\n').filter((l) => l.includes('included_recipe'))[1]!;
    expect(extra).toContain("'setup-Debian.yml' => 'demo::setup_debian'");
    expect(extra).not.toContain('main.yml');
  });

  it.skipIf(!ruby)('picks the same file Ansible would, and fails on a family with no file', async () => {
    const recipe = outputText(await convertRole(role), 'demo/recipes/default.rb');
    expect(pick(recipe, 'debian')).toEqual({ out: 'demo::setup_debian', err: '' });
    expect(pick(recipe, 'rhel')).toEqual({ out: 'demo::setup_redhat', err: '' });
    const suse = pick(recipe, 'suse');
    expect(suse.out).toBe('');
    expect(suse.err).toContain('included task file "setup-Suse.yml" is not in the role');
  });

  it('stays a TODO outside a role, or when no task file fits', async () => {
    const r = await convertRole({ 'tasks/main.yml': '- include_tasks: "os-{{ ansible_os_family }}.yml"\n' });
    expect(r.tasks[0]?.outcome).toBe('todo');
    expect(r.diagnostics.map((d) => d.message)).toContain(
      'include with a templated file name: no task file of the role fits os-{{ ansible_os_family }}.yml',
    );
  });

  it('ignores an apply that only sets tags or become (nothing to carry in Chef)', async () => {
    const files = {
      ...role,
      'tasks/main.yml':
        '- name: per package manager\n  include_tasks: "setup-{{ ansible_os_family }}.yml"\n  args:\n    apply:\n      tags: [install]\n      become: true\n',
    };
    const r = await convertRole(files);
    expect(r.tasks.find((t) => t.span.line === 1)?.outcome).toBe('converted');
    expect(outputText(r, 'demo/recipes/default.rb')).toContain('include_recipe A2C::Tasks.included_recipe(');
  });

  it('keeps an apply that sets something else a TODO', async () => {
    const files = {
      ...role,
      'tasks/main.yml':
        '- name: per package manager\n  include_tasks: "setup-{{ ansible_os_family }}.yml"\n  args:\n    apply:\n      become_user: app\n',
    };
    const r = await convertRole(files);
    expect(r.tasks.find((t) => t.span.line === 1)?.outcome).toBe('todo');
  });

  it('inlines every fitting task file in a loop, the name picking one per item', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- name: per backend\n  include_tasks: "{{ ca.backend }}/create.yml"\n  loop: "{{ cas }}"\n  loop_control:\n    loop_var: ca\n',
      'tasks/local/create.yml': '- name: local CA dir\n  file: {path: "/etc/pki/{{ ca.name }}", state: directory}\n',
      'tasks/vault/create.yml': '- name: vault client\n  package: {name: vault}\n',
      'defaults/main.yml': 'cas:\n  - {name: root, backend: local}\n',
    });
    expect(r.tasks.find((t) => t.span.line === 1)?.outcome).toBe('converted');
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).toContain('.each do |ca|');
    expect(recipe).toMatch(
      /if A2C::Tasks\.included_recipe\(.*\{ 'local\/create\.yml' => 'local\/create\.yml', 'vault\/create\.yml' => 'vault\/create\.yml' \}\) == 'local\/create\.yml'/,
    );
    expect(recipe).toContain('elsif');
    expect(recipe).toContain('directory "/etc/pki/#{ca[\'name\']}"');
  });
});
