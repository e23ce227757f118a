// Package modules. apt's update_cache becomes an apt_update resource before the package, with
// cache_valid_time as its frequency, so a fresh host refreshes its lists like Ansible does.
import { omittableTrue } from '../omit-guard.js';
import { isOmit, omitAsNil } from '../omit-value.js';
import { call as rcall, fromData, int, someExpr, str, type RExpr } from '../../ir/ruby-ast.js';
import type { ResourceStmt, Stmt } from '../../ir/chef-ir.js';
import type { Result } from '../../base/failure.js';
import { failed, Untranslatable } from '../../base/failure.js';
import { staticBool, staticString, translateValue } from '../values.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { aptPins, DOWNGRADE_ARGS } from './apt-pins.js';
import { bare } from './common.js';
import { coerceArg } from './coerce.js';
import { templateTexts } from './state-outcomes.js';
import { mapParams, namingArgs, resource, type Mapped } from './params.js';
import type { ModuleCall, ModuleTranslator } from './types.js';
import { reportRpmDowngrade } from './rpm-pin-downgrade.js';

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };

/**
 * The apt_update that `update_cache` asks for: periodic with `cache_valid_time`; a templated value
 * (`... | ternary('yes', omit)`) decides at converge time. Undefined for no refresh. When the refresh
 * is the task's whole effect (`alone`), its change is the task's: a2c_apt_update (support cookbook)
 * updates as the module does and counts as updated only when the apt cache time moved, where
 * apt_update counts every update, so a handler it notified ran on every Chef run.
 */
function cacheRefresh(call: Parameters<ModuleTranslator>[0], alone: boolean): Result<ResourceStmt | undefined> {
  const updateNode = call.arg('update_cache');
  if (!updateNode) return undefined;
  const update = staticBool(updateNode);
  if (update === false) return undefined;
  const validNode = call.arg('cache_valid_time');
  let frequency: RExpr | undefined;
  if (validNode) {
    const v = staticString(validNode);
    if (v !== undefined && /^\d+$/.test(v)) frequency = int(Number(v));
    else {
      const t = translateValue(validNode, call.scope);
      if (failed(t)) return t;
      // cache_valid_time is an int argument: templated text ('600') reaches the module as 600.
      const n = coerceArg('int', 'cache_valid_time', t, validNode, call.scope);
      if (failed(n)) return n;
      // A value that may hold omit only at run time keeps the helper; a `?:` of omit settles each branch.
      frequency = someExpr(n, isOmit) ? omitAsNil(n) : rcall(TASKS, 'omit', [n]);
    }
  }
  const props = frequency ? [{ name: alone ? 'cache_valid_time' : 'frequency', value: frequency }] : [];
  const r: ResourceStmt = alone
    ? bare(call, 'a2c_apt_update', str('apt cache'), props, ['update'])
    : { ...bare(call, 'apt_update', str('apt cache'), props, [frequency ? 'periodic' : 'update']), auxiliary: true };
  if (update === undefined) {
    if (staticString(updateNode) !== undefined)
      return new Untranslatable('A2C-TODO-PARAM', 'update_cache must be a boolean', updateNode.span);
    const t = translateValue(updateNode, call.scope);
    if (failed(t)) return t;
    r.guards.push({
      kind: 'only_if',
      ruby: omittableTrue(t),
    });
  }
  return r;
}

/**
 * yum/dnf enablerepo and disablerepo as `options`: Chef's yum and dnf providers pass
 * `--enablerepo=`/`--disablerepo=` to their package queries and to the install command, as the
 * modules enable repositories for the operation. Literal values are written as they are; templated
 * ones (often `| default(omit)`) are joined when the recipe compiles.
 */
