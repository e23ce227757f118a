// ansible.builtin.setup as a task: gathers facts again mid-play. Chef's counterpart is the ohai
// resource (action :reload), which refreshes the node's automatic attributes when it converges.
// Ansible's local facts (facts.d) are no Ohai plugin: the support cookbook reads them
// (A2C::Facts.local, libraries/a2c_facts_local.rb) and keeps what the last gathering saw, so a
// setup that gathers them becomes a ruby_block taking that snapshot again where the task runs.
// Difference, reported in the cookbook README: Ohai attribute values read when the recipe
// compiles (resource properties) were read before the reload; guards and lazy values see the
// new facts. Local facts are read only at converge time, so they have no such difference.
import type { ModulePlugin, PluginApi, PluginResult, PluginTask, RubyExpr } from '../api.js';

/** Whether a static gather_subset still gathers the local facts (ansible-core 2.14: `local` is in min). */
function subsetGathersLocal(subset: unknown): boolean | undefined {
  if (subset === undefined) return true;
  const items = typeof subset === 'string' ? subset.split(',').map((s) => s.trim()) : subset;
  if (!Array.isArray(items) || !items.every((s) => typeof s === 'string')) return undefined;
  // The forms whose answer is plain; others (!min, !local, named subsets) are not decided here.
  if (items.every((s) => s === 'all' || s === '!all' || s === 'min' || s === 'local')) return true;
  return undefined;
}

/** Python's fnmatch of a filter without `[...]` against a fact's name. */
function fnmatch(pattern: string, name: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|\\\]]/g, '\\$&')
    .replace(/\*/g, '[\\s\\S]*')
    .replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${re}$`).test(name);
}

/**
 * Whether a filter pattern keeps ansible_local, as setup's collector filters (ansible-core 2.14
 * AnsibleFactCollector._filter): an empty pattern keeps all; a pattern not starting ansible_, facter
 * or ohai is also tried with ansible_ before it (`local` keeps ansible_local).
 */
function matchesLocal(pattern: string): boolean {
  if (pattern === '' || fnmatch(pattern, 'ansible_local')) return true;
  return !/^(ansible_|facter|ohai)/.test(pattern) && fnmatch(`ansible_${pattern}`, 'ansible_local');
}

function refreshLocal(api: PluginApi, name: RubyExpr) {
  return api.resource('ruby_block', name, [], {
    blocks: [['block', api.supportHelper('Facts', 'refresh_local', [api.nodeAttribute([])])]],
  });
}

/**
 * A filter known only when the task runs: Ohai reloads (all its plugins, as for any filter), and
 * whether the local facts are read again is decided then (A2C::Facts.setup_refresh_local, which
 * fails the run where the subset or a pattern leaves it open).
 */
function templatedFilter(task: PluginTask, api: PluginApi): PluginResult {
  const filter = api.value(task.arg('filter')!);
  if (api.isGap(filter)) return filter;
  const subsetArg = task.arg('gather_subset');
  const subset = subsetArg ? api.value(subsetArg) : api.nil();
  if (api.isGap(subset)) return subset;
  api.note(
    'setup -> ohai reload: values read when the recipe compiles were read before the reload; guards and lazy values see the new facts',
  );
  const name = task.name ?? 'reload facts';
  const refresh = api.supportHelper('Facts', 'setup_refresh_local', [api.nodeAttribute([]), filter, subset]);
  return {
    stmts: [
      api.resource('ohai', api.str(name), [], { actions: ['reload'] }),
      api.resource('ruby_block', api.str(`${name} (local facts, as its filter decides)`), [], { blocks: [['block', refresh]] }),
    ],
  };
}

const plugin: ModulePlugin = {
  apiVersion: 1,
  module: 'ansible.builtin.setup',
  aliases: ['setup', 'ansible.legacy.setup'],
  description: 'facts gathered again: ohai resource reload, and local facts (facts.d) read again',
  params: {
    gather_subset: {
      status: 'partial',
      reason: 'Ohai reloads all its plugins (a superset of the subset); all, !all, min and local keep the local facts',
    },
    filter: { status: 'partial', reason: "'ansible_local' alone: local facts only; no filter: all facts; other names: Ohai facts only" },
    gather_timeout: { status: 'ignored', reason: 'Ohai plugins have their own timeouts' },
    fact_path: { status: 'unsupported', reason: 'local facts are read from /etc/ansible/facts.d' },
  },
  translate(task, api) {
    const filter = task.arg('filter');
    const wanted = filter ? api.staticData(filter) : undefined;
    const names =
      typeof wanted === 'string' ? wanted.split(',') : Array.isArray(wanted) ? wanted : wanted === undefined && !filter ? [] : undefined;
    if (filter && wanted === undefined) return templatedFilter(task, api);
    if (names === undefined || !names.every((n) => typeof n === 'string'))
      return api.gap('A2C-TODO-PARAM', 'setup with a filter that is not a list of names: which facts it gathers again is not known');
    if (names.some((n) => n.includes('[')))
      return api.gap('A2C-TODO-PARAM', `setup filter patterns (${names.join(', ')}): whether they gather the local facts is not converted`);
    const subset = task.arg('gather_subset');
    const local = names.length === 0 || names.some((n) => matchesLocal(n));
    if (local && subsetGathersLocal(subset ? api.staticData(subset) : undefined) === undefined)
      return api.gap('A2C-TODO-PARAM', 'setup gather_subset: whether it gathers the local facts (facts.d) is not converted');
    const label = api.str(task.name ?? 'reload facts');
    // Only the local facts: Ohai has nothing to reload.
    if (names.length > 0 && names.every((n) => n === 'ansible_local')) return { stmts: [refreshLocal(api, label)] };
    api.note(
      'setup -> ohai reload: values read when the recipe compiles were read before the reload; guards and lazy values see the new facts',
    );
    const ohai = api.resource('ohai', label, [], { actions: ['reload'] });
    return { stmts: local ? [ohai, refreshLocal(api, api.str(`${task.name ?? 'reload facts'} (local facts)`))] : [ohai] };
  },
};

export default plugin;
