// ansible.builtin.setup as a task: gathers facts again mid-play. Chef's counterpart is the ohai
// resource (action :reload), which refreshes the node's automatic attributes when it converges.
// What a table cannot say: `filter: ansible_local` re-reads only Ansible's local facts (facts.d),
// which Ohai does not collect, so such a task has nothing to reload and is ignored with a reason.
// Difference, reported in the cookbook README: attribute values read when the recipe compiles
// (resource properties) were read before the reload; guards and lazy values see the new facts.
import type { ModulePlugin } from '../api.js';

const plugin: ModulePlugin = {
  apiVersion: 1,
  module: 'ansible.builtin.setup',
  aliases: ['setup', 'ansible.legacy.setup'],
  description: 'facts gathered again: ohai resource reload; local-facts-only refreshes are ignored',
  params: {
    gather_subset: { status: 'ignored', reason: 'Ohai reloads all its plugins (a superset of the subset)' },
    filter: { status: 'partial', reason: "'ansible_local' alone: ignored (Ohai has no local facts); any other filter reloads all facts" },
    gather_timeout: { status: 'ignored', reason: 'Ohai plugins have their own timeouts' },
    fact_path: { status: 'unsupported', reason: 'Ansible local facts directories have no Ohai equivalent' },
  },
  translate(task, api) {
    const filter = task.arg('filter');
    const wanted = filter ? api.staticData(filter) : undefined;
    const names = typeof wanted === 'string' ? [wanted] : Array.isArray(wanted) ? wanted : undefined;
    if (names && names.length > 0 && names.every((n) => n === 'ansible_local')) {
      return {
        ignored:
          'setup filtered to ansible_local re-reads Ansible local facts (facts.d), which Ohai does not collect; readers of ansible_local are reported where they are used',
        code: 'A2C-IGNORED-LOCAL-FACTS',
      };
    }
    api.note(
      'setup -> ohai reload: values read when the recipe compiles were read before the reload; guards and lazy values see the new facts',
    );
    return { stmts: [api.resource('ohai', api.str(task.name ?? 'reload facts'), [], { actions: ['reload'] })] };
  },
};

export default plugin;
