// `hostvars[host].<name>...`: another host's variable or fact.
//
// Every converted node carries its variables at the same attribute paths (one symbol
// table for the project) and its facts in Ohai, so another host's value is the same
// path read on that host's node object. A2C::Jinja.host_node(node, host) returns the
// current node for its own name and otherwise finds the node by name through Chef
// search (nodes/<host>.json in local mode); it raises when the host is unknown, as an
// undefined hostvars entry fails in Ansible. Only chains with a literal first key
// are translated: `hostvars[h]` as a whole (`'x' in hostvars[h]`, dynamic keys)
// needs the host's full variable mapping, which no node object holds.
import type { Expr } from '../load/jinja/ast.js';
import { int, nodeRef, str, type RExpr } from '../ir/ruby-ast.js';
import { isFactRoot, translateFact } from './facts.js';
import { J, typed, type Typed } from './rb.js';
import { isRefusal, untranslatable, type JinjaScope } from './scope.js';
import { isBuiltinName, translateTyped } from './expr.js';

type Key = string | number;

/** Names Ansible resolves to the controller (its implicit localhost). */
export const CONTROLLER_NAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '::1']);

/** `hostvars[h]` followed by constant keys, or undefined when `e` is not such a chain. */
function split(e: Expr, scope: JinjaScope): { host: Expr; keys: Key[] } | undefined {
  const keys: Key[] = [];
  let cur = e;
  for (;;) {
    let key: Key | undefined;
    let inner: Expr;
    if (cur.kind === 'getattr') {
      key = /^\d+$/.test(cur.attr) ? Number(cur.attr) : cur.attr;
      inner = cur.node;
    } else if (cur.kind === 'getitem') {
      key =
        cur.arg.kind === 'const' && (typeof cur.arg.value === 'string' || typeof cur.arg.value === 'number') ? cur.arg.value : undefined;
      inner = cur.node;
      if (inner.kind === 'name' && isHostvars(inner.name, scope)) return { host: cur.arg, keys: keys.reverse() };
    } else {
      return undefined;
    }
    if (inner.kind === 'name' && isHostvars(inner.name, scope) && cur.kind === 'getattr')
      return { host: { kind: 'const', value: cur.attr, pos: cur.pos }, keys: keys.reverse() };
    if (key === undefined) return undefined;
    keys.push(key);
    cur = inner;
  }
}

function isHostvars(name: string, scope: JinjaScope): boolean {
  return name === 'hostvars' && !scope.locals.has(name) && !scope.lookupVar(name);
}

/** The translation of a hostvars chain, or undefined when `e` is not one. */
export function translateHostvars(e: Expr, scope: JinjaScope, value: (e: Expr) => Typed): Typed | undefined {
  const chain = split(e, scope);
  if (!chain) return undefined;
  const [first, ...rest] = chain.keys;
  if (typeof first !== 'string') {
    return untranslatable('magic:hostvars', 'hostvars[host] is translated only when followed by a literal variable or fact name', e.pos);
  }
  // The Ansible controller's own host: its variables (set by plays run on localhost) live on no
  // Chef node. A real inventory host named localhost is refused too: a TODO, never a guess.
  // Its value converts where it is the same on every node (the caller's controllerVar decides).
  if (chain.host.kind === 'const' && typeof chain.host.value === 'string' && CONTROLLER_NAMES.has(chain.host.value)) {
    const value = scope.controllerVar?.(chain.host.value, first);
    if (value === undefined || 'why' in value)
      return untranslatable(
        'magic:hostvars',
        value?.why ?? `hostvars['${chain.host.value}'] reads the Ansible controller's host variables, which no Chef node holds`,
        e.pos,
      );
    return typed(
      rest.reduce<RExpr>((acc, k) => J('item', [acc, typeof k === 'number' ? int(k) : str(k)]), value),
      'any',
    );
  }
  // `hostvars[h].inventory_hostname` is h itself wherever the inventory holds h (a group's first
  // host in cluster roles' "am I the first master" checks), and undefined where it does not: the
  // name is checked against the converted `groups` (with --groups search, found as the node).
  if (first === 'inventory_hostname') {
    const groups = scope.lookupMagic?.('groups');
    if (groups && !isRefusal(groups)) {
      const name = typed(J('inventory_host', [nodeRef, groups, value(chain.host).e]), 'str');
      if (!rest.length) return name;
      return typed(
        rest.reduce<RExpr>((acc, k) => J('item', [acc, typeof k === 'number' ? int(k) : str(k)]), name.e),
        'any',
      );
    }
  }
  const host = J('host_node', [nodeRef, value(chain.host).e]);
  if (isFactRoot(first, scope.tables)) return translateFact(scope.tables, first, rest, e.pos, host);
  const read = J('var', [host, ...hostVarPath(first, scope, e.pos, literalHost(chain.host), selfHost(chain.host, scope))]);
  return typed(
    rest.reduce<RExpr>((acc, k) => J('item', [acc, typeof k === 'number' ? int(k) : str(k)]), read),
    'any',
  );
}

