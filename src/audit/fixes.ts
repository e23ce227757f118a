// The fix plan: the IPv6 fixes the audit plans before translation, which the translator applies
// (through FixPlan) where it emits the node they are keyed by: a template's `{{ }}` output or text,
// a `{{ }}` inside a YAML string, a YAML scalar of a module argument, a variable definition's value.
// Keys are source positions, so a fix reaches its node wherever the translator emits it (inside a
// macro, an included template, a loop): nothing is matched by output order.
import type { Span } from '../base/diagnostics.js';
import type { Pos } from '../load/jinja/ast.js';
import type { RExpr } from '../ir/ruby-ast.js';
import { ipwrapLiteral } from './ip.js';

/** What to change in the emitted value. */
export type FixAction =
  /** Through A2C::Net.ipwrap (once): [addr] for IPv6, unchanged for IPv4 and host names. */
  | { k: 'ipwrap' }
  /**
   * The value at `path` inside a variable's value (hash keys, array indexes) is bracketed the way
   * A2C::Net.ipwrap brackets it: a literal at conversion time, anything else through the helper.
   */
  | { k: 'ipwrap-at'; path: (string | number)[] }
  /** The items of each join whose separator starts with `:port` go through A2C::Net.ipwrap before the join. */
  | { k: 'ipwrap-join-items' }
  /** In each concatenation `addr ~ ':' ~ port` (Ruby: an interpolation or A2C::Jinja.add), the operand before the colon goes through A2C::Net.ipwrap. */
  | { k: 'ipwrap-concat' }
  /** In each concatenation `'https://' ~ addr` ending the URL's host, the operand after `://` goes through A2C::Net.ipwrap. */
  | { k: 'ipwrap-url-host' }
  /** A list of addresses joined with `sep` (one text): each member through A2C::Net.ipwrap (A2C::Net.ipwrap_members). */
  | { k: 'ipwrap-members'; sep: string }
  /** IPv4 bind literals and the IPv4 address fact become their IPv6 counterparts (--ipv6-only). */
  | { k: 'ipv6' }
  /** The first `from` literal of a template text becomes `to` (--ipv6-only). */
  | { k: 'text'; from: string; to: string }
  /** On the literal lines equal to `line`, `from` becomes `to` (lineinfile line, copy content) (--ipv6-only). */
  | { k: 'line'; line: string; from: string; to: string }
  /** A literal value equal to `from` becomes `to` (an INI option's value) (--ipv6-only). */
  | { k: 'literal'; from: string; to: string };

/** Where a fix is keyed: the node the translator emits. */
export const fixKey = {
  /** A template node (`{{ }}` output or text) at file:line:col. */
  template: (file: string, pos: Pos) => `t ${file}:${pos.line}:${pos.col}`,
  /** A `{{ }}` output inside a YAML string scalar, by the scalar's span and its position in the string. */
  inString: (scalar: Span, pos: Pos) => `s ${scalar.file}:${scalar.line}:${scalar.col} ${pos.line}:${pos.col}`,
  /** A YAML scalar of a module argument, as a whole. */
  scalar: (span: Span) => `a ${span.file}:${span.line}:${span.col}`,
  /** A variable definition's value, as a whole (attribute and node-file value). */
  definition: (span: Span) => `d ${span.file}:${span.line}:${span.col}`,
};

/** The file a fixKey names: the text between the kind and the `:line:col` (and, inside a string, ` line:col`) it ends with. */
function fileOfKey(key: string): string {
  const at = key.slice(2);
  return (key.startsWith('s ') ? at.replace(/ \d+:\d+$/, '') : at).replace(/:\d+:\d+$/, '');
}

/**
 * The fix plan: fixes by key, and which were applied. A fix counts as applied only where what it
 * produced reached the translated project (collect): a template or task the translator gave up on
 * after applying it, or a value no output holds, leaves it "not rewritten" in the report.
 */
