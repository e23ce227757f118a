// A list of addresses joined into one text (`addrs | join(',')`), written where one address goes: a
// URL's host (galera's `wsrep_cluster_address = gcomm://{{ galera_wsrep_cluster_address }}`, whose
// default joins every member's address with ','), or before a port. An IPv6 member needs its own
// brackets there (`gcomm://[a],[b],[c]`), and A2C::Net.ipwrap of the whole text, like Ansible's ipwrap,
// leaves it as it is (no one address): each member is bracketed instead (A2C::Net.ipwrap_members).
import type { Span } from '../base/diagnostics.js';
import type { Expr } from '../load/jinja/index.js';
import { parseString } from '../load/jinja/index.js';
import type { Out } from './lines.js';
import { elementInfo, type ElementInfo } from './list-join.js';
import type { Collector } from './scan.js';
import { dotted, NO_LOCALS, scalarSpanOf } from './values.js';

export interface MemberList {
  /** The join's separator. */
  sep: string;
  /** Where the join is written: in the output itself, or in the value of the variable it reads (`name`). */
  at: Span;
  variable?: string;
  /** What the members can be; undefined when no member is known to be an address. */
  info: ElementInfo | undefined;
  /** The members are bracketed already (`map('ansible.utils.ipwrap')` before the join). */
  wrapped: boolean;
}

/** Filters that keep a text as it is for this purpose: the joined text passes through them. */
const KEEPS_TEXT = new Set(['default', 'd', 'string', 'trim']);

/** The join an expression's text comes from (through `if`/`else` and text-keeping filters). */
function joinOf(e: Expr): Array<Extract<Expr, { kind: 'filter' }>> {
  if (e.kind === 'condexpr') return [...joinOf(e.then), ...(e.otherwise ? joinOf(e.otherwise) : [])];
  if (e.kind !== 'filter') return [];
  if (KEEPS_TEXT.has(e.name)) return joinOf(e.node);
  if (e.name !== 'join') return [];
  const sep = e.args[0];
  // A separator that starts with a port (`join(':' ~ port ~ ',')`) is the list-join rule's.
  return sep?.kind === 'const' && typeof sep.value === 'string' && /^[,;\s]+$/.test(sep.value) ? [e] : [];
}

/**
 * The list joined into the output's text: the output's own join, or the join a variable's value ends
 * in (each definition a Jinja string whose outputs are such joins).
 */
export function joinedMembers(out: Out, c: Collector): MemberList | undefined {
  const own = joinOf(out.expr)[0];
  if (own) return members(own, out, out.env.spanOf(own.pos), c);
  const name = dotted(out.expr);
  if (name === undefined || name.includes('.') || out.env.locals.has(name)) return undefined;
  for (const d of c.flow.definitions(name)) {
    if (d.node.kind !== 'scalar' || typeof d.node.value !== 'string') continue;
    const parsed = parseString(d.node.value);
    if (!parsed.ok) continue;
    const env = { locals: NO_LOCALS, spanOf: scalarSpanOf(d.node) };
    for (const n of parsed.value) {
      if (n.kind !== 'output') continue;
      const join = joinOf(n.expr)[0];
      // The definition's place: a folded value's positions inside it are not its lines.
      if (join) return { ...members(join, { expr: n.expr, pos: n.pos, env }, d.span, c), variable: name };
    }
  }
  return undefined;
}

function members(join: Extract<Expr, { kind: 'filter' }>, out: Out, at: Span, c: Collector): MemberList {
  const sep = (join.args[0] as { value: string }).value;
  const list = join.node;
  const wrapped =
    list.kind === 'filter' &&
    list.name === 'map' &&
    list.args[0]?.kind === 'const' &&
    c.rules.wrapFilters.includes(String(list.args[0].value));
  return { sep, at, info: wrapped ? undefined : elementInfo(list, out, c), wrapped };
}
