// Inventories (INI or YAML) with their group_vars/ and host_vars/ -> Inventory.
import type { Inventory, InventoryGroup, InventoryHost, VarFile } from './model.js';
import type { YNode } from './yaml.js';
import { basename, dirname } from './input.js';
import { type LoadContext, varEntries, YAML_EXT } from './load-context.js';
import { isMap, keyName, mapGet } from './yaccess.js';
import { parseIniInventory } from './inventory-ini.js';
import { plainToNode } from './synth.js';

export function loadInventory(ctx: LoadContext, path: string): Inventory {
  const inv: Inventory = { file: path, groups: new Map(), hosts: new Map(), groupVars: new Map(), hostVars: new Map() };
  group(inv, 'all');
  group(inv, 'ungrouped');
  const text = ctx.text(path) ?? '';
  if (
    YAML_EXT.test(path) ||
    /^\s*(all|[A-Za-z0-9_-]+)\s*:\s*$/m.test(text.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? '')
  ) {
    loadYamlInventory(ctx, path, inv);
  } else {
    loadIniInventory(ctx, path, text, inv);
  }
  // Every group without a parent is a child of `all`; hosts without a group are `ungrouped`.
  const isChild = new Set([...inv.groups.values()].flatMap((g) => g.children));
  for (const g of inv.groups.values()) if (g.name !== 'all' && !isChild.has(g.name)) group(inv, 'all').children.push(g.name);
  const grouped = new Set([...inv.groups.values()].filter((g) => g.name !== 'all').flatMap((g) => g.hosts));
  for (const h of inv.hosts.keys()) if (!grouped.has(h)) group(inv, 'ungrouped').hosts.push(h);
  const dir = dirname(path);
  loadVarsDirs(ctx, dir, inv.groupVars, inv.hostVars);
  return inv;
}

/** group_vars/<name>(.yml|/) and host_vars/<name>(.yml|/) under dir. */
export function loadVarsDirs(ctx: LoadContext, dir: string, groupVars: Map<string, VarFile[]>, hostVars: Map<string, VarFile[]>): void {
  for (const [sub, target] of [
    ['group_vars', groupVars],
    ['host_vars', hostVars],
  ] as const) {
    const base = dir === '' ? sub : `${dir}/${sub}`;
    for (const entry of ctx.index.list(base)) {
      const name = basename(entry).replace(YAML_EXT, '');
      const files = ctx.index.isDir(entry) ? ctx.index.walk(entry).filter((p) => YAML_EXT.test(p) || !basename(p).includes('.')) : [entry];
      if (!ctx.index.isDir(entry) && !(YAML_EXT.test(entry) || !basename(entry).includes('.'))) continue;
      const list = target.get(name) ?? [];
      for (const f of files) list.push(ctx.varFile(f));
      target.set(name, list);
    }
  }
}

function group(inv: Inventory, name: string): InventoryGroup {
  let g = inv.groups.get(name);
  if (!g) {
    g = { name, hosts: [], children: [], vars: [] };
    inv.groups.set(name, g);
  }
  return g;
}

function host(inv: Inventory, name: string, span: InventoryHost['span']): InventoryHost {
  let h = inv.hosts.get(name);
  if (!h) {
    h = { name, vars: [], span };
    inv.hosts.set(name, h);
  }
  return h;
}

function loadIniInventory(ctx: LoadContext, path: string, text: string, inv: Inventory): void {
  const parsed = parseIniInventory(text, path, ctx.sink);
  for (const [name, g] of parsed.groups) {
    const grp = group(inv, name);
    grp.span = g.span;
    for (const c of g.children) if (!grp.children.includes(c)) grp.children.push(c);
    for (const [k, v] of Object.entries(g.vars)) grp.vars.push({ name: k, value: plainToNode(v, g.span), span: g.span });
    for (const h of g.hosts) {
      if (!grp.hosts.includes(h.name)) grp.hosts.push(h.name);
      const hh = host(inv, h.name, h.span);
      for (const [k, v] of Object.entries(h.vars)) hh.vars.push({ name: k, value: plainToNode(v, h.span), span: h.span });
    }
  }
}

function loadYamlInventory(ctx: LoadContext, path: string, inv: Inventory): void {
  const root = ctx.yamlRoot(path);
  if (!isMap(root)) {
    if (root) ctx.sink.error('A2C-SHAPE', 'a YAML inventory must be a mapping of groups', root.span);
    return;
  }
  for (const e of root.entries) walkGroup(ctx, inv, keyName(e.key), e.value);
}

function walkGroup(ctx: LoadContext, inv: Inventory, name: string, node: YNode): void {
  const grp = group(inv, name);
  grp.span ??= node.span;
  if (!isMap(node)) return;
  const hosts = mapGet(node, 'hosts');
  if (isMap(hosts)) {
    for (const h of hosts.entries) {
      const hn = keyName(h.key);
      if (!grp.hosts.includes(hn)) grp.hosts.push(hn);
      const hh = host(inv, hn, h.key.span);
      hh.vars.push(...varEntries(h.value, ctx.sink));
    }
  }
  const vars = mapGet(node, 'vars');
  if (vars) grp.vars.push(...varEntries(vars, ctx.sink));
  const children = mapGet(node, 'children');
  if (isMap(children)) {
    for (const c of children.entries) {
      const cn = keyName(c.key);
      if (!grp.children.includes(cn)) grp.children.push(cn);
      walkGroup(ctx, inv, cn, c.value);
    }
  }
}
