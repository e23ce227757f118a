// Plays -> Policyfiles (one per play: its run list, its group_vars and play vars as attributes)
// and inventory hosts -> nodes/<host>.json with run lists in play order and host vars as
// `normal` attributes. Play-level tasks go into a cookbook per playbook. Vaulted values and
// values computed on the node go to neither a Policyfile nor a node file: see policy-data.ts
// and vault-scope.ts.
import { shareNotifyLists } from './shared-notify-lists.js';
import { fixKey } from '../audit/fixes.js';
import type { Cookbook, NodeFile, PolicyFile, Recipe } from '../ir/chef-ir.js';
import type { Inventory, Play, Project, VarFile } from '../load/ansible/model.js';
import { basename, dirname } from '../load/ansible/input.js';
import { fromData, type RExpr } from '../ir/ruby-ast.js';
import { magicAttributePaths } from '../jinja-to-ruby/magic.js';
import { becomesRoot, PLAY_NOT_APPLIED, PLAY_ONLY_KEYWORDS } from './task/keyword-policy.js';
import { runsForReal } from './task/check-mode.js';
import { toPlain } from '../load/ansible/yaml.js';
import type { TranslateContext } from './context.js';
import { cookbookName } from '../resolve/cookbook-name.js';
import { newEnv, rootScope, translateHandlers } from './role.js';
import { translateItems } from './task/task.js';
import { forgetStored } from './task/register.js';
import { attributesFrom } from './attributes.js';
import { type GroupAttributeCache, groupAttributes } from './group-attributes.js';
import { groupsOf, matchHosts } from './hosts.js';
import { splitVaulted, VaultPlacement } from './vault-scope.js';
import { type PlayAttribute, splitNodeData, splitPolicyData } from './policy-data.js';
import { playPattern, playsTrouble } from './task/run-once.js';

export interface PlayOutput {
  cookbooks: Cookbook[];
  policies: PolicyFile[];
  nodes: NodeFile[];
}

function playSlug(play: Play, i: number): string {
  const base = (play.name ?? play.hosts)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return `play${i + 1}${base ? '_' + base : ''}`;
}