export class FixPlan {
  private readonly fixes = new Map<string, FixAction[]>();
  /** IR objects a fix produced, with the keys of the fixes. */
  private readonly produced = new Map<object, Set<string>>();
  private readonly emitted = new Set<string>();
  /** The files some fix is keyed in: a node of any other file needs no key built and looked up. */
  private readonly files = new Set<string>();

  /** bindRewrite: IPv4 literal -> IPv6 literal; factAttribute: the IPv6 Ohai attribute. */
  constructor(
    readonly bindRewrite: ReadonlyMap<string, string>,
    readonly factAttribute: string,
  ) {}

  add(key: string, action: FixAction): void {
    this.files.add(fileOfKey(key));
    const list = this.fixes.get(key);
    if (!list) this.fixes.set(key, [action]);
    else if (!list.some((a) => JSON.stringify(a) === JSON.stringify(action))) list.push(action);
  }

  /**
   * Whether any fix is keyed in `file`. The translator asks before building a key for every value
   * and `{{ }}` it emits (most files have no fix): built and hashed, those keys were 2% of a run.
   */
  touches(file: string): boolean {
    return this.files.has(file);
  }

  /** Whether a fix produced this IR object (collect looks for it in the translated project). */
  produces(o: object): boolean {
    return this.produced.has(o);
  }

  /** A copy made of a node a fix produced (a type noted on it) counts as produced by the same fixes. */
  copied(from: object, to: object): void {
    if (from !== to) for (const k of this.produced.get(from) ?? []) this.mark(to, k);
  }

  /** Whether the fix at key reached the translated project (after collect). */
  applied(key: string): boolean {
    return this.emitted.has(key);
  }

  /** The emitted expression with the fix at key applied (the same object when there is none). */
  expr(key: string, e: RExpr): RExpr {
    const actions = this.fixes.get(key);
    if (!actions) return e;
    let out = e;
    let made = false;
    for (const a of actions) {
      const next = this.action(a, out);
      // A literal replacement that finds nothing to replace is no fix made.
      if (next !== out || a.k === 'ipwrap' || a.k === 'ipwrap-members' || a.k === 'ipv6') made = true;
      out = next;
    }
    if (made) this.mark(out, key);
    return out;
  }

  /** A template text node with the fix at key applied. */
  text(key: string, node: { text: string }): void {
    for (const a of this.fixes.get(key) ?? []) {
      if (a.k !== 'text' || !node.text.includes(a.from)) continue;
      node.text = replaceBindLiteral(node.text, a.from, a.to);
      this.mark(node, key);
    }
  }

  /**
   * A plain data value (a node file's, always written) with the fix at key applied: a whole IPv4
   * literal becomes its IPv6 counterpart; an address under a bracket key gains its brackets.
   */
  data(key: string, v: unknown): unknown {
    const actions = this.fixes.get(key);
    if (!actions) return v;
    let out = v;
    for (const a of actions) {
      if (a.k === 'ipv6') {
        this.emitted.add(key);
        out = typeof out === 'string' ? (this.bindRewrite.get(out) ?? out) : out;
      } else if (a.k === 'ipwrap-at') {
        const next = dataAt(out, a.path, (leaf) => (typeof leaf === 'string' ? ipwrapLiteral(leaf) : leaf));
        if (next !== undefined) {
          this.emitted.add(key);
          out = next;
        }
      }
    }
    return out;
  }