function repoOptions(call: Parameters<ModuleTranslator>[0], m: Mapped): Result<void> {
  const nodes = { enablerepo: call.arg('enablerepo'), disablerepo: call.arg('disablerepo') };
  if (!nodes.enablerepo && !nodes.disablerepo) return;
  const literal: string[] = [];
  let templated = false;
  for (const [flag, node] of Object.entries(nodes)) {
    if (!node) continue;
    const names = literalNames(node);
    if (names === undefined) templated = true;
    else if (names.length) literal.push(`--${flag}=${names.join(',')}`);
  }
  if (!templated) {
    if (literal.length)
      m.properties.push({
        name: 'options',
        value: literal.length === 1 ? str(literal[0]!) : { k: 'array', items: literal.map((o) => str(o)) },
      });
    return;
  }
  const args: RExpr[] = [];
  for (const node of [nodes.enablerepo, nodes.disablerepo]) {
    if (!node) {
      args.push({ k: 'nil' });
      continue;
    }
    const t = translateValue(node, call.scope);
    if (failed(t)) return t;
    args.push(rcall(TASKS, 'omit', [t]));
  }
  m.properties.push({ name: 'options', value: rcall(TASKS, 'repo_options', args) });
}

/**
 * yum/dnf allow_downgrade (yumdnf's, no aliases). With true the module downgrades an installed
 * newer version to the version the name pins (`yum downgrade`; dnf marks the older package for
 * install); Chef's yum_package does the same (`yum downgrade` under allow_downgrade, true by
 * default) and so does dnf_package (`dnf install` of the older version downgrades; its
 * allow_downgrade is not read). With false the module leaves the newer version installed, which
 * neither Chef provider can be told: a TODO, as a value only the node knows.
 */
function rpmDowngrade(call: Parameters<ModuleTranslator>[0]): Result<void> {
  const node = call.arg('allow_downgrade');
  if (!node || staticBool(node) === true) return;
  return new Untranslatable(
    'A2C-TODO-PARAM',
    "yum/dnf allow_downgrade other than a literal true is not converted: Chef's yum_package and dnf_package downgrade to a pinned older version, which the module then leaves in place",
    node.span,
  );
}

/**
 * yum/dnf disable_gpg_check. The yum module adds `--nogpgcheck` to the yum command it runs, so the
 * same flag on the command Chef's yum_package runs is exact. The dnf module sets only the
 * `gpgcheck` and `localpkg_gpgcheck` configuration options and skips its own package signature
 * check (every repository's packages); dnf's `--nogpgcheck` flag would also turn off
 * `repo_gpgcheck` (repository metadata signatures), which the module keeps: a silent weakening.
 * dnf_package gets the narrowest `--setopt`s instead: the main `gpgcheck` and `localpkg_gpgcheck`
 * as the module sets them, and `*.gpgcheck` for repositories whose file sets `gpgcheck=1` (the
 * module checks none of them). A dnf that does not match repository ids by glob ignores `*.` and
 * checks those packages: a failing run, never a weaker one. Removing checks no signature. A
 * templated value is a TODO.
 */
const NO_GPG_CHECK: Record<string, string[]> = {
  yum: ['--nogpgcheck'],
  dnf: ['--setopt=gpgcheck=0', '--setopt=localpkg_gpgcheck=0', '--setopt=*.gpgcheck=0'],
};

function noGpgCheck(call: Parameters<ModuleTranslator>[0], m: Mapped): Result<void> {
  const node = call.arg('disable_gpg_check');
  if (!node) return;
  const value = staticBool(node);
  if (value === false) return;
  if (value !== true)
    return new Untranslatable('A2C-TODO-PARAM', 'yum/dnf disable_gpg_check other than a literal true or false is not converted', node.span);
  for (const flag of NO_GPG_CHECK[call.spec.resource === 'dnf_package' ? 'dnf' : 'yum']!) {
    const prior = m.properties.find((p) => p.name === 'options');
    if (!prior) m.properties.push({ name: 'options', value: str(flag) });
    else if (prior.value.k === 'str') prior.value = { k: 'array', items: [prior.value, str(flag)] };
    else prior.value = appendOption(prior.value, flag);
  }
}

/** A literal repository list as Ansible reads it (a string is comma-separated); undefined when templated. */
function literalNames(node: YNode): string[] | undefined {
  const items = node.kind === 'seq' ? node.items : [node];
  const out: string[] = [];
  for (const item of items) {
    if (item.kind === 'seq' || item.kind === 'map') return undefined;
    const v = staticString(item);
    if (v === undefined) return undefined;
    out.push(...(node.kind === 'seq' ? [v] : v.split(',')));
  }
  return out.filter((n) => n !== '');
}