export function translatePlays(project: Project, ctx: TranslateContext, roleCookbooks: Cookbook[]): PlayOutput {
  const dependsOf = new Map(roleCookbooks.map((c) => [c.name, c.depends]));
  const out: PlayOutput = { cookbooks: [], policies: [], nodes: [] };
  const hostRuns = new Map<string, string[]>();
  /** Groups whose vars a host already gets from one of its plays' Policyfiles. */
  const hostPolicyGroups = new Map<string, Set<string>>();
  const vaults = new VaultPlacement(ctx, rootScope(ctx));
  const groupCache: GroupAttributeCache = new Map();
  let playOrder = 0;
  for (const book of project.playbooks) {
    if (!book.plays.length) continue;
    const bookName = cookbookName(basename(book.file).replace(/\.(ya?ml)$/, ''));
    const playCookbook = `${bookName}_playbook`;
    const recipes: Recipe[] = [];
    const env = newEnv(
      ctx,
      playCookbook,
      dirname(book.file),
      () => undefined,
      undefined,
      book.plays.flatMap((p) => [...p.preTasks, ...p.tasks, ...p.postTasks, ...p.handlers]),
    );
    const scope = rootScope(ctx, env);
    const groupAttrs = groupAttributes(scope, ctx, groupCache);
    book.plays.forEach((play, i) => {
      const slug = playSlug(play, i);
      // The play's own tasks run on its hosts: run_once picks among them.
      env.plays = [play];
      for (const [k, node] of play.keywords) {
        const why = PLAY_ONLY_KEYWORDS.get(k);
        if (why) ctx.sink.warning('A2C-PLAY-KEYWORD', `${k}: ${why}`, node.span);
        const lost = becomesRoot(k, node) || (k === 'check_mode' && runsForReal(node)) ? undefined : PLAY_NOT_APPLIED.get(k);
        if (lost) ctx.sink.warning('A2C-TODO-PLAY-KEYWORD', `play keyword ${k} is not applied: ${lost}`, node.span);
      }
      const runList: string[] = [];
      const handlerStmts = translateHandlers(play.handlers, env, scope);
      if (handlerStmts.length) recipes.push({ name: `${slug}_handlers`, source: book.file, stmts: handlerStmts });
      const section = (name: string, items: Play['tasks']) => {
        if (!items.length) return;
        const stmts = translateItems(items, env, scope);
        // Each section is a recipe of its own: what it stored, the next one's reads do not count on.
        forgetStored(env.registered);
        if (handlerStmts.length)
          stmts.unshift({ kind: 'include_recipe', recipe: `${playCookbook}::${slug}_handlers`, origin: { span: play.span } });
        const recipe = { name: `${slug}_${name}`, source: book.file, stmts };
        shareNotifyLists(recipe, handlerStmts);
        recipes.push(recipe);
        runList.push(`${playCookbook}::${slug}_${name}`);
      };
      section('pre_tasks', play.preTasks);
      const listed = new Map<string, string>();
      for (const r of play.roles) {
        // Ansible runs a role listed again with other parameters again; Chef runs a recipe once,
        // and every entry's parameters set the same attributes.
        const params = JSON.stringify([r.params, r.entryVars].map((list) => list.map((p) => [p.name, toPlain(p.value)])));
        const first = listed.get(r.name);
        if (first !== undefined && first !== params)
          ctx.sink.warning(
            'A2C-TODO-ROLE-PARAMS',
            `role ${r.name} is listed again in this play with other parameters: Ansible runs it once per set, Chef runs its recipe once with the parameters of the last entry (include it with include_role and vars instead, which converts to calls of a custom resource)`,
            r.span,
          );
        if (first === undefined) listed.set(r.name, params);
        if (r.name.includes('{{')) {
          ctx.sink.warning('A2C-TODO-ROLE', `templated role name ${r.name} is not converted`, r.span);
          continue;
        }
        if (!project.roles.has(r.name)) {
          ctx.sink.error('A2C-MISSING-ROLE', `role ${r.name} not found (looked in ${project.rolesPath.join(', ') || 'roles'})`, r.span);
          continue;
        }
        runList.push(`${ctx.cookbookOf(r.name)}::default`);
      }
      section('tasks', play.tasks);
      section('post_tasks', play.postTasks);
      // Every cookbook the run list needs, dependencies included, each with its path.
      const cookbooks: string[] = [];
      const need = (cb: string): void => {
        if (cookbooks.includes(cb)) return;
        cookbooks.push(cb);
        for (const d of dependsOf.get(cb) ?? (cb === playCookbook ? [...env.depends, ctx.supportCookbook] : [])) need(d);
      };
      for (const r of runList) need(r.split('::')[0]!);
      const groupFiles = policyGroupVars(project, ctx.patternOf(play));
      const attrs: PlayAttribute[] = [
        ...groupFiles.flatMap((g) =>
          groupAttrs(g.key, splitVaulted(g.files).plain).map((attr) => ({
            attr,
            group: { inv: g.inv, name: g.group },
          })),
        ),
        ...attributesFrom(
          [{ file: play.file, entries: play.vars }, ...play.varsFiles],
          'default',
          scope,
          ctx.sink,
          ctx.text,
          ctx.vaults,
        ).map((attr) => ({ attr })),
      ];
      const roleParams = play.roles.flatMap((r) => r.params);
      const overrides = attributesFrom([{ file: play.file, entries: roleParams }], 'override', scope, ctx.sink, ctx.text, ctx.vaults).map(
        (attr) => ({ attr }),
      );
      if (!runList.length) {
        ctx.sink.warning(
          'A2C-EMPTY-PLAY',
          `play '${play.name ?? play.hosts}' has nothing to run after conversion; no Policyfile is written for it`,
          play.span,
        );
        return;
      }
      const policyName = book.plays.length === 1 ? bookName : `${bookName}_${slug}`;
      // `a.yml` beside `a.yaml`, or `site.yml` beside `x/site.yml`: one would overwrite the other.
      const clash = out.policies.find((p) => p.name === policyName);
      if (clash) {
        ctx.sink.error(
          'A2C-POLICY-CLASH',
          `${book.file} and ${clash.source} both become Policyfile '${policyName}'; this play is left out of the Policyfiles and the node run lists (rename one playbook)`,
          play.span,
        );
        return;
      }
      const vaultedPaths = groupFiles.flatMap((g) =>
        splitVaulted(g.files).vaulted.flatMap((f) => f.entries.map((e) => ctx.symbols.get(e.name)?.path ?? [])),
      );
      const defaults = splitPolicyData(
        attrs,
        vaultedPaths.filter((p) => p.length),
      );
      const params = splitPolicyData(overrides);
      out.policies.push({
        name: policyName,
        source: book.file,
        runList,
        cookbooks,
        attributes: [
          ...[...defaults.data, ...params.data].map(({ attr: a }) => ({
            path: a.path,
            value: a.value,
            ...(a.precedence === 'override' ? { precedence: 'override' as const } : {}),
          })),
          // Ansible's `groups`, from the inventory (read by translated `groups[...]` / `group_names`).
          ...(project.inventories.length && ctx.groupsMode === 'static'
            ? [{ path: magicAttributePaths(ctx.symbols.namespace).groups, value: fromData(ctx.groups) }]
            : []),
          ...policyPlayHosts(play, cookbooks, ctx),
        ],
      });
      // Vault values: read by an attribute file of the play's cookbooks, for the group's hosts or the play's nodes.
      const runCookbooks = runList.map((r) => r.split('::')[0]!);
      for (const g of groupFiles)
        vaults.addFiles(splitVaulted(g.files).vaulted, { kind: 'group', inv: g.inv, name: g.group }, runCookbooks);
      // Values computed on the node (vault values too): read by an attribute file of the play's
      // cookbooks, only on the play's nodes. Group_vars and play vars are Policyfile `default`
      // (role_default); computed, they are force_default, the next level up: still above role
      // defaults (cookbook default), still below host vars (normal) and role vars (override), as in
      // Ansible, and in Ansible's order among themselves (see VaultPlacement). Role params are
      // Policyfile `override` (role_override), above role vars; computed, they are force_override,
      // the one cookbook level that still outranks role vars (cookbook override).
      const order = playOrder++;
      for (const { attr, group } of defaults.onNode)
        vaults.addAttributes(
          [{ ...attr, precedence: 'force_default' }],
          { kind: 'play', policy: policyName, order, ...(group ? { group } : {}) },
          runCookbooks,
        );
      vaults.addAttributes(
        params.onNode.map(({ attr }) => ({ ...attr, precedence: 'force_override' as const })),
        { kind: 'play', policy: policyName, order },
        runCookbooks,
      );
      // A role entry's `vars:` rank just below the role's vars/main.yml (Role.get_vars), above play,
      // group and host vars: `override` written first in the role's own attribute file, before its
      // role vars, for the play's nodes only. Another cookbook would rewrite it after those role vars.
      for (const r of play.roles) {
        if (!r.entryVars.length || !project.roles.has(r.name) || r.name.includes('{{')) continue;
        const entryVars = attributesFrom([{ file: play.file, entries: r.entryVars }], 'override', scope, ctx.sink, ctx.text, ctx.vaults);
        vaults.addAttributes(entryVars, { kind: 'play', policy: policyName, order }, [ctx.cookbookOf(r.name)], false);
      }
      for (const h of matchHosts(ctx.patternOf(play), project.inventories)) {
        hostRuns.set(h, [...(hostRuns.get(h) ?? []), ...runList]);
        const named = hostPolicyGroups.get(h) ?? new Set<string>();
        for (const g of patternGroups(ctx.patternOf(play))) named.add(g);
        hostPolicyGroups.set(h, named);
      }
    });
    if (recipes.length) {
      out.cookbooks.push({
        name: playCookbook,
        version: '0.1.0',
        depends: [ctx.supportCookbook, ...env.depends],
        source: book.file,
        attributes: [],
        recipes,
        templates: [...env.templates.values()],
        files: [...env.files.values()],
        notes: [...env.notes].sort(),
      });
    }
  }
  out.nodes = nodeFiles(project, ctx, hostRuns, hostPolicyGroups, vaults);
  vaults.apply([...roleCookbooks, ...out.cookbooks]);
  return out;
}

