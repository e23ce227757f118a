// Handlers: each becomes resources with `action :nothing`, named after the handler so a
// notification always finds exactly it. A task's `notify` becomes delayed notifications with the
// actions the handler's own translation had.
import type { Notification, ResourceStmt, Stmt } from '../chef/ir.js';
import { str } from '../ruby/ast.js';

export interface HandlerTarget {
  /** The handler's name as written (what `notify` uses). */
  name: string;
  listen: string[];
  /** Resources to notify and the actions to run on each, in order. */
  targets: Array<{ resource: ResourceStmt; actions: string[] }>;
  /** Why notifications to this handler cannot be converted (a TODO handler, a looping handler). */
  unreachable?: string;
}

export class HandlerIndex {
  private readonly byName = new Map<string, HandlerTarget>();
  private readonly byTopic = new Map<string, HandlerTarget[]>();
  private readonly ordered: HandlerTarget[] = [];

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
 */
export function makeHandlerResources(handlerName: string, stmts: Stmt[]): HandlerTarget['targets'] {
  const targets: HandlerTarget['targets'] = [];
  // A looping handler has one resource per item, named at converge time: no static target.
  if (stmts.some((s) => s.kind === 'each' || s.kind === 'if')) return targets;
  const resources = stmts.filter((s): s is ResourceStmt => s.kind === 'resource');
  resources.forEach((r, i) => {
    const actions = r.actions.length ? r.actions : [defaultAction(r.type)];
    r.actions = ['nothing'];
    if (r.identity && !r.properties.some((p) => p.name === r.identity!.name)) r.properties.unshift(r.identity);
    r.name = str(resources.length > 1 ? `${handlerName} (${i + 1})` : handlerName);
    targets.push({ resource: r, actions });
  });
  return targets;
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
      return 'create';
  }
}

export function notificationsFor(h: HandlerTarget): Notification[] {
  return h.targets.flatMap((t) =>
    t.actions.map((action) => ({ action, resourceType: t.resource.type, resourceName: t.resource.name, timing: 'delayed' as const })),
  );
}
