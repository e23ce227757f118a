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
import { aptPins } from './apt-pins.js';
import { bare } from './common.js';
import { coerceArg } from './coerce.js';
import { mapParams, namingArgs, resource, type Mapped } from './params.js';
import type { ModuleCall, ModuleTranslator } from './types.js';

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
  const m = mapParams(call, { skip: new Set(['enablerepo', 'disablerepo']) });
  if (failed(m)) return m;
  const repos = repoOptions(call, m);
  if (failed(repos)) return repos;
  return { stmts: [resource(call, call.spec.resource!, m, str('packages'))] };
};

export const packageModule: ModuleTranslator = (call) => {
  // update_cache and cache_valid_time become the apt_update resource below.
  const apt = call.spec.fqcn === 'ansible.builtin.apt';
  if (apt && call.arg('deb')) return aptDeb(call);
  const m = mapParams(call, {
    skip: new Set(['update_cache', 'cache_valid_time', 'enablerepo', 'disablerepo', ...(apt ? APT_OPTION_ARGS : [])]),
  });
  if (failed(m)) return m;
  const repos = repoOptions(call, m);
  if (failed(repos)) return repos;
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

const APT_OPTION_ARGS = ['install_recommends', 'install-recommends', 'force', 'allow_unauthenticated', 'allow-unauthenticated'];

/**
 * apt's install_recommends and force as apt_package `options`. The module adds `-o
 * APT::Install-Recommends=no|yes` to `apt-get install` only and `--force-yes` to install and
 * remove; Chef's apt provider passes `options` to install (upgrade too), remove and purge, so
 * install_recommends is set only when the action installs or upgrades.
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
    if (m.actionExpr)
      return new Untranslatable(
        'A2C-TODO-DYNAMIC-ACTION',
        'a templated apt state with install_recommends is not converted: whether the option applies depends on it',
        call.arg('state')!.span,
      );
    if (m.actions.some((a) => a === 'install' || a === 'upgrade'))
      options.push('-o', `APT::Install-Recommends=${recommends ? 'yes' : 'no'}`);
  }
  const unauth = allowUnauthenticated(call, m);
  if (failed(unauth)) return unauth;
  if (unauth === undefined || (unauth.k === 'bool' && !unauth.v)) {
    if (options.length) m.properties.push({ name: 'options', value: fromData(options) });
    return;
  }
  const withFlag = fromData([...options, '--allow-unauthenticated']);
  // A templated value is read on the node (the module's bool conversion): the flag is in the
  // options where it reads as true.
  const value = unauth.k === 'bool' ? withFlag : ({ k: 'ternary', c: unauth, t: withFlag, f: fromData(options) } as RExpr);
  m.properties.push({ name: 'options', value });
}

/**
 * apt's allow_unauthenticated, as the module's bool (a literal now, a templated value through
 * A2C::Tasks.to_bool): the module adds `--allow-unauthenticated` to `apt-get install` only (states
 * present and latest), so it counts only where the action installs or upgrades. Undefined: not set
 * or not read by the action.
 */
function allowUnauthenticated(call: Parameters<ModuleTranslator>[0], m: Mapped): Result<RExpr | undefined> {
  const node = call.arg('allow_unauthenticated', 'allow-unauthenticated');
  if (!node) return undefined;
  if (m.actionExpr)
    return new Untranslatable(
      'A2C-TODO-DYNAMIC-ACTION',
      'a templated apt state with allow_unauthenticated is not converted: whether the option applies depends on it',
      call.arg('state')!.span,
    );
  if (!m.actions.some((a) => a === 'install' || a === 'upgrade')) return undefined;
  const literal = staticBool(node);
  if (literal !== undefined) return { k: 'bool', v: literal };
  const raw = translateValue(node, call.scope);
  if (failed(raw)) return raw;
  return coerceArg('bool', 'allow_unauthenticated', raw, node, call.scope);
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

export const systemdModule: ModuleTranslator = (call) => {
  const m = mapParams(call);
  if (failed(m)) return m;
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
