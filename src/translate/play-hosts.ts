// ansible_play_hosts and its kin -> the hosts of the play, known at conversion time.
//
// Ansible 2.14 (vars/manager.py) sets ansible_play_hosts_all to the hosts of the play's pattern in
// inventory order, ansible_play_hosts to those minus the hosts that failed or were unreachable,
// and ansible_play_batch (play_hosts, its old name) to the current serial batch in the play's
// `order`, minus the same. The first two ignore serial and `order` (the batch is a restriction of
// the inventory that their listing ignores), and no list depends on the strategy. When the role is
// run by plays each with a static pattern naming one group or host (and, for the batch, no serial
// and inventory order: run-once.ts), the four are that group's hosts, on the assumption, said in
// the report, that no host fails or is unreachable. Otherwise the read stays a TODO naming the
// condition that failed.
//
// With static groups the play's hosts are an input of the cookbook, as `groups` is: the code reads
// node[namespace]['ansible_play_hosts'] (A2C::Jinja.play_hosts), and the Policyfile of each play
// that runs the cookbook sets it to that play's hosts in inventory order (play.ts). A role no play
// of the input runs reads the same attribute: the Policyfile an operator writes to run it sets it,
// and a run without it stops naming what to set (RequiredInput), never guessing a list.
//
// With --groups search the list comes from Chef search at run time, sorted by node name as search
// groups are: the play's group (one pattern common to its plays), or, for a role no play of the
// input runs, the nodes whose run list carries the role's recipe (roleNodes).
import { nodeRef, str, type RExpr } from '../ir/ruby-ast.js';
import type { CookbookEnv } from './env.js';
import { J } from '../jinja-to-ruby/rb.js';
import type { MagicRefusal } from '../jinja-to-ruby/scope.js';
import { noPlayTrouble, playPattern, playsTrouble, unlistedPattern } from './task/run-once.js';
import type { Play } from '../load/ansible/model.js';
import { magicAttributePaths } from '../jinja-to-ruby/magic.js';

/** What each env has already reported (a variable is read many times, reported once per play). */
const reported = new WeakMap<CookbookEnv, Set<string>>();

export const PLAY_HOST_NAMES: ReadonlySet<string> = new Set([
  'ansible_play_hosts',
  'ansible_play_hosts_all',
  'ansible_play_batch',
  'play_hosts',
]);

/** The names that hold the current serial batch, in the play's `order`. */
const BATCH_NAMES: ReadonlySet<string> = new Set(['ansible_play_batch', 'play_hosts']);

/**
 * The play's hosts for `env` (read when called: a playbook's env moves from play to play), or why
 * they are unknown. `groups` is the converted `groups` magic variable.
 */
export function playHosts(name: string, env: CookbookEnv, groups: RExpr | undefined): RExpr | MagicRefusal {
  const p = env.project;
  const where = env.role ? `role ${env.role.name}` : 'these tasks';
  if (!env.plays.length) return p.groupsMode === 'search' ? roleNodes(name, env) : requiredHosts(name, env);
  const trouble = playsTrouble(env.plays, where, p, BATCH_NAMES.has(name) ? 'batch' : 'hosts');
  if (trouble) return { why: `the play's hosts are not known at conversion time: ${trouble}` };
  if (p.groupsMode === 'static') return policyHosts(name, env);
  const pattern = playPattern(env.plays, p);
  if (typeof pattern === 'string') return { why: `the play's hosts are not known at conversion time: ${pattern}` };
  const play = env.plays[0]!;
  const listed =
    pattern.kind === 'host'
      ? `host ${pattern.name}`
      : `the nodes of group '${pattern.name}' found by Chef search, sorted by name (${pattern.hosts.join(', ')} today; Ansible lists them in inventory order)`;
  if (once(env, `${name}:${play.file}:${play.span.line}`))
    env.project.sink.info(
      'A2C-PLAY-HOSTS',
      `${name} in ${where} reads as ${listed}, from the play's pattern '${pattern.name}': ${caveat(name)}`,
      play.span,
    );
  failuresNote(name, env);
  if (pattern.kind === 'host') return { k: 'array', items: [str(pattern.name)] };
  if (!groups) return { why: 'the converted groups are not known here' };
  return J('group', [groups, str(pattern.name)]);
}