export const yumModule: ModuleTranslator = (call) => {
  const m = mapParams(call, { skip: new Set(['enablerepo', 'disablerepo', 'allow_downgrade', 'disable_gpg_check']) });
  if (failed(m)) return m;
  const downgrade = rpmDowngrade(call);
  if (failed(downgrade)) return downgrade;
  const repos = repoOptions(call, m);
  if (failed(repos)) return repos;
  const gpg = noGpgCheck(call, m);
  if (failed(gpg)) return gpg;
  reportRpmDowngrade(call);
  return { stmts: [resource(call, call.spec.resource!, m, str('packages'))] };
};

export const packageModule: ModuleTranslator = (call) => {
  // update_cache and cache_valid_time become the apt_update resource below.
  const apt = call.spec.fqcn === 'ansible.builtin.apt';
  if (apt && call.arg('deb')) return aptDeb(call);
  const m = mapParams(call, {
    skip: new Set(['update_cache', 'cache_valid_time', 'enablerepo', 'disablerepo', ...(apt ? APT_OPTION_ARGS : ['allow_downgrade'])]),
  });
  if (failed(m)) return m;
  const repos = repoOptions(call, m);
  if (failed(repos)) return repos;
  const downgrade = apt ? undefined : packageDowngrade(call, m);
  if (failed(downgrade)) return downgrade;
  if (call.spec.fqcn === 'ansible.builtin.package') reportRpmDowngrade(call, true);
  const aptOpts = apt ? aptOptions(call, m) : undefined;
  if (failed(aptOpts)) return aptOpts;
  const pins = apt ? aptPins(call, m) : undefined;
  if (failed(pins)) return pins;
  const stmts: Stmt[] = [];
  // The naming argument or an alias of it (apt's pkg/package, yum's pkg).
  const named = call.arg(...namingArgs(call.spec)) !== undefined;
  const refresh = cacheRefresh(call, !named && apt);
  if (failed(refresh)) return refresh;
  if (refresh) {
    // The generic package module hands update_cache to apt only on Debian-family nodes; apt_update
    // exists only there, so it is declared only there (decided when the recipe compiles).
    if (call.spec.fqcn === 'ansible.builtin.package') {
      const family: RExpr = { k: 'index', recv: { k: 'call', name: 'node', args: [], noParens: true }, key: str('platform_family') };
      stmts.push({ kind: 'if', cond: { k: 'binop', op: '==', l: family, r: str('debian') }, body: [refresh] });
    } else stmts.push(refresh);
  }
  const purged = purge(call, m);
  if (failed(purged)) return purged;
  if (!named) {
    if (!refresh)
      return new Untranslatable(
        'A2C-TODO-PARAM',
        'a package task without a package name or cache update has no effect to convert',
        call.task.span,
      );
    // The refresh is the task's whole effect: apt then reports changed when the cache time moved.
    refresh.auxiliary = false;
    return { stmts };
  }
  stmts.push(resource(call, withPolicyRcD(call, m) ? 'a2c_apt_package' : call.spec.resource!, m, str('packages')));
  return { stmts };
};

/**
 * The package module's allow_downgrade, which it hands to the node's backend: apt passes
 * `--allow-downgrades` to installs (the option, on Debian-family nodes, where the action installs),
 * yum and dnf downgrade to a pinned older version as Chef's providers do (rpmDowngrade). A literal
 * true only; with repository options the two option lists would have to be merged by hand.
 */
function packageDowngrade(call: Parameters<ModuleTranslator>[0], m: Mapped): Result<void> {
  const node = call.arg('allow_downgrade');
  if (!node) return;
  const rpm = rpmDowngrade(call);
  if (failed(rpm)) return rpm;
  if (m.properties.some((p) => p.name === 'options'))
    return new Untranslatable('A2C-TODO-PARAM', 'package allow_downgrade with enablerepo/disablerepo is not converted', node.span);
  const inst = installs(call, m, 'allow_downgrade');
  if (failed(inst)) return inst;
  if (!inst) return;
  const family: RExpr = { k: 'index', recv: { k: 'call', name: 'node', args: [], noParens: true }, key: str('platform_family') };
  m.properties.push({
    name: 'options',
    value: { k: 'ternary', c: { k: 'binop', op: '==', l: family, r: str('debian') }, t: fromData(['--allow-downgrades']), f: { k: 'nil' } },
  });
}