  /**
   * Finds, in the translated project, what the fixes produced: those fixes count as applied. `first`
   * are parts of the roots searched before them (a cookbook's attributes, where the fixes of
   * variable definitions land): the search stops once every fix is found, and a fix found there is
   * found in the roots too, so the result is the same; only the walk is shorter when they hold all.
   */
  collect(roots: unknown[], first: unknown[] = []): void {
    // The walk ends once every fix that produced something is found: finding more changes nothing,
    // and the rest of the project (most of it, when the fixes sit in its first cookbooks) is skipped.
    const pending = new Set<string>();
    for (const keys of this.produced.values()) for (const k of keys) if (!this.emitted.has(k)) pending.add(k);
    if (!pending.size) return;
    // Called for every IR object (hundreds of thousands): most produced nothing, and take no iterator.
    const found = (v: object): void => {
      const keys = this.produced.get(v);
      if (keys === undefined) return;
      for (const k of keys) {
        this.emitted.add(k);
        pending.delete(k);
      }
    };
    // The IR is a tree with a few shared leaves (a 1000-role project: 610k objects, 880k visits):
    // walking shared nodes again is several times cheaper than a set of every object visited, which
    // also held 30 MB at the peak. A path deeper than any IR (a cycle) falls back to that set.
    const DEEPER_THAN_IR = 1000;
    const tree = (v: object, depth: number): boolean => {
      if (depth > DEEPER_THAN_IR) return false;
      found(v);
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length && pending.size; i++) {
          const child: unknown = v[i];
          if (typeof child === 'object' && child !== null && !tree(child, depth + 1)) return false;
        }
      } else {
        const o = v as Record<string, unknown>;
        for (const key in o) {
          if (!pending.size) break;
          const child = o[key];
          if (typeof child === 'object' && child !== null && !tree(child, depth + 1)) return false;
        }
      }
      return true;
    };
    const seen = new Set<object>();
    const graph = (v: unknown): void => {
      if (!pending.size || typeof v !== 'object' || v === null || seen.has(v)) return;
      seen.add(v);
      found(v);
      for (const child of Array.isArray(v) ? v : Object.values(v)) graph(child);
    };
    for (const root of [...first, ...roots]) {
      if (pending.size && typeof root === 'object' && root !== null && !tree(root, 0)) graph(root);
    }
  }

  private mark(o: object, key: string): void {
    const keys = this.produced.get(o);
    if (keys) keys.add(key);
    else this.produced.set(o, new Set([key]));
  }

  /** A later fix that rebuilds a produced node keeps the earlier fix's mark on the new node. */
  private carry = (from: RExpr, to: RExpr): void => {
    for (const k of this.produced.get(from) ?? []) this.mark(to, k);
  };

  private action(a: FixAction, e: RExpr): RExpr {
    switch (a.k) {
      case 'ipwrap':
        return isIpwrap(e) ? e : ipwrap(e);
      case 'ipwrap-at':
        return exprAt(e, a.path, wrapLeaf, this.carry) ?? e;
      case 'ipwrap-join-items':
        return mapExpr(e, (x) => (isPortJoin(x) ? wrapJoinItems(x) : x), this.carry);
      case 'ipwrap-concat':
        return mapExpr(e, wrapBeforeColon, this.carry);
      case 'ipwrap-url-host':
        return mapExpr(e, wrapUrlHost, this.carry);
      case 'ipwrap-members':
        return isNetCall(e, 'ipwrap_members') ? e : netCall('ipwrap_members', [e, { k: 'str', v: a.sep }]);
      case 'ipv6':
        return toIpv6(e, this.bindRewrite, this.factAttribute, this.carry);
      case 'line':
        return replaceOnLine(e, a.line, a.from, a.to, this.carry);
      case 'literal':
        return e.k === 'str' && e.v === a.from ? { k: 'str', v: a.to } : e;
      case 'text':
        return e;
    }
  }
}

export const ipwrap = (e: RExpr): RExpr => netCall('ipwrap', [e]);

const netCall = (name: string, args: RExpr[]): RExpr => ({ k: 'call', recv: { k: 'const', path: ['A2C', 'Net'] }, name, args });
const isNetCall = (e: RExpr, name: string) =>
  e.k === 'call' && e.name === name && e.recv?.k === 'const' && e.recv.path.join('::') === 'A2C::Net';

/**
 * `A2C::Jinja.join(items, ':2181,')` or `items.join(":#{port},")`: a join that glues a port to each
 * item (the audit's list-join rule finds it in the Jinja source; this finds its Ruby counterpart).
 */
