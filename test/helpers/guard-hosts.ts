// Which hosts a converted `only_if` guard holds on: the guard is evaluated in Ruby (with the support
// cookbook's Jinja library) once per host, against the Policyfile's default attributes, with
// node.name set to the host. The run-once and delegate tests compare that list with the hosts
// ansible-playbook ran the task on.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The `only_if { … }` expression of the resource that `resource` matches (up to its `do`). */
export function guardOf(recipe: string, resource: RegExp): string {
  const m = new RegExp(`${resource.source} do\\n(?:.*\\n)*?  only_if \\{ (.*) \\}\\n`).exec(recipe);
  expect(m, `no guard on ${resource.source} in:\n${recipe}`).not.toBeNull();
  return m![1] ?? '';
}

/** The hosts, in the order given, on which `guard` holds with the Policyfile's attributes. */
export function hostsWhereGuardHolds(policy: string, guard: string, hosts: string[]): string[] {
  const script = `
    require 'json'
    require_relative 'src/support-cookbook/ruby/libraries/a2c_jinja'
    $attrs = Hash.new { |h, k| h[k] = Hash.new(&h.default_proc) }
    def default = $attrs
    def name(*) = nil
    def run_list(*) = nil
    def cookbook(*) = nil
    eval(${JSON.stringify(policy)})
    class FakeNode < Hash; attr_accessor :name; end
    def guard(node) = (${guard})
    plain = JSON.parse(JSON.generate($attrs))
    print JSON.generate(${JSON.stringify(hosts)}.select { |h| n = FakeNode.new.merge!(plain); n.name = h; guard(n) })`;
  const r = spawnSync('ruby', ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as string[];
}
