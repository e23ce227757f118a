// user with `groups` and `append: true`: the module adds the user to each group it is not in yet
// (usermod -a -G) and fails on a group that does not exist. Chef's user resource has no
// supplementary groups; a group resource per group, :modify with append, adds the member and fails
// on a missing group the same way. Without append (or append: false) the module sets exactly these
// groups, removing the others: a2c_user_groups after the user resource does that with the module's
// comparison (libraries/a2c_user_groups.rb); with append and templated group names, a2c_user_groups
// with append adds them (usermod -a -G) on the node. A templated append stays a TODO: it picks
// between the two.
import { bool, call as rcall, str, type RExpr } from '../../ir/ruby-ast.js';
import type { Property, ResourceStmt, Stmt } from '../../ir/chef-ir.js';
import type { Result } from '../../base/failure.js';
import { failed, Untranslatable } from '../../base/failure.js';
import { staticBool, staticString, translateValue } from '../values.js';
import { coerceArg } from './coerce.js';
import { bare } from './common.js';
import { actionChoice } from './dynamic-action.js';
import { mapParams, resource, type Mapped } from './params.js';
import type { ModuleCall, ModuleTranslator } from './types.js';

const MODULES: RExpr = { k: 'const', path: ['A2C', 'Modules'] };

const APPEND_TODO = 'user append must be a literal boolean: it chooses between adding to the groups and setting exactly these';

const SSH_KEY_ARGS = ['generate_ssh_key', 'ssh_key_bits', 'ssh_key_type', 'ssh_key_file', 'ssh_key_comment', 'ssh_key_passphrase'];

export const userModule: ModuleTranslator = (call) => {
  const key = sshKey(call);
  if (failed(key)) return key;
  const user = userStmts(call);
  if (failed(user) || !key) return user;
  return { stmts: [...user.stmts, key] };
};

