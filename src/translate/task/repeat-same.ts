// delegate_to one host without run_once: Ansible repeats the task on that host once per play host,
// each time templated with that play host's variables (and its `when` tested for that host). The
// repeats do the work of one run when
//   - the module changes nothing when run again with the same arguments (the module table's
//     `repeat_same`, with `repeat_differs` for the argument values that make each run new work), and
//   - every play host gives the same arguments and the same condition: nothing the task reads
//     (arguments, conditions, loop, vars, and the conditions of the blocks and roles around it)
//     may differ between the play's hosts. A variable qualifies when each of its definitions is a
//     role default or var, a play var or a group_vars/all entry whose own value reads only such
//     variables; facts, inventory_hostname, hostvars, registered results, lookups and anything set
//     nowhere in the input (extra vars) do not.
// The caller then converts the task as run_once on that host: the one node does it once.
import type { Task } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { CookbookEnv } from '../env.js';
import { containsJinja, parseString } from '../../load/jinja/index.js';
import { staticString } from '../values.js';
import type { Bound } from './delegate-target.js';

/** Keywords that do not change what the repeated module does on the delegate. */
const NOT_READ: ReadonlySet<string> = new Set(['delegate_to', 'run_once', 'name', 'register', 'notify', 'tags', 'listen', 'no_log']);

/** Keywords whose values are bare Jinja expressions (Ansible wraps them in `{{ }}`). */
const CONDITIONS: ReadonlySet<string> = new Set(['when', 'changed_when', 'failed_when', 'until']);

/** Magic variables every host of a play sees with the same value. */
const SAME_ON_EVERY_HOST: ReadonlySet<string> = new Set([
  'groups',
  'omit',
  'role_name',
  'role_path',
  'playbook_dir',
  'ansible_play_hosts',
  'ansible_play_hosts_all',
  'true',
  'false',
  'none',
  'True',
  'False',
  'None',
]);

/** Definitions that give every host of a play the same value. */
const SHARED_KINDS: ReadonlySet<string> = new Set([
  'role-default',
  'role-vars',
  'role-entry-vars',
  'role-param',
  'play-vars',
  'play-vars-file',
]);

const MAX_DEPTH = 12;

/** Filters whose value changes from one templating to the next (a random pick, a random salt). */
const UNSTABLE_FILTERS: ReadonlySet<string> = new Set(['random', 'shuffle', 'password_hash']);

/** Marks, in the names read, a filter whose value differs each time it is templated. */
const UNSTABLE = '\0unstable filter';

/** Names the Jinja in a value mentions (bound names too: that only errs toward refusing); undefined if unparsable. */
function names(value: YNode, condition: boolean, out: Set<string>): boolean {
  if (value.kind === 'seq') return value.items.every((v) => names(v, condition, out));
  if (value.kind === 'map') return value.entries.every((e) => names(e.key, false, out) && names(e.value, condition, out));
  if (typeof value.value !== 'string') return true;
  if (value.unsafe) return true;
  const text = condition && !containsJinja(value.value) ? `{{ ${value.value} }}` : value.value;
  if (!containsJinja(text)) return true;
  const parsed = parseString(text);
  if (!parsed.ok) return false;
  const walk = (tree: unknown): void => {
    if (Array.isArray(tree)) tree.forEach(walk);
    else if (tree && typeof tree === 'object') {
      const n = tree as { kind?: string; name?: unknown };
      if (n.kind === 'name' && typeof n.name === 'string') out.add(n.name);
      if (n.kind === 'filter' && typeof n.name === 'string' && UNSTABLE_FILTERS.has(n.name.replace(/^ansible\.builtin\./, '')))
        out.add(UNSTABLE);
      for (const [k, v] of Object.entries(tree)) if (k !== 'pos' && typeof v === 'object') walk(v);
    }
  };
  walk(parsed.value);
  return true;
}

