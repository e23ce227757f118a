// Address lists joined to a port inside one expression: `addrs | join(':' ~ port ~ ',')`,
// `addrs | map('regex_replace', '(.+)', '\1:' ~ port)`, `addrs | zip(ports) | map('join', ':')`,
// `'%s:%s' | format(addr, port)`, `addr ~ ':' ~ port` (or `+`). Each glues a port to an address without brackets, as
// `{{ a }}:{{ p }}` does on a line (scan.ts), but inside a filter chain the line rule cannot see.
import type { Expr } from '../load/jinja/index.js';
import type { Out } from './lines.js';
import type { Collector, Source } from './scan.js';
import { dotted, elements, leavesOf, type Leaf } from './values.js';

/** A port glued by the idiom, and the expression of the addresses (elements when `list`). */
interface Glue {
  idiom: string;
  /** The translation can bracket each item (a Ruby join whose separator starts with the port). */
  fixable?: boolean;
  /** A concatenation (`addr ~ ':' ~ port`): the operand before the colon is wrapped, not a join's items. */
  concat?: boolean;
  addresses: Expr;
  list: boolean;
}

/** Filters that keep a list's elements (its order or membership may change). */
const KEEP_ELEMENTS = new Set(['list', 'unique', 'sort', 'reject', 'select', 'default', 'd', 'flatten']);

export function scanListJoins(out: Out, src: Source, c: Collector): void {
  // The binops already read as part of a longer concatenation (made at the first concatenation seen).
  let inChain: Set<Expr> | undefined;
  walk(out.expr, (e) => {
    if (e.kind === 'binop' && (e.op === '~' || e.op === '+') && !inChain?.has(e)) {
      inChain ??= new Set<Expr>();
      for (const host of urlHosts(e, inChain)) urlHost(host, out, src, c);
    }
    const glue = glueOf(e);
    if (!glue) return;
    const info = elementInfo(glue.addresses, out, c);
    if (!info) return;
    const span = src.spanOf({ ...out, pos: e.pos });
    const what = c.show(info.evidence);
    const keys = glue.fixable ? src.wrap(out)?.keys : undefined;
    const fixed = keys
      ? c.rewrite(
          { keys, action: { k: glue.concat ? 'ipwrap-concat' : 'ipwrap-join-items' } },
          span,
          `${glue.idiom}: ${glue.concat ? 'the address' : 'each address'} -> A2C::Net.ipwrap(...)`,
        )
      : false;
    c.add({
      rule: 'address-port-join',
      severity: info.v6 || info.byName ? 'warning' : 'info',
      span,
      message: `${glue.idiom} joins ${glue.list ? 'each address of a list' : 'an address'} to a port without brackets; the addresses can be ${info.v6 ? 'IPv6' : info.byName ? 'IPv6 (by name)' : 'IPv4'} (${what})`,
      fix: fixed
        ? `emitted through A2C::Net.ipwrap on ${glue.concat ? 'the address before the colon' : 'each address before the join'}: [addr]:port for IPv6, unchanged for IPv4 and host names`
        : `not rewritten (${glue.fixable ? 'no translated counterpart' : 'no faithful rewrite of this idiom'}): ${glue.concat ? 'pass the address through ansible.utils.ipwrap before the colon' : `map the addresses through ansible.utils.ipwrap before the ${glue.list ? 'join' : 'format'}`}`,
      ...(info.byName ? { byName: true } : {}),
    });
  });
}

/**
 * `'https://' ~ addr` (or `+`) where the address ends the host with no port: RFC 3986 wants an IPv6
 * literal in brackets there too. With a port after it the concatenation rule above reports it.
 */
function urlHost(host: Expr, out: Out, src: Source, c: Collector): void {
  const info = elementInfo(host, out, c);
  if (!info) return;
  const span = src.spanOf({ ...out, pos: host.pos });
  const keys = src.wrap(out)?.keys;
  const fixed = keys
    ? c.rewrite({ keys, action: { k: 'ipwrap-url-host' } }, span, "'://' ~ addr: the URL host -> A2C::Net.ipwrap(...)")
    : false;
  c.add({
    rule: 'address-port-join',
    severity: info.v6 || info.byName ? 'warning' : 'info',
    span,
    message: `'://' ~ addr writes an address as a URL host without brackets; it can be ${info.v6 ? 'IPv6' : info.byName ? 'IPv6 (by name)' : 'IPv4'} (${c.show(info.evidence)})`,
    fix: fixed
      ? 'emitted through A2C::Net.ipwrap: http://[addr] for IPv6, unchanged for IPv4 and host names'
      : 'not rewritten (no translated counterpart): pass the address through ansible.utils.ipwrap after the ://',
    ...(info.byName ? { byName: true } : {}),
  });
}