/** Whether `key` is reported for the first time in `env` (a variable is read many times, reported once). */
function once(env: CookbookEnv, key: string): boolean {
  const seen = reported.get(env) ?? new Set<string>();
  reported.set(env, seen);
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function caveat(name: string): string {
  return name === 'ansible_play_hosts_all'
    ? 'every host the play targets, as Ansible lists them'
    : 'Ansible leaves out the hosts that failed or were unreachable earlier in the play, the converted list keeps them (it assumes every host succeeds): a node whose Chef run fails stays in the list, and its failure stops no other node';
}

function failuresNote(name: string, env: CookbookEnv): void {
  if (name !== 'ansible_play_hosts_all')
    env.notes.add(
      "the play's hosts (ansible_play_hosts, ansible_play_batch, play_hosts) are read as the hosts known at conversion time, assuming no host fails or is unreachable: Ansible leaves those out of the list for the rest of the play, where a node whose Chef run fails stays in it and stops no other node's run (CONVERSION.md names the hosts)",
    );
}

/** The attribute holding the play's hosts with static groups, as the code names it. */
function attributeName(env: CookbookEnv): string {
  return `node${magicAttributePaths(env.project.symbols.namespace)
    .playHosts.map((k) => `['${k}']`)
    .join('')}`;
}

/** The read of the play's hosts that the Policyfile running the node sets (static groups). */
function hostsRead(env: CookbookEnv): RExpr {
  env.project.playHostsReaders.add(env.cookbook);
  return J('play_hosts', [nodeRef, str(env.project.symbols.namespace), str(env.cookbook)]);
}

/**
 * Static groups, plays of the input run these tasks: each play's Policyfile sets the attribute to
 * the hosts of its pattern (one group, in inventory order, or one host), or the read is a TODO.
 */
function policyHosts(name: string, env: CookbookEnv): RExpr | MagicRefusal {
  const where = env.role ? `role ${env.role.name}` : 'these tasks';
  const resolved = env.plays.map((play) => ({ play, pattern: playPattern([play], env.project) }));
  const bad = resolved.find((r) => typeof r.pattern === 'string' && !unlistedPattern(r.play, env.project));
  if (bad) return { why: `the play's hosts are not known at conversion time: ${bad.pattern as string}` };
  for (const { play, pattern } of resolved) {
    if (!once(env, `${name}:${play.file}:${play.span.line}`)) continue;
    if (typeof pattern === 'string') {
      unlistedNote(name, play, env);
      continue;
    }
    const listed =
      pattern.kind === 'host'
        ? `host ${pattern.name}`
        : `the hosts of group '${pattern.name}' in inventory order (${pattern.hosts.join(', ')})`;
    env.project.sink.info(
      'A2C-PLAY-HOSTS',
      `${name} in ${where} reads as ${listed}, from the play's pattern '${pattern.name}', which the play's Policyfile sets as ${attributeName(env)}: ${caveat(name)}`,
      play.span,
    );
  }
  failuresNote(name, env);
  return hostsRead(env);
}

/**
 * A play whose pattern names no host of the inventory (its groups are filled elsewhere, by a
 * dynamic inventory): its hosts are an input, as a group the inventory lacks is (groups), so its
 * Policyfile leaves the attribute to the operator and a run without it stops, naming it.
 */
function unlistedNote(name: string, play: Play, env: CookbookEnv): void {
  const where = env.role ? `role ${env.role.name}` : 'these tasks';
  const term = unlistedPattern(play, env.project)!;
  env.project.sink.info(
    'A2C-PLAY-HOSTS',
    `${name} in ${where} reads ${attributeName(env)}: the play's pattern '${term}' names no host of the inventory, so its Policyfile does not set it: set it there to the hosts Ansible would run the play on, in inventory order (a run without it stops, naming it)`,
    play.span,
  );
  env.notes.add(
    `the play's hosts (ansible_play_hosts and its kin) of a play whose pattern names no host of the inventory are read from ${attributeName(env)}: set it in that play's Policyfile to the hosts Ansible would run it on, in inventory order (a run without it stops, naming it)`,
  );
}

/**
 * Static groups, a role no play of the input runs: the play's hosts are a required input, set by
 * the Policyfile that runs the role (as the generated ones do), else the run stops naming it.
 */
function requiredHosts(name: string, env: CookbookEnv): RExpr | MagicRefusal {
  if (!env.role) return { why: `the play's hosts are not known at conversion time: no play of the input runs these tasks` };
  const attr = attributeName(env);
  if (once(env, name))
    env.project.sink.info(
      'A2C-PLAY-HOSTS',
      `${name} in role ${env.role.name} (no play of the input runs it) reads ${attr}: the Policyfile that runs recipe[${env.cookbook}] sets it to the hosts of its play, in inventory order, as Ansible lists the play's hosts${name === 'ansible_play_hosts_all' ? '' : ' (Ansible leaves out those that failed or were unreachable)'}; a run without it stops, naming it`,
      env.role.metaSpan ?? { file: `${env.role.dir}/tasks/main.yml`, line: 1, col: 1 },
    );
  env.notes.add(
    `the play's hosts (ansible_play_hosts and its kin) of a role no play of the input runs are read from ${attr}: set it in the Policyfile that runs recipe[${env.cookbook}] to the hosts of that play, in inventory order (a run without it stops, naming it); the list is assumed to hold no host that failed, which Ansible leaves out`,
  );
  return hostsRead(env);
}

/** The play's hosts of a role no play runs: the nodes carrying its recipe (--groups search). */
function roleNodes(name: string, env: CookbookEnv): RExpr | MagicRefusal {
  const why = noPlayTrouble(env);
  if (why) return { why: `the play's hosts are not known at conversion time: ${why}` };
  if (once(env, name)) {
    env.project.sink.info(
      'A2C-PLAY-HOSTS',
      `${name} in role ${env.role!.name} (no play of the input runs it) reads as the nodes whose run list carries recipe[${env.cookbook}], found by Chef search and sorted by name, where Ansible lists the play's hosts in inventory order${name === 'ansible_play_hosts_all' ? '' : ', without the hosts that failed or were unreachable'}`,
      env.role!.metaSpan ?? { file: `${env.role!.dir}/tasks/main.yml`, line: 1, col: 1 },
    );
  }
  env.notes.add(
    `the play's hosts (ansible_play_hosts and its kin) of a role no play of the input runs are the nodes whose run list carries recipe[${env.cookbook}], found by Chef search (this node included) and sorted by name, assuming no node fails: Ansible lists the hosts of the play that runs it, in inventory order, without those that failed`,
  );
  return J('recipe_nodes', [nodeRef, str(env.cookbook)]);
}