function isPortJoin(e: RExpr): boolean {
  if (e.k !== 'call' || e.name !== 'join') return false;
  const helper = e.recv?.k === 'const' && e.recv.path.join('::') === 'A2C::Jinja';
  const sep = helper ? e.args[1] : e.args[0];
  const items = helper ? e.args[0] : e.recv;
  if (!sep || !items || isIpwrap(items)) return false;
  const first = sep.k === 'interp' ? sep.parts[0] : undefined;
  const text = sep.k === 'str' ? sep.v : typeof first === 'string' ? first : first?.k === 'str' ? first.v : undefined;
  return text !== undefined && (sep.k === 'str' ? /^:\d/ : /^:(\d|$)/).test(text);
}

function wrapJoinItems(e: RExpr): RExpr {
  if (e.k !== 'call') return e;
  const helper = e.recv?.k === 'const' && e.recv.path.join('::') === 'A2C::Jinja';
  return helper ? { ...e, args: [ipwrap(e.args[0]!), ...e.args.slice(1)] } : { ...e, recv: ipwrap(e.recv!) };
}

/** `:` alone before a port, or `:5000`; not `://` nor `:/path`. */
const PORT_COLON = /^:(\d|$)/;

/**
 * The Ruby of `addr ~ ':' ~ port`: `"...#{addr}:#{port}"` or `A2C::Jinja.add(A2C::Jinja.add(addr, ':'), port)`
 * (`addr + ':'` as a binop): the value before the colon wrapped (a string literal is left alone).
 */
function wrapBeforeColon(x: RExpr): RExpr {
  const wrap = (v: RExpr): RExpr => (v.k === 'str' || isIpwrap(v) ? v : ipwrap(v));
  if (x.k === 'interp') {
    let changed = false;
    const parts = x.parts.map((p, i) => {
      const next = x.parts[i + 1];
      if (typeof p === 'string' || typeof next !== 'string' || !PORT_COLON.test(next)) return p;
      const w = wrap(p);
      changed ||= w !== p;
      return w;
    });
    return changed ? { ...x, parts } : x;
  }
  const helperAdd = x.k === 'call' && x.name === 'add' && x.recv?.k === 'const' && x.recv.path.join('::') === 'A2C::Jinja';
  if (helperAdd && x.args[1]?.k === 'str' && PORT_COLON.test(x.args[1].v)) return { ...x, args: [lastAddend(x.args[0]!, wrap), x.args[1]] };
  if (x.k === 'binop' && x.op === '+' && x.r.k === 'str' && PORT_COLON.test(x.r.v)) return { ...x, l: lastAddend(x.l, wrap) };
  return x;
}

/** Text ending a URL's scheme (and user info), and text that continues a host (the audit judged the same in the Jinja). */
const URL_PREFIX = /:\/\/([^\s/@]*@)?$/;
const HOST_GOES_ON = /^[\w.~%:[\]-]/;

/**
 * The Ruby of `'https://' ~ addr`: `"https://#{addr}"`, `A2C::Jinja.add(x, addr)` or `x + addr` where x
 * ends with `://`: the value after it wrapped. In an interpolation a host followed by more host text
 * (`.example.com`, `:port`) is left alone; in `+`/add the follower sits a level up, where the audit has
 * already checked it on the Jinja source.
 */
function wrapUrlHost(x: RExpr): RExpr {
  const wrap = (v: RExpr): RExpr => (v.k === 'str' || isIpwrap(v) ? v : ipwrap(v));
  const endsUrl = (v: RExpr | undefined): boolean => {
    if (!v) return false;
    if (v.k === 'str') return URL_PREFIX.test(v.v);
    if (v.k === 'binop' && v.op === '+') return endsUrl(v.r);
    if (v.k === 'call' && v.name === 'add' && v.recv?.k === 'const' && v.recv.path.join('::') === 'A2C::Jinja') return endsUrl(v.args[1]);
    if (v.k === 'interp') {
      const last = v.parts[v.parts.length - 1];
      return typeof last === 'string' && URL_PREFIX.test(last);
    }
    return false;
  };
  if (x.k === 'interp') {
    let changed = false;
    const parts = x.parts.map((p, i) => {
      const prev = x.parts[i - 1];
      const next = x.parts[i + 1];
      if (typeof p === 'string' || typeof prev !== 'string' || !URL_PREFIX.test(prev)) return p;
      if (next !== undefined && (typeof next !== 'string' || HOST_GOES_ON.test(next))) return p;
      const w = wrap(p);
      changed ||= w !== p;
      return w;
    });
    return changed ? { ...x, parts } : x;
  }
  const helperAdd = x.k === 'call' && x.name === 'add' && x.recv?.k === 'const' && x.recv.path.join('::') === 'A2C::Jinja';
  if (helperAdd && x.args.length === 2 && endsUrl(x.args[0])) return { ...x, args: [x.args[0]!, wrap(x.args[1]!)] };
  if (x.k === 'binop' && x.op === '+' && endsUrl(x.l)) return { ...x, r: wrap(x.r) };
  return x;
}

