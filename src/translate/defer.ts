// When a resource's property values are computed. Ansible templates a task's arguments only when
// the task runs, and never for a task its `when` skips; Chef evaluates a resource block when the
// recipe compiles. Where compile time is too early, a property that reads anything is `lazy`:
// - a resource guarded by a `when`: its arguments may read what is undefined when it is skipped
//   (memcached `when: memcached_systemd_service is defined`);
// - a handler: handlers.rb is included first, before the tasks that set what it reads (ntp
//   `name: "{{ ntp_daemon }}"` from a set_fact).
import type { ResourceStmt } from '../ir/chef-ir.js';
import type { RExpr } from '../ir/ruby-ast.js';

/** A value with nothing to evaluate: literals, and arrays, hashes and strings made of them. */
export function isLiteral(e: RExpr): boolean {
  switch (e.k) {
    case 'str':
    case 'int':
    case 'float':
    case 'bool':
    case 'nil':
    case 'sym':
    case 'regex':
      return true;
    case 'array':
      return e.items.every(isLiteral);
    case 'hash':
      return e.pairs.every(([k, v]) => isLiteral(k) && isLiteral(v));
    case 'interp':
      return e.parts.every((p) => typeof p === 'string' || isLiteral(p));
    default:
      return false;
  }
}

/** Make every computed property of `r` lazy (block properties already run at converge time). */
export function deferProperties(r: ResourceStmt): void {
  for (const p of r.properties) {
    if (p.block || p.value.k === 'lazy' || isLiteral(p.value)) continue;
    p.value = { k: 'lazy', e: p.value };
  }
}