/** Text ending a URL's scheme (and user info): what comes next is the host. */
const URL_PREFIX = /:\/\/([^\s/@]*@)?$/;
/** Text that continues a host (a longer name, a port) or that we cannot judge. */
const HOST_GOES_ON = /^[\w.~%:[\]-]/;

/**
 * The operands of the concatenation `chain` (its binops added to `inChain`) that are a URL's whole host:
 * after `://`, before the end, a path, a query or a space.
 */
function urlHosts(chain: Expr, inChain: Set<Expr>): Expr[] {
  const ops: Expr[] = [];
  const flatten = (e: Expr): void => {
    if (e.kind === 'binop' && (e.op === '~' || e.op === '+')) {
      inChain.add(e);
      flatten(e.left);
      flatten(e.right);
    } else ops.push(e);
  };
  flatten(chain);
  const hosts: Expr[] = [];
  for (let i = 1; i < ops.length; i++) {
    const before = constText(ops[i - 1]);
    if (before === undefined || !URL_PREFIX.test(before) || constText(ops[i]) !== undefined) continue;
    const after = i + 1 < ops.length ? constText(ops[i + 1]) : '';
    if (after === undefined || HOST_GOES_ON.test(after)) continue;
    hosts.push(ops[i]!);
  }
  return hosts;
}

function constText(e: Expr | undefined): string | undefined {
  return e?.kind === 'const' && typeof e.value === 'string' ? e.value : undefined;
}

// for-in, not Object.values: the walk runs over every `{{ }}` the audit scans, and a values array
// per node was 8 MB of a 1000-role run's allocation (Jinja AST nodes are plain objects: no inherited keys).
function walk(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  const o = e as unknown as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    if (Array.isArray(v)) for (const x of v) child(x, visit);
    else child(v, visit);
  }
}

// Kwargs (`{name, value}`) and dict pairs (`{key, value}`) hold expressions one level down.
function child(v: unknown, visit: (e: Expr) => void): void {
  if (typeof v !== 'object' || v === null) return;
  if ('kind' in v && 'pos' in v) walk(v as Expr, visit);
  else {
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (typeof x === 'object' && x !== null && 'kind' in x) walk(x as Expr, visit);
    }
  }
}

/** The leftmost literal text of a string expression (`':' ~ port ~ ','` -> ':'). */
function leading(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'const') return typeof e.value === 'string' ? e.value : undefined;
  if (e.kind === 'binop' && (e.op === '~' || e.op === '+')) return leading(e.left);
  return undefined;
}

/** True for a separator or replacement that starts by gluing a port: `:` then a digit or an expression. */
function startsWithPort(e: Expr | undefined): boolean {
  const t = leading(e);
  if (t === undefined || !t.startsWith(':')) return false;
  const rest = t.slice(1);
  // `':'` alone before `~ port`, or `':2181,'`: a port; `'::'` or `':/'` are something else.
  return rest === '' ? e!.kind === 'binop' : /^\d/.test(rest);
}

/** The last operand of a string concatenation (`'http://' ~ addr` -> addr). */
function lastOperand(e: Expr): Expr {
  return e.kind === 'binop' && (e.op === '~' || e.op === '+') ? lastOperand(e.right) : e;
}

/**
 * `addr ~ ':' ~ port` (parsed `(addr ~ ':') ~ port`) or `addr ~ ':5000'`, with `+` too: the operand
 * before the colon is glued to a port. `'://'` and `':/path'` glue no port.
 */
function concatGlue(e: Expr & { kind: 'binop' }): Glue | undefined {
  const l = e.left;
  if (l.kind === 'binop' && (l.op === '~' || l.op === '+') && isConst(l.right, ':') && (e.right.kind !== 'const' || isLiteralPort(e.right)))
    return { idiom: "addr ~ ':' ~ port", addresses: lastOperand(l.left), list: false, fixable: true, concat: true };
  if (e.right.kind === 'const' && typeof e.right.value === 'string' && /^:\d+(\D|$)/.test(e.right.value))
    return { idiom: "addr ~ ':port'", addresses: lastOperand(e.left), list: false, fixable: true, concat: true };
  return undefined;
}

/**
 * A port written as a literal after a lone `':'`: `80`, `'80'`, `'80/v3'`. Not `':' ~ '/path'` nor
 * `':' ~ ':1'` (`'::1'`): only digits start a port.
 */
function isLiteralPort(e: Expr): boolean {
  if (e.kind !== 'const') return false;
  if (typeof e.value === 'number') return !e.float && Number.isInteger(e.value) && e.value >= 0;
  return typeof e.value === 'string' && /^\d+(\D|$)/.test(e.value);
}