/** The last value of a concatenation wrapped (`A2C::Jinja.add(a, b)` -> b, `"x#{a}"` -> a), else the whole value. */
function lastAddend(e: RExpr, wrap: (v: RExpr) => RExpr): RExpr {
  if (e.k === 'call' && e.name === 'add' && e.recv?.k === 'const' && e.recv.path.join('::') === 'A2C::Jinja' && e.args.length === 2)
    return { ...e, args: [e.args[0]!, lastAddend(e.args[1]!, wrap)] };
  if (e.k === 'binop' && e.op === '+') return { ...e, r: lastAddend(e.r, wrap) };
  if (e.k === 'interp') {
    const last = e.parts[e.parts.length - 1];
    return last === undefined || typeof last === 'string' ? e : { ...e, parts: [...e.parts.slice(0, -1), wrap(last)] };
  }
  return wrap(e);
}

/** A leaf under a bracket key: a literal bracketed now (as the helper would), an array item by item, anything else through the helper. */
function wrapLeaf(e: RExpr): RExpr {
  if (e.k === 'str') return { k: 'str', v: ipwrapLiteral(e.v) };
  if (e.k === 'array') return { ...e, items: e.items.map(wrapLeaf) };
  if (e.k === 'int' || e.k === 'float' || e.k === 'bool' || e.k === 'nil' || isIpwrap(e)) return e;
  return ipwrap(e);
}

/**
 * The expression with the value at `path` replaced by f(value); undefined when the path does not
 * lead through literal hashes and arrays to a value (a value the translation computes): no fix made.
 */
function exprAt(e: RExpr, path: readonly (string | number)[], f: (e: RExpr) => RExpr, carry: Carry): RExpr | undefined {
  if (!path.length) {
    const out = f(e);
    return sameTree(out, e) ? undefined : out;
  }
  const [seg, ...rest] = path;
  let out: RExpr | undefined;
  if (e.k === 'hash' && typeof seg === 'string') {
    const i = e.pairs.findIndex(([k]) => k.k === 'str' && k.v === seg);
    const next = i < 0 ? undefined : exprAt(e.pairs[i]![1], rest, f, carry);
    if (next) out = { ...e, pairs: e.pairs.map((p, j) => (j === i ? ([p[0], next] as [RExpr, RExpr]) : p)) };
  } else if (e.k === 'array' && typeof seg === 'number') {
    const next = e.items[seg] === undefined ? undefined : exprAt(e.items[seg], rest, f, carry);
    if (next) out = { ...e, items: e.items.map((x, j) => (j === seg ? next : x)) };
  }
  if (out) carry(e, out);
  return out;
}

/** The plain value with the value at `path` replaced by f(value) (a copy); undefined when nothing changes. */
function dataAt(v: unknown, path: readonly (string | number)[], f: (v: unknown) => unknown): unknown {
  if (!path.length) {
    const out = f(v);
    return out === v ? undefined : out;
  }
  const [seg, ...rest] = path;
  if (Array.isArray(v) && typeof seg === 'number' && seg < v.length) {
    const next = dataAt(v[seg], rest, f);
    return next === undefined ? undefined : v.map((x, j) => (j === seg ? next : x));
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof seg === 'string' && Object.hasOwn(v, seg)) {
    const next = dataAt((v as Record<string, unknown>)[seg], rest, f);
    return next === undefined ? undefined : { ...(v as Record<string, unknown>), [seg]: next };
  }
  return undefined;
}

