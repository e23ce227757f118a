// ansible_env and ansible_user_id (facts.toml `gathered_as`) are what the setup module saw in its
// process: the user the play gathered facts as. Measured with ansible-core 2.14
// (test/translate/run-user.test.ts): with play-level become, the become_user's (root when none is
// named); without it, the connection's user (remote_user / ansible_user, or for a local connection
// the user running ansible-playbook, remote_user ignored); a task's own become does not gather
// again. The converted run reads chef-client's process: root as a daemon or under sudo. So every
// read is reported where some play running it is not proven to gather as root.
import { formatSpan, type Span } from '../base/diagnostics.js';
import type { Play, TaskItem } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import type { SymbolTable } from '../resolve/symbols.js';
import type { CookbookEnv } from './env.js';
import { staticBool, staticString } from './values.js';

/** Whom a play gathers facts as: root, or a description of the other user (named where the input names it). */
export type GatheredAs = { root: true } | { root: false; who: string };

/**
 * A connection or become variable the input sets (inventory, group/host vars, play or role vars):
 * Ansible's variable outranks the play keyword. `unknown` where the input sets it to values not all
 * alike or not literal (which one the play's hosts hold when facts are gathered is not followed).
 */
function inputVar(symbols: SymbolTable, name: string, read: (n: YNode | undefined) => string | boolean | undefined) {
  const defs = (symbols.get(name)?.definitions ?? []).filter((d) => d.kind !== 'undeclared');
  if (!defs.length) return undefined;
  const values = new Set(defs.map((d) => read(d.value)));
  const [only] = values;
  return values.size === 1 && only !== undefined
    ? { value: only, at: defs[0]!.span }
    : { unknown: `${name} (set at ${defs.map((d) => formatSpan(d.span)).join(', ')})` };
}

const str = (n: YNode | undefined) => staticString(n);
const bool = (n: YNode | undefined) => staticBool(n);

/** Ansible's rules for the user `play` gathers facts as, from its keywords and the input's connection variables. */
export function gatheredAs(play: Play, symbols: SymbolTable): GatheredAs {
  const kw = (k: string) => play.keywords.get(k);
  const where = (n: YNode | undefined) => (n ? ` at ${formatSpan(n.span)}` : '');
  const gather = kw('gather_facts');
  if (gather && staticBool(gather) !== true)
    return {
      root: false,
      who: `the user of whichever play or setup task gathered them (this play has gather_facts: ${staticString(gather) ?? 'templated'}${where(gather)})`,
    };
  const becomeVar = inputVar(symbols, 'ansible_become', bool);
  if (becomeVar && 'unknown' in becomeVar) return { root: false, who: `the user chosen by ${becomeVar.unknown}` };
  const become = becomeVar ? becomeVar.value : kw('become') ? staticBool(kw('become')) : false;
  if (become === undefined) return { root: false, who: `the user chosen by a templated become${where(kw('become'))}` };
  if (become) {
    const userVar = inputVar(symbols, 'ansible_become_user', str);
    if (userVar && 'unknown' in userVar) return { root: false, who: `the become user set by ${userVar.unknown}` };
    const node = kw('become_user');
    const user = userVar ? String(userVar.value) : node ? staticString(node) : 'root';
    if (user === 'root') return { root: true };
    const at = userVar ? ` (ansible_become_user at ${formatSpan(userVar.at)})` : where(node);
    return { root: false, who: user === undefined ? `a templated become_user${at}` : `the become user '${user}'${at}` };
  }
  const connVar = inputVar(symbols, 'ansible_connection', str);
  const connNode = kw('connection');
  const conn = connVar ? ('value' in connVar ? connVar.value : undefined) : connNode ? staticString(connNode) : '';
  // The local connection runs as the user running ansible-playbook, whatever remote_user says (measured).
  const controller = 'the user running ansible-playbook on the controller (a local connection ignores remote_user)';
  if (conn === 'local' || (conn === '' && /^\s*(localhost|127\.0\.0\.1)\s*$/.test(play.hosts)))
    return { root: false, who: `${controller}, without become` };
  if (conn === undefined)
    return {
      root: false,
      who: `the connection's user (the connection is set by ${connVar && 'unknown' in connVar ? connVar.unknown : `a template${where(connNode)}`}), without become`,
    };
  for (const name of ['ansible_user', 'ansible_ssh_user']) {
    const v = inputVar(symbols, name, str);
    if (v && 'unknown' in v) return { root: false, who: `the connecting user set by ${v.unknown}, without become` };
    if (v)
      return v.value === 'root'
        ? { root: true }
        : { root: false, who: `the connecting user '${v.value}' (${name} at ${formatSpan(v.at)}), without become` };
  }
  const remote = kw('remote_user') ?? kw('user');
  const user = remote ? staticString(remote) : undefined;
  if (user === 'root') return { root: true };
  if (remote)
    return { root: false, who: `the connecting user ${user === undefined ? '(templated)' : `'${user}'`}${where(remote)}, without become` };
  return {
    root: false,
    who: "the connecting user (no remote_user or ansible_user in the input: ssh's configured user, else the controller's), without become",
  };
}