/**
 * apt's policy_rc_d needs the packages changed inside the policy-rc.d set-up and put-back, which
 * a2c_apt_package does around apt_package; a statically omitted value asks for nothing.
 */
function withPolicyRcD(call: Parameters<ModuleTranslator>[0], m: Mapped): boolean {
  if (call.spec.fqcn !== 'ansible.builtin.apt') return false;
  m.properties = m.properties.filter((p) => p.name !== 'policy_rc_d' || !isOmit(p.value));
  return m.properties.some((p) => p.name === 'policy_rc_d');
}

/**
 * community.general.pacman: update_cache refreshes the package databases (`pacman --sync
 * --refresh`) before the packages change. The module reports the task changed when the databases'
 * content changed; the execute resource cannot tell, so a task whose change is read (notify,
 * register) keeps the refresh a TODO rather than notify on every run.
 */
export const pacmanModule: ModuleTranslator = (call) => {
  const m = mapParams(call, { skip: new Set(['update_cache']) });
  if (failed(m)) return m;
  const updateNode = call.arg('update_cache');
  const update = updateNode ? staticBool(updateNode) : false;
  const stmts: Stmt[] = [];
  if (updateNode && update !== false) {
    const read = ['notify', 'register'].find((k) => call.task.keywords.has(k));
    if (read)
      return new Untranslatable(
        'A2C-TODO-PARAM',
        `pacman update_cache with ${read}: the module reports a change only when the package databases changed, which an execute resource cannot tell`,
        updateNode.span,
      );
    const refresh: ResourceStmt = {
      ...bare(call, 'execute', str('pacman --sync --refresh'), [], ['run'], 'command'),
      auxiliary: true,
    };
    if (update === undefined) {
      if (staticString(updateNode) !== undefined)
        return new Untranslatable('A2C-TODO-PARAM', 'update_cache must be a boolean', updateNode.span);
      const t = translateValue(updateNode, call.scope);
      if (failed(t)) return t;
      refresh.guards.push({ kind: 'only_if', ruby: omittableTrue(t) });
    }
    stmts.push(refresh);
  }
  if (call.arg(...namingArgs(call.spec))) stmts.push(resource(call, call.spec.resource!, m, str('packages')));
  if (!stmts.length)
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'a pacman task without a package name or cache update has no effect to convert',
      call.task.span,
    );
  return { stmts };
};

const APT_OPTION_ARGS = [
  'install_recommends',
  'install-recommends',
  'force',
  'allow_unauthenticated',
  'allow-unauthenticated',
  ...DOWNGRADE_ARGS,
];

/**
 * apt's install_recommends, force, allow_unauthenticated and allow_downgrade as apt_package
 * `options`. The module adds `-o APT::Install-Recommends=no|yes`, `--allow-unauthenticated` and
 * `--allow-downgrades` to `apt-get install` only (states present and latest) and `--force-yes` to
 * install and remove; Chef's apt provider passes `options` to install (upgrade too), remove and
 * purge, so the install-only options are set only when the action installs or upgrades. Chef 18's
 * apt_package has no allow_downgrade property: without the flag, apt-get -y refuses a downgrade as
 * the module's command does.
 */