function glueOf(e: Expr): Glue | undefined {
  if (e.kind === 'binop' && (e.op === '~' || e.op === '+')) return concatGlue(e);
  if (e.kind !== 'filter') return undefined;
  const name = e.name;
  if (name === 'join' && startsWithPort(e.args[0]))
    return { idiom: "join(':' ~ port ~ ...)", addresses: e.node, list: true, fixable: true };
  if (name === 'map' && isConst(e.args[0], 'regex_replace')) {
    const repl = e.args[2];
    const text = leading(repl);
    // The replacement keeps the match (`\1`, `\g<0>`, or the empty match of `$`) and adds `:port`.
    const kept = text === undefined ? undefined : afterGroupReference(text);
    const glued = kept !== undefined && kept !== text ? /^:(\d|$)/.test(kept) : isConst(e.args[1], '$') && startsWithPort(repl);
    if (glued) return { idiom: "map('regex_replace', ..., '\\1:' ~ port)", addresses: e.node, list: true };
  }
  if (name === 'map' && isConst(e.args[0], 'join') && isConst(e.args[1], ':')) {
    const pairs = e.node.kind === 'filter' && e.node.name === 'list' ? e.node.node : e.node;
    if (pairs.kind === 'filter' && (pairs.name === 'zip' || pairs.name === 'product'))
      return { idiom: `${pairs.name}(...) | map('join', ':')`, addresses: pairs.node, list: true };
  }
  if (name === 'format' && e.node.kind === 'const' && typeof e.node.value === 'string' && /%s:(%s|%d|\d)/.test(e.node.value)) {
    const at = e.node.value.slice(0, e.node.value.indexOf('%s:')).split('%').length - 1;
    const addr = e.args[at];
    if (addr) return { idiom: "format('%s:%s', ...)", addresses: addr, list: false };
  }
  return undefined;
}

/**
 * The replacement text after its leading group reference: `\1`, `\g<0>`, or the character Jinja's
 * string lexer makes of an unquoted `'\1'` (an octal escape, U+0001..U+0009). Unchanged when none.
 */
function afterGroupReference(text: string): string {
  const m = /^(\\\d|\\g<\w+>)/.exec(text);
  if (m) return text.slice(m[0].length);
  const code = text.charCodeAt(0);
  return code >= 1 && code <= 9 ? text.slice(1) : text;
}

function isConst(e: Expr | undefined, value: string): boolean {
  return e?.kind === 'const' && e.value === value;
}

export interface ElementInfo {
  v6: boolean;
  byName: boolean;
  evidence: string;
}

/**
 * Whether the elements of a list expression (or a single value) can be addresses: followed
 * through `map('extract', hostvars, key)` (each host's `key`) and filters that keep elements.
 * Already wrapped elements (`map('ansible.utils.ipwrap')`) are not findings.
 */
export function elementInfo(e: Expr, out: Out, c: Collector): ElementInfo | undefined {
  let cur = e;
  for (;;) {
    if (cur.kind !== 'filter') break;
    if (cur.name === 'map' && cur.args[0]?.kind === 'const' && c.rules.wrapFilters.includes(String(cur.args[0].value))) return undefined;
    if (cur.name === 'map' && isConst(cur.args[0], 'extract') && cur.args[2]?.kind === 'const' && typeof cur.args[2].value === 'string') {
      return leavesInfo(cur.args[2].value, items({ kind: 'name', name: cur.args[2].value, pos: cur.pos }, out, c), c);
    }
    if (!KEEP_ELEMENTS.has(cur.name)) break;
    cur = cur.node;
  }
  return leavesInfo(dotted(cur)?.split('.').pop(), items(cur, out, c), c);
}

/** The leaves of a value's elements (a list variable's items; a string is its own element). */
function items(e: Expr, out: Out, c: Collector): Leaf[] {
  return leavesOf(c.flow.vals(e, out.env).flatMap((v) => elements(v, c.flow)));
}

function leavesInfo(name: string | undefined, leaves: Leaf[], c: Collector): ElementInfo | undefined {
  if (leaves.length > 0 && leaves.every((l) => l.cls === 'wrapped')) return undefined;
  const hit = leaves.find((l) => l.cls === 'v6') ?? leaves.find((l) => l.cls === 'v4');
  if (hit)
    return {
      v6: hit.cls === 'v6',
      byName: false,
      evidence: hit.fact ?? hit.filter ?? (hit.literal !== undefined ? `'${c.literal(hit)}'` : (hit.variable ?? '?')),
    };
  // Inventory addresses (`ansible_host`) hold an address or a name, as the inventory says.
  const names = [name, ...leaves.map((l) => l.variable?.split('.').pop())].filter((n): n is string => !!n);
  const inventory = names.find((n) => c.rules.inventoryAddress.includes(n));
  if (inventory) return { v6: false, byName: true, evidence: `${inventory}, an inventory address` };
  const named = names.find((n) => c.rules.addressNames.some((r) => r.test(n)));
  return named ? { v6: false, byName: true, evidence: `${named}, by name` } : undefined;
}