/**
 * The attribute path of variable `name` on another host's node, where that node's copy is the
 * value Ansible's `hostvars[host][name]` gives (else a TODO saying why). `ansible_host` is read
 * as the variable the inventory sets: hostvars has it only where a source sets it (unlike a
 * task's own `ansible_host`, see ansible-host.ts). Other magic names are no project variables:
 * declaring them here would make every plain read of them a required input instead of a TODO.
 */
function hostVarPath(name: string, scope: JinjaScope, pos: Expr['pos'], host: string | undefined, self = false): RExpr[] {
  const ref = scope.lookupVar(name) ?? (isBuiltinName(name, scope) && name !== 'ansible_host' ? undefined : scope.lookupUndeclared?.(name));
  if (ref?.kind !== 'attribute') {
    const run = self ? undefined : scope.otherNodeRunValue?.(name);
    if (run) return untranslatable('magic:hostvars', `hostvars[host].${name}: ${run}`, pos, undefined, 'A2C-TODO-PUSH-MODEL');
    return untranslatable('magic:hostvars', `hostvars[host].${name} is not a node attribute of that host`, pos);
  }
  const why = scope.otherNodeValue?.(name, host);
  if (why) return untranslatable('magic:hostvars', `hostvars[host].${name}: ${why}`, pos);
  return ref.path.map(str);
}

/**
 * `'x' in hostvars[h]` for a literal variable name: whether that host's node holds the variable
 * (A2C::Jinja.var_set?), or undefined when `e` is not that test. An unknown host fails, as
 * Ansible's undefined `hostvars[h]` does.
 */
export function translateHostvarsIn(name: Expr, container: Expr, scope: JinjaScope): Typed | undefined {
  if (container.kind !== 'getitem' || container.node.kind !== 'name' || !isHostvars(container.node.name, scope)) return undefined;
  if (name.kind !== 'const' || typeof name.value !== 'string') return undefined;
  if (isFactRoot(name.value, scope.tables))
    return untranslatable('magic:hostvars', `'${name.value}' in hostvars[host]: whether a fact is gathered is not translated`, name.pos);
  const host = J('host_node', [nodeRef, translateTyped(container.arg, scope).e]);
  return typed(
    J('var_set?', [host, ...hostVarPath(name.value, scope, name.pos, literalHost(container.arg), selfHost(container.arg, scope))]),
    'bool',
  );
}

/** `hostvars[inventory_hostname]`: this host's own values, which its own run holds. */
const selfHost = (e: Expr, scope: JinjaScope): boolean => e.kind === 'name' && e.name === 'inventory_hostname' && !scope.locals.has(e.name);
const literalHost = (e: Expr): string | undefined => (e.kind === 'const' && typeof e.value === 'string' ? e.value : undefined);

/**
 * `hostvars[inventory_hostname]['ansible_os_family']` as the bare fact name it reads on this host
 * (Ansible gives the current host's own variables and facts there), so a platform check can treat
 * both spellings alike; undefined for any other shape or a shadowed name.
 */
export function ownHostFactName(e: Expr, scope: JinjaScope): Extract<Expr, { kind: 'name' }> | undefined {
  if (e.kind !== 'getitem' && e.kind !== 'getattr') return undefined;
  const key = e.kind === 'getattr' ? e.attr : e.arg.kind === 'const' && typeof e.arg.value === 'string' ? e.arg.value : undefined;
  const host = e.node;
  if (key === undefined || host.kind !== 'getitem' || host.node.kind !== 'name' || !isHostvars(host.node.name, scope)) return undefined;
  const own = host.arg.kind === 'name' && host.arg.name === 'inventory_hostname';
  if (!own || scope.locals.has('inventory_hostname') || scope.lookupVar('inventory_hostname') || scope.lookupMagic?.('inventory_hostname'))
    return undefined;
  return { kind: 'name', name: key, pos: e.pos };
}