/** What a name no variable file or play defines is, for the reason. */
function unknownKind(name: string, env: CookbookEnv): string {
  if (['inventory_hostname', 'inventory_hostname_short', 'group_names', 'hostvars'].includes(name))
    return "a magic variable that differs between the play's hosts";
  if (name === 'ansible_facts' || name.startsWith('ansible_')) return 'a fact or connection variable of each play host';
  if (env.registered.has(name)) return 'a result each play host registers for itself';
  return 'which the input sets nowhere, or only in a task (an extra var, another inventory or a set_fact may give each play host its own value)';
}

class HostIndependence {
  private readonly seen = new Set<string>();
  constructor(
    private readonly env: CookbookEnv,
    private readonly own: ReadonlySet<string>,
    private readonly bound: Bound,
  ) {}

  /** Why `name` may differ between the play's hosts, or undefined. */
  variable(name: string, depth: number): string | undefined {
    if (name === UNSTABLE)
      return `it uses a filter whose value differs each time Ansible templates it (${[...UNSTABLE_FILTERS].join(', ')})`;
    if (this.own.has(name)) return undefined;
    if (SAME_ON_EVERY_HOST.has(name)) return undefined;
    if (this.bound(name)) return `${name} is bound by its block or include, whose value is not followed`;
    if (depth > MAX_DEPTH || this.seen.has(name)) return `${name} refers to itself`;
    const defs = this.env.project.symbols.get(name)?.definitions ?? [];
    if (!defs.length || defs.some((d) => d.kind === 'undeclared')) return `it reads ${name}, ${unknownKind(name, this.env)}`;
    for (const d of defs) {
      const at = `${d.span.file}:${d.span.line}`;
      if (!SHARED_KINDS.has(d.kind) && !(d.kind === 'group_vars' && d.owner === 'all'))
        return `it reads ${name}, which ${d.kind} sets (${at}): it may differ between the play's hosts`;
      if (!d.value) return `it reads ${name}, whose value at ${at} is not known`;
      const inner = new Set<string>();
      if (!names(d.value, false, inner)) return `it reads ${name}, whose value at ${at} does not parse`;
      this.seen.add(name);
      try {
        for (const n of inner) {
          const why = this.variable(n, depth + 1);
          if (why) return why;
        }
      } finally {
        this.seen.delete(name);
      }
    }
    return undefined;
  }
}

/**
 * Why repeating `task` on the delegate once per play host is not the work of one run there, or
 * undefined when it is. `own` are the names the task binds itself (its vars, its loop variable),
 * whose values are read here with the task; `inheritedWhen` the conditions of its blocks and roles.
 */
export function repeatTrouble(
  task: Task,
  env: CookbookEnv,
  own: ReadonlySet<string>,
  bound: Bound,
  inheritedWhen: readonly YNode[] = [],
): string | undefined {
  const spec = env.project.tables.modules.modules.get(task.module);
  const short = task.module.replace(/^ansible\.builtin\./, '');
  if (spec?.repeat_same !== true) return `${short} is not known to change nothing when run again with the same arguments`;
  for (const [arg, values] of spec.repeat_differs ?? []) {
    const given = task.args.find((a) => a.key === arg);
    if (!given) continue;
    const v = staticString(given.value);
    if (v === undefined) return `its ${arg} is templated, and some values of it make each run new work`;
    if (values.has(v)) return `${short} with ${arg}: ${v} does new work each time it runs`;
  }
  const read = new Set<string>();
  const sources: Array<[YNode, boolean]> = [
    ...task.args.map((a): [YNode, boolean] => [a.value, false]),
    ...(task.freeForm ? [[task.freeForm, false] as [YNode, boolean]] : []),
    ...[...task.keywords].filter(([k]) => !NOT_READ.has(k)).map(([k, v]): [YNode, boolean] => [v, CONDITIONS.has(k)]),
    ...inheritedWhen.map((w): [YNode, boolean] => [w, true]),
  ];
  for (const [value, condition] of sources) if (!names(value, condition, read)) return 'a template it reads does not parse';
  const hosts = new HostIndependence(env, own, bound);
  for (const n of [...read].sort()) {
    const why = hosts.variable(n, 0);
    if (why) return why;
  }
  return undefined;
}