function aptOptions(call: Parameters<ModuleTranslator>[0], m: Mapped): Result<void> {
  const options: string[] = [];
  const forceNode = call.arg('force');
  if (forceNode) {
    const force = staticBool(forceNode);
    if (force === undefined) return new Untranslatable('A2C-TODO-PARAM', 'apt force must be a literal boolean', forceNode.span);
    if (force) options.push('--force-yes');
  }
  const recNode = call.arg('install_recommends', 'install-recommends');
  if (recNode) {
    const recommends = staticBool(recNode);
    if (recommends === undefined)
      return new Untranslatable('A2C-TODO-PARAM', 'apt install_recommends must be a literal boolean', recNode.span);
    const inst = installs(call, m, 'install_recommends');
    if (failed(inst)) return inst;
    if (inst) options.push('-o', `APT::Install-Recommends=${recommends ? 'yes' : 'no'}`);
  }
  // Each flag is a literal now or a bool read on the node; the options are built in the module's order.
  let value: RExpr = fromData(options);
  for (const [names, flag] of [
    [['allow_unauthenticated', 'allow-unauthenticated'], '--allow-unauthenticated'],
    [DOWNGRADE_ARGS, '--allow-downgrades'],
  ] as const) {
    const on = installFlag(call, m, names);
    if (failed(on)) return on;
    if (on === undefined || (on.k === 'bool' && !on.v)) continue;
    const withFlag = appendOption(value, flag);
    // A templated value is read on the node (the module's bool conversion): the flag is in the
    // options where it reads as true.
    value = on.k === 'bool' ? withFlag : { k: 'ternary', c: on, t: withFlag, f: value };
  }
  if (value.k === 'array' && !value.items.length) return;
  m.properties.push({ name: 'options', value });
}

/** The options with one more flag: a literal list grows; a choice made on the node gets it in each branch. */
function appendOption(options: RExpr, flag: string): RExpr {
  if (options.k === 'array') return { k: 'array', items: [...options.items, str(flag)] };
  if (options.k === 'ternary') return { ...options, t: appendOption(options.t, flag), f: appendOption(options.f, flag) };
  return { k: 'binop', op: '+', l: options, r: fromData([flag]) };
}

const INSTALLING = new Set(['install', 'upgrade']);

/**
 * Whether the task's action installs or upgrades, for an option the module reads on installs only.
 * A templated state that chooses between literal states (`'present' if v else 'latest'`) is known
 * when every state it can take agrees; otherwise the option's effect depends on the node: a TODO.
 */
function installs(call: Parameters<ModuleTranslator>[0], m: Mapped, arg: string): Result<boolean> {
  if (!m.actionExpr) return m.actions.some((a) => INSTALLING.has(a));
  const stateNode = call.arg('state')!;
  const stateSpec = call.spec.params.get('state');
  const texts = stateNode.kind === 'scalar' && typeof stateNode.value === 'string' ? templateTexts(stateNode.value) : undefined;
  const rows = texts && stateSpec?.kind === 'action' ? texts.map((t) => stateSpec.values[t]) : undefined;
  if (rows?.every((r) => r !== undefined)) {
    const inst = rows.map((r) => r!.split('+').some((a) => INSTALLING.has(a)));
    if (inst.every(Boolean)) return true;
    if (!inst.some(Boolean)) return false;
  }
  return new Untranslatable(
    'A2C-TODO-DYNAMIC-ACTION',
    `a templated package state with ${arg} is not converted: whether the option applies depends on it`,
    stateNode.span,
  );
}

/**
 * An apt option the module passes to `apt-get install` only, as the module's bool (a literal now,
 * a templated value through the bool coercion). Undefined: not set or not read by the action.
 */
function installFlag(call: Parameters<ModuleTranslator>[0], m: Mapped, names: readonly string[]): Result<RExpr | undefined> {
  const node = call.arg(...names);
  if (!node) return undefined;
  const inst = installs(call, m, names[0]!);
  if (failed(inst)) return inst;
  if (!inst) return undefined;
  const literal = staticBool(node);
  if (literal !== undefined) return { k: 'bool', v: literal };
  const raw = translateValue(node, call.scope);
  if (failed(raw)) return raw;
  return coerceArg('bool', names[0]!, raw, node, call.scope);
}

/** apt's purge: yes turns the removal of state absent into :purge; with other states it does nothing. */
function purge(call: Parameters<ModuleTranslator>[0], m: Mapped): Result<void> {
  const node = call.arg('purge');
  if (!node || call.spec.fqcn !== 'ansible.builtin.apt') return;
  const value = staticBool(node);
  if (value === undefined) return new Untranslatable('A2C-TODO-PARAM', 'apt purge must be a literal boolean', node.span);
  if (!value) return;
  if (m.actionExpr) return new Untranslatable('A2C-TODO-PARAM', 'apt purge with a templated state is not converted', node.span);
  m.actions = m.actions.map((a) => (a === 'remove' ? 'purge' : a));
}

