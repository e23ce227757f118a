// ansible_play_hosts and its kin -> the hosts of the play, known at conversion time.
//
// Ansible 2.14 (vars/manager.py) sets ansible_play_hosts_all to the hosts of the play's pattern in
// inventory order, ansible_play_hosts to those minus the hosts that failed or were unreachable,
// and ansible_play_batch (play_hosts, its old name) to the current serial batch in the play's
// `order`, minus the same. When the role is run by plays with one static pattern naming one group
// or host, no serial, inventory order and the linear strategy (the conditions run_once needs,
// run-once.ts), the four are the group's hosts as the converted `groups` holds them (inventory
// order; node names sorted with --groups search), on the assumption, said in the report, that
// no host fails or is unreachable. Otherwise the read stays a TODO naming the condition that failed.
//
// A role no play of the input runs has no play pattern. With --groups search, the hosts a play
// would target are the nodes whose run list carries the role's recipe: Chef search, sorted by
// node name as search groups are (roleNodes). With static groups there is neither a pattern nor
// an inventory order to follow: a TODO saying that --groups search, or a play running the role,
// would convert it.
import { nodeRef, str, type RExpr } from '../ir/ruby-ast.js';
import type { CookbookEnv } from './env.js';
import { J } from '../jinja-to-ruby/rb.js';
import type { MagicRefusal } from '../jinja-to-ruby/scope.js';
import { noPlayTrouble, playPattern, playsTrouble } from './task/run-once.js';

/** What each env has already reported (a variable is read many times, reported once per play). */
const reported = new WeakMap<CookbookEnv, Set<string>>();

export const PLAY_HOST_NAMES: ReadonlySet<string> = new Set([
  'ansible_play_hosts',
  'ansible_play_hosts_all',
  'ansible_play_batch',
  'play_hosts',
]);

/**
 * The play's hosts for `env` (read when called: a playbook's env moves from play to play), or why
 * they are unknown. `groups` is the converted `groups` magic variable.
 */
export function playHosts(name: string, env: CookbookEnv, groups: RExpr | undefined): RExpr | MagicRefusal {
  const p = env.project;
  const where = env.role ? `role ${env.role.name}` : 'these tasks';
  if (!env.plays.length) return roleNodes(name, env);
  const pattern = playsTrouble(env.plays, where, true) ?? playPattern(env.plays, p);
  if (typeof pattern === 'string') return { why: `the play's hosts are not known at conversion time: ${pattern}` };
  const play = env.plays[0]!;
  const listed =
    pattern.kind === 'host'
      ? `host ${pattern.name}`
      : p.groupsMode === 'search'
        ? `the nodes of group '${pattern.name}' found by Chef search, sorted by name (${pattern.hosts.join(', ')} today; Ansible lists them in inventory order)`
        : `the hosts of group '${pattern.name}' in inventory order (${pattern.hosts.join(', ')})`;
  const all = name === 'ansible_play_hosts_all';
  const key = `${name}:${play.file}:${play.span.line}`;
  const seen = reported.get(env) ?? new Set<string>();
  reported.set(env, seen);
  if (!seen.has(key)) {
    seen.add(key);
    const caveat = all
      ? 'every host the play targets, as Ansible lists them'
      : 'Ansible leaves out the hosts that failed or were unreachable earlier in the play, the converted list keeps them (it assumes every host succeeds): a node whose Chef run fails stays in the list, and its failure stops no other node';
    env.project.sink.info(
      'A2C-PLAY-HOSTS',
      `${name} in ${where} reads as ${listed}, from the play's pattern '${pattern.name}': ${caveat}`,
      play.span,
    );
  }
  if (!all)
    env.notes.add(
      "the play's hosts (ansible_play_hosts, ansible_play_batch, play_hosts) are read as the hosts known at conversion time, assuming no host fails or is unreachable: Ansible leaves those out of the list for the rest of the play, where a node whose Chef run fails stays in it and stops no other node's run (CONVERSION.md names the hosts)",
    );
  if (pattern.kind === 'host') return { k: 'array', items: [str(pattern.name)] };
  if (!groups) return { why: 'the converted groups are not known here' };
  return J('group', [groups, str(pattern.name)]);
}

/** The play's hosts of a role no play runs: the nodes carrying its recipe (--groups search). */
function roleNodes(name: string, env: CookbookEnv): RExpr | MagicRefusal {
  const why = noPlayTrouble(env);
  if (why) return { why: `the play's hosts are not known at conversion time: ${why}` };
  const seen = reported.get(env) ?? new Set<string>();
  reported.set(env, seen);
  if (!seen.has(name)) {
    seen.add(name);
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