const userStmts = (call: ModuleCall): Result<{ stmts: Stmt[] }> => {
  const groupsNode = call.arg('groups');
  const appendNode = call.arg('append');
  const removal = removalArgs(call);
  if (failed(removal)) return removal;
  const m = mapParams(call, { skip: new Set(['groups', 'append', 'expires', 'password_lock', ...SSH_KEY_ARGS, ...removal.skip]) });
  if (failed(m)) return m;
  m.properties.push(...removal.properties);
  m.notes.push(...removal.notes);
  const expiry = expiryAndLock(call, m);
  if (failed(expiry)) return expiry;
  const userName = m.name;
  const user = resource(call, 'user', m, userName ?? str(call.task.name ?? 'user'));
  // append alone changes nothing (the module reads it only with groups).
  if (!groupsNode) return { stmts: [user] };
  const append = appendNode === undefined ? false : staticBool(appendNode);
  if (append === undefined) return new Untranslatable('A2C-TODO-PARAM', APPEND_TODO, appendNode!.span);
  const state = staticString(call.arg('state')) ?? 'present';
  if (state !== 'present') return { stmts: [user] };
  if (!append) {
    if (!userName) return new Untranslatable('A2C-TODO-PARAM', 'user groups convert for a user with a name', groupsNode.span);
    const raw = translateValue(groupsNode, call.scope);
    if (failed(raw)) return raw;
    const groups = coerceArg('list', 'groups', raw, groupsNode, call.scope);
    if (failed(groups)) return groups;
    const set = bare(call, 'a2c_user_groups', userName, [{ name: 'groups', value: groups }], ['manage'], 'username');
    call.env.notes.add(
      'user groups without append -> a2c_user_groups after the user resource: usermod -G sets exactly these groups when they differ, as the module does',
    );
    return { stmts: [user, set] };
  }
  if (!userName) return new Untranslatable('A2C-TODO-PARAM', 'user groups convert for a user with a name', groupsNode.span);
  // The module's list: items split at commas, stripped, empty ones dropped.
  const items = groupsNode.kind === 'seq' ? groupsNode.items.map(staticString) : [staticString(groupsNode)];
  if (items.some((g) => g === undefined || /\{[{%#]/.test(g))) {
    // Templated names are known only on the node: a2c_user_groups with append adds them there.
    const raw = translateValue(groupsNode, call.scope);
    if (failed(raw)) return raw;
    const groups = coerceArg('list', 'groups', raw, groupsNode, call.scope);
    if (failed(groups)) return groups;
    const props = [
      { name: 'groups', value: groups },
      { name: 'append', value: bool(true) },
    ];
    call.env.notes.add(
      'user groups with append: true and templated names -> a2c_user_groups (append) after the user resource: usermod -a -G when one of the groups is missing, as the module does',
    );
    return { stmts: [user, bare(call, 'a2c_user_groups', userName, props, ['manage'], 'username')] };
  }
  const groups = (items as string[])
    .flatMap((g) => g.split(','))
    .map((g) => g.trim())
    .filter(Boolean);
  const member: RExpr = { k: 'array', items: [userName] };
  const adds = groups.map((g) =>
    bare(
      call,
      'group',
      str(g),
      [
        { name: 'members', value: member },
        { name: 'append', value: bool(true) },
      ],
      ['modify'],
      'group_name',
    ),
  );
  call.env.notes.add('user groups with append: true -> group resources (:modify, append) adding the user, after the user resource');
  return { stmts: [user, ...adds] };
};

/** The ssh-keygen options and the a2c_ssh_key property each becomes, with the type the module reads. */
const KEY_PROPERTIES: ReadonlyArray<[string, string, 'int' | 'str' | 'path']> = [
  ['ssh_key_type', 'type', 'str'],
  ['ssh_key_bits', 'bits', 'int'],
  ['ssh_key_file', 'file', 'path'],
  ['ssh_key_comment', 'comment', 'str'],
];

/**
 * generate_ssh_key: after the user is created or updated (state present only), the module runs
 * ssh-keygen for a key file that is not there yet (or over it with force): a2c_ssh_key after the
 * user's resources, with the module's defaults (libraries/a2c_ssh_key.rb). The ssh_key_* options
 * are read only with it. A passphrase stays a TODO: the module types it at ssh-keygen's prompt,
 * where a command line (-N) would show it to every local user while ssh-keygen runs.
 */
function sshKey(call: ModuleCall): Result<ResourceStmt | undefined> {
  const genNode = call.arg('generate_ssh_key');
  const gen = genNode ? staticBool(genNode) : false;
  if (gen === undefined) return new Untranslatable('A2C-TODO-PARAM', 'user generate_ssh_key must be a literal boolean', genNode!.span);
  const stateNode = call.arg('state');
  const state = stateNode ? staticString(stateNode) : 'present';
  if (!gen || state === 'absent') return undefined;
  if (state === undefined)
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'user generate_ssh_key with a templated state: the module generates the key only when the user is present',
      stateNode!.span,
    );
  const passphrase = call.arg('ssh_key_passphrase');
  if (passphrase)
    return new Untranslatable(
      'A2C-TODO-PARAM',
      "user ssh_key_passphrase is not converted: the module types it at ssh-keygen's prompt, and on ssh-keygen's command line (-N) every local user could read it while it runs",
      passphrase.span,
    );
  const nameNode = call.arg('name', 'user');
  if (!nameNode) return new Untranslatable('A2C-TODO-PARAM', 'user generate_ssh_key converts for a user with a name', genNode!.span);
  const rawName = translateValue(nameNode, call.scope);
  if (failed(rawName)) return rawName;
  const name = coerceArg('str', 'name', rawName, nameNode, call.scope);
  if (failed(name)) return name;
  const props: Property[] = [];
  for (const [arg, property, type] of KEY_PROPERTIES) {
    const node = call.arg(arg);
    if (!node) continue;
    const raw = translateValue(node, call.scope);
    if (failed(raw)) return raw;
    const value = coerceArg(type, arg, raw, node, call.scope);
    if (failed(value)) return value;
    props.push({ name: property, value });
  }
  const forceNode = call.arg('force');
  if (forceNode) {
    const force = staticBool(forceNode);
    if (force === undefined)
      return new Untranslatable('A2C-TODO-PARAM', 'user force with generate_ssh_key must be a literal boolean', forceNode.span);
    if (force) props.push({ name: 'force', value: bool(true) });
  }
  call.env.notes.add(
    "user generate_ssh_key -> a2c_ssh_key after the user resource: ssh-keygen (the module's options and defaults) when neither key file exists, or always with force, as the module does",
  );
  return bare(call, 'a2c_ssh_key', name, props, ['generate'], 'username');
}

const REMOVAL_ARGS: ReadonlyArray<[string, string]> = [
  ['remove', 'manage_home'],
  ['force', 'force'],
];

/**
 * remove and force are read by the module only when it removes the user (`userdel -f -r`), as
 * Chef's user :remove reads manage_home (-r) and force (-f); create_home is not read then, so it
 * must not become manage_home there. Otherwise they ask for nothing (force's other use, replacing
 * a generated SSH key, is read with generate_ssh_key: sshKey). With a templated state
 * which of the two applies is not known.
 */
function removalArgs(call: ModuleCall): Result<{ skip: string[]; properties: Property[]; notes: string[] }> {
  const given = REMOVAL_ARGS.filter(([arg]) => call.arg(arg));
  const skip = given.map(([arg]) => arg);
  const stateNode = call.arg('state');
  const state = stateNode ? staticString(stateNode) : 'present';
  if (state === undefined && given.length)
    return new Untranslatable(
      'A2C-TODO-PARAM',
      `user ${skip.join(' and ')} with a templated state: the module reads ${given.length > 1 ? 'them' : 'it'} only when it removes the user`,
      call.arg(skip[0]!)!.span,
    );
  if (state !== 'absent') {
    // force is also read with generate_ssh_key (sshKey takes it there).
    const keyForce = (a: string) => a === 'force' && staticBool(call.arg('generate_ssh_key')) === true;
    return {
      skip,
      properties: [],
      notes: skip.filter((a) => !keyForce(a)).map((a) => `${a}: read by the module only when it removes the user`),
    };
  }
  const properties: Property[] = [];
  for (const [arg, property] of given) {
    const node = call.arg(arg)!;
    const raw = translateValue(node, call.scope);
    if (failed(raw)) return raw;
    const value = coerceArg('bool', arg, raw, node, call.scope);
    if (failed(value)) return value;
    properties.push({ name: property, value });
  }
  return { skip: [...skip, 'create_home', 'createhome'], properties, notes: [] };
}

/**
 * expires and password_lock, read by the module only when the user is present. expires (epoch
 * seconds) goes to useradd/usermod -e as its UTC date (`%Y-%m-%d` of time.gmtime), which is what
 * Chef's expire_date passes; the module changes it when the shadow entry's day count is another day.
 * Chef's linux user provider (compare_user) compares the date with that day printed in the node's
 * local time, the day before west of UTC, and so would run usermod -e again on every run: the
 * property is lazy, nil (not compared, no -e) when the shadow entry already expires on that day
 * (A2C::Modules.user_expire_date). A negative value removes the expiry (`usermod -e ''`), which
 * expire_date cannot ask for. password_lock: true runs `usermod -L` unless the shadow password
 * starts with '!', as Chef's :lock does after `passwd -S`; with a password the module locks by
 * prefixing the hash, which Chef's password comparison would undo each run, and password_lock:
 * false unlocks a passwordless account differently: both stay TODOs. expire_date is harmless on
 * :remove (userdel does not read it), so a templated state keeps it; the lock joins the row that
 * creates the user.
 */
function expiryAndLock(call: ModuleCall, m: Mapped): Result<void> {
  const expiresNode = call.arg('expires');
  const lockNode = call.arg('password_lock');
  if (!expiresNode && !lockNode) return;
  const stateNode = call.arg('state');
  const state = stateNode ? staticString(stateNode) : 'present';
  if (state === 'absent') {
    m.notes.push('expires/password_lock: not read by the module when it removes the user');
    return;
  }
  if (expiresNode) {
    const v = staticString(expiresNode);
    const seconds = v !== undefined && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*$/.test(v) ? Number(v) : undefined;
    if (seconds === undefined)
      return new Untranslatable('A2C-TODO-PARAM', 'user expires must be a literal number of epoch seconds', expiresNode.span);
    if (seconds < 0)
      return new Untranslatable(
        'A2C-TODO-PARAM',
        "user expires below 0 removes the expiry (usermod -e ''), which Chef's expire_date cannot ask for",
        expiresNode.span,
      );
    const date = utcDate(seconds);
    if (date === undefined) return new Untranslatable('A2C-TODO-PARAM', 'user expires is out of the date range', expiresNode.span);
    const who = m.name ?? str(call.task.name ?? 'user');
    m.properties.push({ name: 'expire_date', value: { k: 'lazy', e: rcall(MODULES, 'user_expire_date', [who, str(date)]) } });
    call.env.notes.add(
      "user expires -> expire_date, the UTC date the module passes to useradd/usermod -e, left unset when the shadow entry already expires on that day (the module compares days; Chef's own comparison, in the node's time zone, would re-apply it each run west of UTC)",
    );
  }
  if (lockNode) {
    const lock = staticBool(lockNode);
    if (lock !== true)
      return new Untranslatable(
        'A2C-TODO-PARAM',
        lock === false
          ? 'user password_lock: false (usermod -U, refused for a passwordless account) is not converted'
          : 'user password_lock must be a literal boolean',
        lockNode.span,
      );
    if (call.arg('password'))
      return new Untranslatable(
        'A2C-TODO-PARAM',
        "user password_lock with a password: the module stores '!' before the hash, which Chef's password comparison would undo each run",
        lockNode.span,
      );
    if (state !== undefined) m.actions = [...m.actions, 'lock'];
    else {
      // A templated state: the row that creates the user locks it too; removal reads no lock.
      const stateSpec = call.spec.params.get('state');
      if (stateSpec?.kind !== 'action') return new Untranslatable('A2C-TODO-PARAM', 'user state has no action table', stateNode!.span);
      const rows = Object.fromEntries(Object.entries(stateSpec.values).map(([k, v]) => [k, v === 'create' ? 'create+lock' : v]));
      const value = translateValue(stateNode!, call.scope);
      if (failed(value)) return value;
      m.actionExpr = actionChoice(value, rows);
    }
  }
}

/** time.gmtime(seconds) as `%Y-%m-%d`; undefined beyond JavaScript's date range. */
export function utcDate(seconds: number): string | undefined {
  const d = new Date(Math.trunc(seconds) * 1000);
  if (Number.isNaN(d.getTime())) return undefined;
  const y = d.getUTCFullYear();
  if (y > 9999) return undefined;
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}