/**
 * systemd's scope. `system` (the default) is what Chef's service resource drives. `user` runs
 * `systemctl --user` as the user the task runs as (become_user, else the connecting user), with
 * XDG_RUNTIME_DIR set to /run/user/<that uid> when unset, so it reaches that user's own service
 * manager: Chef's systemd_unit reaches it only for a user it is told (its `user` property), and the
 * task names none that Chef runs as. `global` enables units for every user (`systemctl --global`),
 * which no Chef resource does.
 */
function systemdScope(call: Parameters<ModuleTranslator>[0]): Result<void> {
  const node = call.arg('scope');
  if (!node) return;
  const scope = staticString(node);
  if (scope === 'system') return;
  const why =
    scope === 'global'
      ? "scope global enables units for every user's service manager (systemctl --global), which no Chef resource does"
      : `${scope === 'user' ? 'scope user' : 'a templated scope (user or global on some nodes)'} drives the service manager of the user the task runs as (systemctl --user, XDG_RUNTIME_DIR=/run/user/<uid>): Chef runs as root, and its systemd_unit reaches a user's manager only for a user it is told, which the task does not name`;
  return new Untranslatable('A2C-TODO-PARAM', `systemd ${why}`, node.span);
}

export const systemdModule: ModuleTranslator = (call) => {
  const m = mapParams(call, { skip: new Set(['scope']) });
  if (failed(m)) return m;
  const scoped = systemdScope(call);
  if (failed(scoped)) return scoped;
  const stmts = [];
  const reload = call.arg('daemon_reload');
  if (staticBool(reload)) {
    stmts.push({ ...bare(call, 'execute', str('systemctl daemon-reload'), [], ['run'], 'command'), auxiliary: true });
  } else if (reload && staticBool(reload) === undefined && staticString(reload) === undefined) {
    // Templated (typically `service_mgr == 'systemd' | ternary('yes', omit)`): reload when it is true.
    const v = translateValue(reload, call.scope);
    if (failed(v)) return v;
    const r = { ...bare(call, 'execute', str('systemctl daemon-reload'), [], ['run'], 'command'), auxiliary: true };
    r.guards.push({
      kind: 'only_if',
      ruby: omittableTrue(v),
    });
    stmts.push(r);
  } else if (reload && staticBool(reload) === undefined) {
    return new Untranslatable('A2C-TODO-PARAM', 'daemon_reload must be a boolean', reload.span);
  }
  if (call.arg('name')) stmts.push(resource(call, 'service', m, str('service')));
  return { stmts };
};

/**
 * zypper installs with `--no-recommends` unless disable_recommends is false; Chef's zypper_package
 * passes `options` to every zypper subcommand, so they are set only for installs and upgrades.
 * A package specifier (`name>=1.0`, `-name` to remove, `*`, an rpm file or URL) is a zypper argument
 * Chef would look up as a package name.
 */
export const zypperModule: ModuleTranslator = (call) => {
  const m = mapParams(call, { skip: new Set(['disable_recommends', 'type']) });
  if (failed(m)) return m;
  const type = call.arg('type');
  if (type && staticString(type) !== 'package')
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'zypper type other than package (patch, pattern, product...) has no zypper_package equivalent',
      type.span,
    );
  const spec = specifier(call.arg('name', 'pkg'));
  if (spec)
    return new Untranslatable(
      'A2C-TODO-PARAM',
      `zypper package specifier ${JSON.stringify(spec)} (a version range, '-' to remove, '*', an rpm file or URL) has no zypper_package equivalent`,
      call.arg('name', 'pkg')!.span,
    );
  const recNode = call.arg('disable_recommends');
  const noRecommends = recNode ? staticBool(recNode) : true;
  if (noRecommends === undefined)
    return new Untranslatable('A2C-TODO-PARAM', 'zypper disable_recommends must be a literal boolean', recNode!.span);
  if (noRecommends && m.actionExpr) {
    // A templated state: --no-recommends only where the action it chooses installs (zypper remove refuses it).
    const installs: RExpr = rcall(
      {
        k: 'array',
        items: [
          { k: 'sym', v: 'install' },
          { k: 'sym', v: 'upgrade' },
        ],
      },
      'include?',
      [m.actionExpr],
    );
    m.properties.push({ name: 'options', value: { k: 'ternary', c: installs, t: str('--no-recommends'), f: { k: 'array', items: [] } } });
  } else if (noRecommends && m.actions.some((a) => a === 'install' || a === 'upgrade'))
    m.properties.push({ name: 'options', value: str('--no-recommends') });
  return { stmts: [resource(call, call.spec.resource!, m, str('packages'))] };
};