const SETUP = new Set(['ansible.builtin.setup', 'ansible.builtin.gather_facts']);

/**
 * The first setup/gather_facts task of the cookbook that (or whose block) sets become or
 * become_user: it gathers the facts again as its own user (measured); its become is not
 * followed, so every read in the cookbook is reported.
 */
function ownBecomeSetup(items: readonly TaskItem[], inherited = false): TaskItem | undefined {
  for (const item of items) {
    const own = inherited || item.keywords.has('become') || item.keywords.has('become_user');
    if (item.kind === 'block') {
      const found = ownBecomeSetup([...item.block, ...item.rescue, ...item.always], own);
      if (found) return found;
    } else if (own && SETUP.has(item.module)) return item;
  }
  return undefined;
}

const setupCache = new WeakMap<readonly TaskItem[], TaskItem | null>();

const WHAT: Record<string, { ansible: string; chef: string }> = {
  env: {
    ansible: 'the environment (HOME, USER, LOGNAME, PATH, SUDO_*) of the user the play gathered facts as',
    chef: "chef-client's environment: root's as a daemon or under sudo",
  },
  user_id: { ansible: 'the name of the user the play gathered facts as', chef: "chef-client's user: root as a daemon or under sudo" },
  user_dir: {
    ansible: 'the home directory of the user the play gathered facts as',
    chef: "chef-client's user's: /root as a daemon or under sudo",
  },
};

/** The warning for a read of a `gathered_as` fact at `at`, when some play running the cookbook is not proven to gather as root. */
export function reportRunUserRead(env: CookbookEnv, fact: string, at: Span): void {
  const what = WHAT[fact] ?? { ansible: 'a value of the user the play gathered facts as', chef: "chef-client's user's (root)" };
  const plays = env.plays;
  let who: string;
  // A role converted alone: the play that will run it decides, which is not known here.
  if (!plays.length) who = 'no play of the input runs it, so whether that user is root (play become, or connecting as root) is not known';
  else {
    const others = plays.flatMap((p) => {
      const g = gatheredAs(p, env.project.symbols);
      return g.root ? [] : [`play '${p.name ?? p.hosts}' (${formatSpan(p.span)}) gathers as ${g.who}`];
    });
    who = others.join('; ');
  }
  let setup = setupCache.get(env.roleItems);
  if (setup === undefined) setupCache.set(env.roleItems, (setup = ownBecomeSetup(env.roleItems) ?? null));
  if (setup)
    who = [who, `the setup task at ${formatSpan(setup.span)} gathers them again as its own become user`].filter(Boolean).join('; ');
  if (!who) return;
  env.project.sink.warning('A2C-FACT-RUN-USER', `ansible_${fact} reads ${what.ansible}: ${who}; the converted run reads ${what.chef}`, at);
}
