// `hostvars['localhost']['x']`: a variable of the inventory's localhost (OpenStack-Ansible's deploy
// host), which no Chef node is. Such a read converts where the value Ansible gives is the same on
// every host: localhost's own host variable (host_vars/localhost/*, or the inventory line) whose
// value reads nothing but `groups`, the inventory's groups, which every node holds alike. The read
// is then that value computed in place (OpenStack-Ansible's group_vars
// `cinder_service_backup_program_enabled: "{{ hostvars['localhost']['cinder_service_backup_program_enabled'] }}"`,
// whose localhost value asks whether the inventory has swift hosts). Anything else stays a TODO.
import type { Project } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import type { Expr } from '../load/jinja/ast.js';
import { containsJinja, parseString } from '../load/jinja/index.js';
import { CONTROLLER_NAMES } from '../jinja-to-ruby/hostvars.js';
import type { DefinitionKind } from '../resolve/symbols.js';

/** A read `hostvars['<controller>']['<name>']`. */
export interface ControllerRead {
  host: string;
  name: string;
}

/** What a definition gives controllerValue: its name, kind, owner and value. */
export interface ControllerDef {
  name: string;
  kind: DefinitionKind;
  owner: string;
  value: YNode;
}

/** The only name a controller value may read: the inventory's groups, alike on every node. */
const GLOBAL_NAMES: ReadonlySet<string> = new Set(['groups']);

/**
 * The controller reads in a YAML value's Jinja strings, or undefined when some use of `hostvars`
 * there is not one (another host, a computed host or variable name, hostvars passed whole).
 */
export function controllerReads(node: YNode): ControllerRead[] | undefined {
  const out: ControllerRead[] = [];
  const visit = (n: YNode): boolean => {
    if (n.kind === 'scalar') {
      if (typeof n.value !== 'string' || n.unsafe || !containsJinja(n.value)) return true;
      const parsed = parseString(n.value);
      return parsed.ok && walk(parsed.value, out);
    }
    if (n.kind === 'seq') return n.items.every(visit);
    return n.entries.every((e) => visit(e.key) && visit(e.value));
  };
  return visit(node) ? out : undefined;
}

const literalKey = (e: Expr): string | undefined =>
  e.kind === 'getattr'
    ? e.attr
    : e.kind === 'getitem' && e.arg.kind === 'const' && typeof e.arg.value === 'string'
      ? e.arg.value
      : undefined;

/** Collects controller reads under `x`; false at a use of `hostvars` that is not one. */
function walk(x: unknown, out: ControllerRead[]): boolean {
  if (Array.isArray(x)) return x.every((y) => walk(y, out));
  if (!x || typeof x !== 'object') return true;
  const o = x as Expr;
  if (o.kind === 'name') return o.name !== 'hostvars';
  if (o.kind === 'getattr' || o.kind === 'getitem') {
    const inner = o.node;
    if (inner.kind === 'getattr' || inner.kind === 'getitem') {
      const host = literalKey(inner);
      const name = literalKey(o);
      if (inner.node.kind === 'name' && inner.node.name === 'hostvars' && host !== undefined && CONTROLLER_NAMES.has(host)) {
        if (name === undefined) return false;
        out.push({ host, name });
        return true;
      }
    }
  }
  for (const k in o) {
    if (k === 'pos' || !Object.hasOwn(o, k)) continue;
    const v = (o as unknown as Record<string, unknown>)[k];
    if (typeof v === 'object' && !walk(v, out)) return false;
  }
  return true;
}

/**
 * The definition whose value Ansible's `hostvars[host][name]` gives, or why none converts. Ansible's
 * hostvars is the host's inventory variables (no play, role defaults or vars) plus what tasks set
 * on it: a set_fact, include_vars or register of the name anywhere could set it on localhost, so
 * any refuses. Of localhost's own definitions the last host_vars file wins (project.hostVars holds
 * them in Ansible's order), else the inventory line; group-level values rank below both.
 */
export function controllerValue(
  host: string,
  name: string,
  defs: readonly ControllerDef[],
  /** The kind of task setting the name somewhere (register, set_fact, include_vars), if any. */
  task: string | undefined,
  project: Project,
): { def: ControllerDef } | { why: string } {
  const lead = `hostvars['${host}']['${name}']`;
  if (!project.inventories.some((inv) => inv.hosts.has(host)))
    return { why: `${lead} reads the Ansible controller's host variables, which no Chef node holds` };
  if (task !== undefined)
    return { why: `${lead}: a task (${task}) sets ${name}, which on ${host} only the run of that task gives (no Chef node is ${host})` };
  const own = defs.filter((d) => d.owner === host);
  const def = own.filter((d) => d.kind === 'host_vars').at(-1) ?? onlyOne(own.filter((d) => d.kind === 'inventory-host'));
  if (!def)
    return {
      why: `${lead}: the inventory sets no host variable ${name} for ${host} (a group value or a fact of the controller is no node's)`,
    };
  const reads = namesOf(def.value);
  const other = reads.find((n) => !GLOBAL_NAMES.has(n));
  if (other !== undefined)
    return { why: `${lead}: its value on ${host} reads ${other}, which on ${host} need not be what any Chef node holds (only groups is)` };
  return { def };
}

const onlyOne = <T>(xs: T[]): T | undefined => (xs.length === 1 ? xs[0] : undefined);

/** Names a value's Jinja strings read (the last-resort list, not cached: few values are asked about). */
function namesOf(node: YNode): string[] {
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string' || node.unsafe || !containsJinja(node.value)) return [];
    const parsed = parseString(node.value);
    // An unparsable string reads something: refused.
    if (!parsed.ok) return ['(unparsable)'];
    const names: string[] = [];
    collectNames(parsed.value, names);
    return names;
  }
  if (node.kind === 'seq') return node.items.flatMap(namesOf);
  return node.entries.flatMap((e) => [...namesOf(e.key), ...namesOf(e.value)]);
}

function collectNames(x: unknown, out: string[]): void {
  if (Array.isArray(x)) return x.forEach((y) => collectNames(y, out));
  if (!x || typeof x !== 'object') return;
  const o = x as Record<string, unknown>;
  if (o.kind === 'name' && typeof o.name === 'string') out.push(o.name);
  // Statements binding names (for, set, macro) make a value whose reads this check does not follow.
  if (o.kind === 'for' || o.kind === 'set' || o.kind === 'setblock' || o.kind === 'macro' || o.kind === 'with') out.push(`(${o.kind})`);
  for (const k in o) if (k !== 'pos' && Object.hasOwn(o, k) && typeof o[k] === 'object') collectNames(o[k], out);
}