/** The first literal package name that zypper reads as more than a name. */
function specifier(node: YNode | undefined): string | undefined {
  if (!node) return undefined;
  const items = node.kind === 'seq' ? node.items : [node];
  for (const item of items) {
    const v = staticString(item);
    if (v === undefined) continue;
    for (const name of v.split(',')) if (/[=<>*]|^\s*-|\.rpm\s*$|:\/\//.test(name)) return name.trim();
  }
  return undefined;
}

/**
 * zypper_repository: a repository given by alias and URL becomes zypper_repository. A .repo file's URL
 * is the module reading that file's single repository (alias, baseurl, settings) when it runs,
 * which the recipe cannot know: a TODO.
 */
export const zypperRepositoryModule: ModuleTranslator = (call) => {
  const repo = call.arg('repo');
  const text = repo?.kind === 'scalar' && typeof repo.value === 'string' ? repo.value : undefined;
  if (text !== undefined && /\.repo\s*$/.test(text))
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'zypper_repository repo is a .repo file: the module adds the one repository that file describes (its alias, baseurl and settings, read when the task runs); write zypper_repository with that alias and baseurl by hand',
      repo!.span,
    );
  const state = staticString(call.arg('state')) ?? 'present';
  if (!call.arg('name') || (state === 'present' && !repo))
    return new Untranslatable('A2C-TODO-PARAM', 'zypper_repository needs name, and repo unless state is absent', call.task.span);
  const m = mapParams(call);
  if (failed(m)) return m;
  return { stmts: [resource(call, 'zypper_repository', m, str('zypper_repository'))] };
};

/**
 * apt deb: the module installs a .deb file with `dpkg --force-confdef --force-confold -i` unless the
 * package of the file's name and version is installed: dpkg_package :upgrade with that source does
 * (dpkg -i when the installed version differs). Where they part, the run fails or does nothing
 * instead of acting, which the resource's note says: the module first installs missing
 * dependencies with apt (dpkg -i fails on them), and refuses an older version (Chef skips it with
 * allow_downgrade false). A URL is downloaded by the module first: a TODO here.
 */
function aptDeb(call: ModuleCall): Result<{ stmts: Stmt[] }> {
  const node = call.arg('deb')!;
  for (const a of call.task.args)
    if (a.key !== 'deb' && !(a.key === 'state' && staticString(a.value) === 'present'))
      return new Untranslatable(
        'A2C-TODO-PARAM',
        `apt deb converts with state present only; '${a.key}' is not converted beside it`,
        a.value.span,
      );
  const text = node.kind === 'scalar' && typeof node.value === 'string' ? node.value : '';
  if (text.includes('://'))
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'apt deb from a URL: the module downloads the file first; download it with remote_file and install it with dpkg_package by hand',
      node.span,
    );
  const raw = translateValue(node, call.scope);
  if (failed(raw)) return raw;
  const deb = coerceArg('str', 'deb', raw, node, call.scope);
  if (failed(deb)) return deb;
  const r = bare(
    call,
    'dpkg_package',
    deb,
    [
      { name: 'source', value: deb },
      { name: 'options', value: { k: 'array', items: [str('--force-confdef'), str('--force-confold')] } },
      { name: 'allow_downgrade', value: { k: 'bool', v: false } },
    ],
    ['upgrade'],
  );
  r.notes = [
    "deb: dpkg -i installs the file unless its version is installed; the package's missing dependencies must be installed first (the module installs them with apt), and an older file is skipped where the module fails",
  ];
  return { stmts: [r] };
}
