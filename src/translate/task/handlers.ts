// Handlers: each becomes resources with `action :nothing`, named after the handler so a
// notification always finds exactly it. A task's `notify` becomes delayed notifications with the
// actions the handler's own translation had.
import { printable } from '../../jinja-to-ruby/rb.js';
import type { Notification, ResourceStmt, Stmt } from '../../ir/chef-ir.js';
import { call, str, type RExpr } from '../../ir/ruby-ast.js';
import { deferProperties } from '../defer.js';
import { isActionList } from '../action-list.js';
import { SUPPORT_RESOURCES } from '../../support-cookbook/files.js';
import { chefDefaultAction } from '../../mapping/default-actions.js';

export interface HandlerTarget {
  /** The handler's name as written (what `notify` uses). */
  name: string;
  listen: string[];
  /** Resources to notify and the actions to run on each, in order (per item for a looping handler). */
  targets: Array<{ resource: ResourceStmt; actions: Array<string | RExpr>; forEach?: { items: RExpr; params: string[] } }>;
  /** Why notifications to this handler cannot be converted (a TODO handler, a looping handler). */
  unreachable?: string;
}

export class HandlerIndex {
  private readonly byName = new Map<string, HandlerTarget>();
  private readonly byTopic = new Map<string, HandlerTarget[]>();
  private readonly ordered: HandlerTarget[] = [];
  /** The handlers each notifying task reaches, in the order its notifications are queued. */
  readonly sequences: HandlerTarget[][] = [];
  /** A handler notifies other handlers (Chef then queues them while handlers run). */
  chained = false;

  all(): HandlerTarget[] {
    return [...this.ordered];
  }

  /** True when these handlers appear in the order they were defined in. */
  inDefinitionOrder(hs: HandlerTarget[]): boolean {
    const pos = hs.map((h) => this.ordered.indexOf(h));
    return pos.every((p, i) => i === 0 || p > pos[i - 1]!);
  }

  add(h: HandlerTarget): void {
    // Ansible: with duplicate handler names the last one loaded wins.
    this.byName.set(h.name, h);
    this.ordered.push(h);
    for (const t of h.listen) this.byTopic.set(t, [...(this.byTopic.get(t) ?? []), h]);
  }

  /** Handlers a `notify: name` reaches, in definition order. */
  resolve(name: string): HandlerTarget[] {
    const hits = new Set<HandlerTarget>();
    const direct = this.byName.get(name);
    if (direct) hits.add(direct);
    for (const h of this.byTopic.get(name) ?? []) hits.add(h);
    return this.ordered.filter((h) => hits.has(h));
  }
}

/**
 * Turn the translated statements of a handler into handler resources: action :nothing and the
 * handler's name as resource name (the name property set explicitly so behaviour is unchanged).
 * A looping handler gets one resource per item, named `<handler> <item>`; notifications then
 * loop over the same items.
 */
export function makeHandlerResources(handlerName: string, stmts: Stmt[]): HandlerTarget['targets'] {
  const code = stmts.filter((s) => s.kind !== 'comment').map(assignAsResource);
  stmts.splice(0, stmts.length, ...code);
  if (code.length === 1 && code[0]!.kind === 'each') {
    const loop = code[0]!;
    const body = loop.body.filter((s) => s.kind !== 'comment');
    if (!body.length || !body.every((s): s is ResourceStmt => s.kind === 'resource')) return [];
    if (!body.every(renameKeepsBehaviour)) return [];
    // Notifying each item and each of several templated actions would need two nested loops.
    if (body.some((r) => r.actionExpr && isActionList(r.actionExpr))) return [];
    const forEach = { items: loop.items, params: loop.params, ...(loop.itemType ? { itemType: loop.itemType } : {}) };
    const itemName = printable({ e: { k: 'var', name: loop.params[0]! }, t: loop.itemType?.t ?? 'any' });
    return retarget(body, () =>
      body.map((r, i) => {
        const label = body.length > 1 ? `${handlerName} (${i + 1}) ` : `${handlerName} `;
        const actions = actionsOf(r);
        return { resource: rename(r, { k: 'interp', parts: [label, itemName] }), actions, forEach };
      }),
    );
  }
  // A handler made of anything but resources (an include decided at compile time) has no target.
  if (code.some((s) => s.kind !== 'resource')) return [];
  const resources = code as ResourceStmt[];
  if (!resources.every(renameKeepsBehaviour)) return [];
  return retarget(resources, () =>
    resources.map((r, i) => {
      const actions = actionsOf(r);
      return { resource: rename(r, str(resources.length > 1 ? `${handlerName} (${i + 1})` : handlerName)), actions };
    }),
  );
}

