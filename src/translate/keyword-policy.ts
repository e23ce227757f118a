// What each task keyword becomes. Keywords not listed here and not handled by the task
// translator are TODOs: a task is never converted with a keyword silently dropped.

/** Keywords with no effect on a Chef resource; the reason is listed in the cookbook README. */
export const IGNORED_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['tags', 'Chef has no task tags; run lists select recipes'],
  ['diff', 'Chef always reports content diffs'],
  ['become_method', 'Chef runs as root'],
  ['become_flags', 'Chef runs as root'],
  ['become_exe', 'Chef runs as root'],
  ['collections', 'module names are resolved at conversion time'],
  ['debugger', 'no task debugger in Chef'],
  ['check_mode', 'Chef why-run mode replaces Ansible check mode'],
  ['name', 'kept as the provenance comment'],
  ['args', 'merged into the module arguments'],
  ['register', 'registered results are translated where they are used'],
  ['listen', 'handled with the handlers'],
]);

/** Play keywords that steer a push run across hosts: reported, since nothing in Chef carries them. */
export const PLAY_ONLY_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['serial', 'Chef nodes converge independently; stagger the runs (splay, or a rolling orchestration of chef-client) instead'],
  ['any_errors_fatal', 'each node fails on its own in a pull model'],
  ['strategy', 'Chef has no play strategy; every node converges on its own schedule'],
  ['max_fail_percentage', 'each node fails on its own in a pull model'],
  ['throttle', 'no cross-node throttling in a pull model'],
  ['order', 'Chef has no host order; every node converges on its own schedule'],
  ['run_once', 'every node converges on its own; a play-level run_once is not handed down to the tasks (set it on the tasks, which become guards for one node)'],
]);

/**
 * Keywords with no pull-model equivalent: the task becomes a TODO and the README says why.
 * run_once and delegate_to are placed on one node where that is sound (run-once.ts).
 */
export const TODO_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['delegate_facts', 'a Chef run converges only its own node'],
  ['async', 'Chef resources run synchronously'],
  ['poll', 'Chef resources run synchronously'],
  ['throttle', 'no cross-node throttling in a pull model'],
  ['any_errors_fatal', 'each node fails on its own in a pull model'],
  ['connection', 'Chef runs locally on each node'],
  ['remote_user', 'Chef runs locally on each node'],
  ['port', 'Chef runs locally on each node'],
  ['module_defaults', 'module defaults are not converted'],
  ['ignore_unreachable', 'Chef runs locally on each node'],
]);