const isIpwrap = (e: RExpr) => e.k === 'call' && e.name === 'ipwrap' && e.recv?.k === 'const' && e.recv.path.join('::') === 'A2C::Net';

/**
 * The literal lines of a string value equal to `line` get `from` replaced by `to`. In an
 * interpolation only lines wholly inside one literal part count: a line that mixes text and values
 * is left alone (and the rewrite reported as not made).
 */
function replaceOnLine(e: RExpr, line: string, from: string, to: string, carry: Carry): RExpr {
  const fix = (text: string, firstWhole: boolean, lastWhole: boolean) => {
    const lines = text.split('\n');
    return lines
      .map((l, i) => ((i > 0 || firstWhole) && (i < lines.length - 1 || lastWhole) && l === line ? replaceBindLiteral(l, from, to) : l))
      .join('\n');
  };
  return mapExpr(
    e,
    (x) => {
      if (x.k === 'str') return { k: 'str', v: fix(x.v, true, true) };
      if (x.k === 'interp')
        return { k: 'interp', parts: x.parts.map((p, i) => (typeof p === 'string' ? fix(p, i === 0, i === x.parts.length - 1) : p)) };
      return x;
    },
    carry,
  );
}

/** `bind 127.0.0.1:9000` -> `bind [::1]:9000`; `to` already carries brackets when a port follows. */
function replaceBindLiteral(text: string, from: string, to: string): string {
  const escaped = from.replace(/\./g, '\\.');
  return text.replace(new RegExp(`(?<![\\d.])${escaped}(?![\\d.])`), to);
}

/** IPv4 bind literals -> IPv6 ones; `node['ipaddress']` -> the IPv6 Ohai attribute. */
function toIpv6(e: RExpr, bindRewrite: ReadonlyMap<string, string>, factAttribute: string, carry: Carry): RExpr {
  return mapExpr(
    e,
    (x) => {
      if (x.k === 'str') {
        const to = bindRewrite.get(x.v);
        return to === undefined ? x : { k: 'str', v: to };
      }
      if (
        x.k === 'index' &&
        x.key.k === 'str' &&
        x.key.v === 'ipaddress' &&
        x.recv.k === 'call' &&
        x.recv.name === 'node' &&
        !x.recv.recv
      ) {
        return { ...x, key: { k: 'str', v: factAttribute } };
      }
      return x;
    },
    carry,
  );
}

/** Called when mapExpr replaces a node by a changed copy. */
type Carry = (from: RExpr, to: RExpr) => void;

/** Bottom-up map over an expression tree; returns the same object when nothing changed. */
function mapExpr(e: RExpr, f: (e: RExpr) => RExpr, carry: Carry): RExpr {
  const m = (x: RExpr) => mapExpr(x, f, carry);
  let next: RExpr = e;
  switch (e.k) {
    case 'array':
      next = { ...e, items: e.items.map(m) };
      break;
    case 'hash':
      next = { ...e, pairs: e.pairs.map(([k, v]) => [m(k), m(v)] as [RExpr, RExpr]) };
      break;
    case 'interp':
      next = { ...e, parts: e.parts.map((p) => (typeof p === 'string' ? p : m(p))) };
      break;
    case 'index':
      next = { ...e, recv: m(e.recv), key: m(e.key) };
      break;
    case 'call':
      next = { ...e, ...(e.recv ? { recv: m(e.recv) } : {}), args: e.args.map(m) };
      break;
    case 'binop':
      next = { ...e, l: m(e.l), r: m(e.r) };
      break;
    case 'not':
    case 'neg':
    case 'lazy':
      next = { ...e, e: m(e.e) };
      break;
    case 'ternary':
      next = { ...e, c: m(e.c), t: m(e.t), f: m(e.f) };
      break;
    default:
      break;
  }
  const out = f(next);
  if (sameTree(out, e)) return e;
  carry(e, out);
  return out;
}

/** Structural equality (mapExpr asks it at every level, so serialising both trees was quadratic). */
function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameTree(x, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameTree((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