/**
 * Ansible's play hosts for the Policyfile, where a cookbook of its run list reads them (static
 * groups, play-hosts.ts): the hosts of the play's pattern in inventory order, as Ansible lists
 * ansible_play_hosts whatever the play's serial, order or strategy. None where the pattern is not
 * one group or host: the reads of such a play's cookbooks are TODOs already (as are the reads of
 * the batch in a play with serial or another order).
 */
function policyPlayHosts(play: Play, cookbooks: readonly string[], ctx: TranslateContext): Array<{ path: string[]; value: RExpr }> {
  if (ctx.groupsMode !== 'static' || !cookbooks.some((cb) => ctx.playHostsReaders.has(cb))) return [];
  if (playsTrouble([play], 'it', ctx, 'hosts')) return [];
  const pattern = playPattern([play], ctx);
  if (typeof pattern === 'string') return [];
  const hosts = pattern.kind === 'host' ? [pattern.name] : pattern.hosts;
  return [{ path: magicAttributePaths(ctx.symbols.namespace).playHosts, value: fromData(hosts) }];
}

/** `all` and the groups a host pattern names (exclusions and intersections left out). */
function patternGroups(pattern: string): string[] {
  return [
    'all',
    ...pattern
      .split(/[,:]/)
      .map((g) => g.trim())
      .filter((g) => g && g !== 'all' && !g.startsWith('!') && !g.startsWith('&')),
  ];
}