/**
 * Rename the resources of one handler, then point the notifications between them (a mount's fstab
 * entry notifying its :remount) at the new names.
 */
function retarget<T>(resources: ResourceStmt[], renameAll: () => T): T {
  const key = (type: string, name: RExpr) => `${type}[${JSON.stringify(name)}]`;
  const byOldName = new Map(resources.map((r) => [key(r.type, r.name), r]));
  const out = renameAll();
  for (const r of resources) {
    for (const n of r.notifies) {
      const target = byOldName.get(key(n.resourceType, n.resourceName));
      if (target) n.resourceName = target.name;
    }
  }
  return out;
}

/**
 * A set_fact handler runs when notified, so its assignment becomes a ruby_block that stores the
 * value at converge time (`node.run_state.store('x', value)`).
 */
function assignAsResource(s: Stmt): Stmt {
  if (s.kind !== 'assign' || s.target.k !== 'index') return s;
  return {
    kind: 'resource',
    type: 'ruby_block',
    name: str('set_fact'),
    actions: ['run'],
    guards: [],
    notifies: [],
    subscribes: [],
    origin: s.origin,
    properties: [{ name: 'block', value: call(s.target.recv, 'store', [s.target.key, s.value]), block: true }],
  };
}

/** The actions a notification runs: the handler's own (a templated one is chosen at compile time). */
function actionsOf(r: ResourceStmt): Array<string | RExpr> {
  // Several actions chosen at compile time: one expression, notified action by action.
  if (r.actionExpr && isActionList(r.actionExpr)) return [r.actionExpr];
  if (r.actionExpr) return r.actionExpr.k === 'array' ? r.actionExpr.items.map((e) => (e.k === 'sym' ? e.v : e)) : [r.actionExpr];
  return r.actions.length ? [...r.actions] : [defaultAction(r.type)];
}

/**
 * Renaming is safe only when the name does nothing of its own: the property it stands for is known
 * (identity) or set, or the name is a label. Otherwise the renamed resource would run or write its
 * new name (an execute without command runs its name), so the handler gets no target and
 * notifications to it become TODOs instead.
 */
function renameKeepsBehaviour(r: ResourceStmt): boolean {
  if (r.identity) return true;
  const has = (p: string) => r.properties.some((x) => x.name === p);
  switch (r.type) {
    case 'execute':
      return has('command');
    case 'log':
      return has('message');
    case 'http_request':
      return has('url');
    case 'chef_sleep':
      return has('seconds');
    case 'ruby_block':
    case 'apt_update':
      return true;
    default:
      return labelOnly(r.type);
  }
}

/** A support-cookbook resource with no name property (a2c_ufw): its name is a label only. */
function labelOnly(type: string): boolean {
  const support = SUPPORT_RESOURCES[type];
  return support !== undefined && !Object.values(support.properties).some((p) => p.name_property);
}

function rename(r: ResourceStmt, name: RExpr): ResourceStmt {
  delete r.actionExpr;
  r.actions = ['nothing'];
  if (r.identity && !r.properties.some((p) => p.name === r.identity!.name)) r.properties.unshift(r.identity);
  r.name = name;
  // A handler runs after the tasks that notify it: what it reads is computed then, not when
  // handlers.rb compiles first.
  deferProperties(r);
  return r;
}

/** Chef's default action of the resources handlers commonly use. */
function defaultAction(type: string): string {
  switch (type) {
    case 'execute':
    case 'bash':
    case 'script':
    case 'ruby_block':
      return 'run';
    case 'service':
      return 'nothing';
    case 'log':
      return 'write';
    default:
      // Chef's own default (a support resource's is :manage or :edit).
      return chefDefaultAction(type) ?? 'create';
  }
}

export function notificationsFor(h: HandlerTarget): Notification[] {
  return h.targets.flatMap((t) =>
    t.actions.map((action): Notification => {
      const target = { resourceType: t.resource.type, resourceName: t.resource.name, timing: 'delayed' as const };
      if (typeof action === 'string') return { action, ...target, ...(t.forEach ? { forEach: t.forEach } : {}) };
      // `[...].flatten.each { |a2c_action| notifies a2c_action, ... }`, in the handler's order
      // (makeHandlerResources gives a looping handler no such list).
      if (isActionList(action))
        return {
          action: 'nothing',
          actionExpr: { k: 'var', name: 'a2c_action' },
          ...target,
          forEach: { items: action, params: ['a2c_action'] },
        };
      return { action: 'nothing', actionExpr: action, ...target, ...(t.forEach ? { forEach: t.forEach } : {}) };
    }),
  );
}