/**
 * group_vars/all plus the group_vars of the groups the play's pattern names, parents first; `key`
 * is the same for the same files in every play (group-attributes.ts).
 */
function policyGroupVars(project: Project, pattern: string): Array<{ group: string; inv: Inventory; files: VarFile[]; key: string }> {
  const groups = patternGroups(pattern);
  const out: Array<{ group: string; inv: Inventory; files: VarFile[]; key: string }> = [];
  const first = project.inventories[0] ?? { file: '', groups: new Map(), hosts: new Map(), groupVars: new Map(), hostVars: new Map() };
  for (const g of groups) {
    for (const inv of project.inventories) {
      const grp = inv.groups.get(g);
      if (grp?.vars.length)
        out.push({ group: g, inv, files: [{ file: inv.file, entries: grp.vars }], key: `inventory\0${inv.file}\0${g}` });
    }
    const files = project.groupVars.get(g) ?? [];
    if (files.length)
      out.push({ group: g, inv: project.inventories.find((inv) => inv.groups.has(g)) ?? first, files, key: `group_vars\0${g}` });
  }
  return out;
}

function nodeFiles(
  project: Project,
  ctx: TranslateContext,
  hostRuns: Map<string, string[]>,
  hostPolicyGroups: Map<string, Set<string>>,
  vaults: VaultPlacement,
): NodeFile[] {
  const nodes: NodeFile[] = [];
  const seen = new Set<string>();
  for (const inv of project.inventories) {
    for (const [name, host] of [...inv.hosts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (seen.has(name)) continue;
      seen.add(name);
      const normal: Record<string, unknown> = {};
      const set = (varName: string, value: unknown) => {
        const sym = ctx.symbols.get(varName);
        if (!sym) return;
        let cur = normal;
        for (const seg of sym.path.slice(0, -1)) cur = (cur[seg] ??= {}) as Record<string, unknown>;
        cur[sym.path[sym.path.length - 1]!] = value;
      };
      // A value computed where the host's cookbooks run is below `normal`: a value set earlier here
      // would win, so it goes (the computed one comes later in Ansible's order).
      const unset = (varName: string) => {
        const path = ctx.symbols.get(varName)?.path;
        if (!path) return;
        let cur: Record<string, unknown> | undefined = normal;
        for (const seg of path.slice(0, -1)) cur = cur?.[seg] as Record<string, unknown> | undefined;
        if (cur) delete cur[path[path.length - 1]!];
      };
      const cookbooks = [...new Set((hostRuns.get(name) ?? []).map((r) => r.split('::')[0]!))];
      // A vaulted or templated value is computed by an attribute file of the host's cookbooks, at
      // force_default (see vault-scope.ts); the rest is data for the node file. File by file, in
      // Ansible's order, so that a later file's value wins whichever way it goes.
      const unplaced: VarFile['entries'] = [];
      const place = (files: VarFile[], where: Parameters<VaultPlacement['addFiles']>[1]) => {
        for (const file of files) {
          const { plain, vaulted } = splitVaulted([file]);
          const { data, computed } = splitNodeData(plain);
          for (const f of [...vaulted, ...computed]) for (const e of f.entries) unset(e.name);
          vaults.addFiles([...vaulted, ...computed], where, cookbooks);
          if (!cookbooks.length) for (const f of [...vaulted, ...computed]) unplaced.push(...f.entries);
          for (const f of data)
            for (const e of f.entries)
              set(e.name, ctx.fixes ? ctx.fixes.data(fixKey.definition(e.span), plainForJson(e.value)) : plainForJson(e.value));
        }
      };
      // Vars of the host's groups that no Policyfile of its plays carries are hoisted to the
      // node, parents first (Ansible's group order); host vars come after and win.
      const inPolicy = hostPolicyGroups.get(name) ?? new Set<string>();
      for (const g of groupsOf(inv, name)) {
        if (inPolicy.has(g)) continue;
        place([{ file: inv.file, entries: inv.groups.get(g)?.vars ?? [] }, ...(project.groupVars.get(g) ?? [])], {
          kind: 'group',
          inv,
          name: g,
        });
      }
      // Inventory host vars, then host_vars/ (which outrank them in Ansible).
      place([{ file: inv.file, entries: host.vars }, ...(project.hostVars.get(name) ?? [])], { kind: 'host', name });
      if (unplaced.length) {
        const names = [...new Set(unplaced.map((e) => e.name))];
        ctx.sink.warning(
          'A2C-NODE-UNUSED-VALUE',
          `host ${name} runs no converted cookbook, so no attribute file computes its ${names.length} templated or vaulted variable(s) and its node file leaves them out: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''}`,
          unplaced[0]!.span,
        );
      }
      // With `groups` by search, every node publishes the groups it belongs to.
      if (ctx.groupsMode === 'search') {
        const ns = (normal[ctx.symbols.namespace] ??= {}) as Record<string, unknown>;
        ns.group_names = groupsOf(inv, name)
          .filter((g) => g !== 'all')
          .sort();
      }
      const runList = [...new Set(hostRuns.get(name) ?? [])].map((r) => `recipe[${r}]`);
      nodes.push({ name, runList, normal });
    }
  }
  return nodes;
}

/** A plain value for a node file (vaulted values never get here: see vault-scope.ts). */
function plainForJson(node: Parameters<typeof toPlain>[0]): unknown {
  return toPlain(node);
}
