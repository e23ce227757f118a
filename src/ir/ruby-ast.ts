// A small Ruby expression tree. Translators build these; only src/ruby/ prints them.
// No node holds raw Ruby text: every string is a value that the printer quotes.
import type { VarType } from '../resolve/types.js';

export type RExpr =
  | { k: 'str'; v: string }
  | { k: 'int'; v: number }
  | { k: 'float'; v: number }
  | { k: 'bool'; v: boolean }
  | { k: 'nil' }
  | { k: 'sym'; v: string }
  | { k: 'array'; items: RExpr[] }
  | { k: 'hash'; pairs: Array<[RExpr, RExpr]> }
  /**
   * A double-quoted string with interpolations: literal parts are quoted by the printer. vt: what
   * the translator proved of the text (plain: convert_data keeps it, resolve/types.ts VarType.plain).
   */
  | { k: 'interp'; parts: Array<string | RExpr>; vt?: VarType }
  /** A local variable or block parameter; the name is validated as a Ruby identifier by the printer. */
  | { k: 'var'; name: string; vt?: VarType }
  /** An instance variable (`@item`): how a Chef template reads the `variables` its resource passes. */
  | { k: 'ivar'; name: string }
  /** A constant path such as `File` or `A2C::Jinja`; each segment is validated. */
  | { k: 'const'; path: string[] }
  /** `recv[key]` */
  | { k: 'index'; recv: RExpr; key: RExpr; vt?: VarType }
  /** `recv.name(args) { |params| body }`; recv absent means a bare method call (`node`, `shell_out(...)`). */
  | {
      k: 'call';
      recv?: RExpr;
      name: string;
      args: RExpr[];
      kwargs?: Array<[string, RExpr]>;
      block?: RBlock;
      noParens?: boolean;
      vt?: VarType;
    }
  /** vt: the static type of the result, where the translator knows it (a concatenation of two typed lists). */
  | { k: 'binop'; op: RBinOp; l: RExpr; r: RExpr; vt?: VarType }
  | { k: 'not'; e: RExpr }
  | { k: 'neg'; e: RExpr }
  | { k: 'ternary'; c: RExpr; t: RExpr; f: RExpr }
  /** Chef's `lazy { expr }`: value computed at converge time; with `param`, `lazy { |param| expr }` (Chef passes
   * the resource whose property it is). */
  | { k: 'lazy'; e: RExpr; param?: string }
  /** A regular expression literal, from a source pattern the translator has checked. */
  | { k: 'regex'; source: string; flags: string };

export interface RBlock {
  params: string[];
  body: RExpr;
}

export type RBinOp = '+' | '-' | '*' | '/' | '%' | '**' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

// Small constructors keep translator code readable.
export const str = (v: string): RExpr => ({ k: 'str', v });
export const int = (v: number): RExpr => ({ k: 'int', v });
export const bool = (v: boolean): RExpr => ({ k: 'bool', v });
export const nil: RExpr = { k: 'nil' };
export const sym = (v: string): RExpr => ({ k: 'sym', v });
export const rvar = (name: string): RExpr => ({ k: 'var', name });
export const index = (recv: RExpr, key: RExpr): RExpr => ({ k: 'index', recv, key });
export const call = (
  recv: RExpr | undefined,
  name: string,
  args: RExpr[] = [],
  extra: Partial<Extract<RExpr, { k: 'call' }>> = {},
): RExpr => ({
  k: 'call',
  ...(recv ? { recv } : {}),
  name,
  args,
  ...extra,
});
export const nodeRef: RExpr = { k: 'call', name: 'node', args: [], noParens: true };

/** `node['a']['b']...` */
export function nodePath(path: readonly string[]): RExpr {
  return path.reduce<RExpr>((acc, seg) => index(acc, str(seg)), nodeRef);
}

/** Convert plain data (from YAML) into a Ruby literal tree. */
export function fromData(value: unknown): RExpr {
  if (value === null || value === undefined) return nil;
  if (typeof value === 'string') return str(value);
  if (typeof value === 'boolean') return bool(value);
  if (typeof value === 'number') return Number.isInteger(value) ? int(value) : { k: 'float', v: value };
  if (Array.isArray(value)) return { k: 'array', items: value.map(fromData) };
  if (value instanceof Map) return { k: 'hash', pairs: [...value.entries()].map(([k, v]) => [fromData(k), fromData(v)]) };
  if (typeof value === 'object')
    return { k: 'hash', pairs: Object.entries(value as Record<string, unknown>).map(([k, v]) => [str(k), fromData(v)]) };
  return str(String(value));
}

/**
 * e with each direct child replaced by f(child): the structural part every rewriting of an expression shares.
 * Not into `lazy` nor a call's block: what a rewrite may do there depends on the rewrite.
 */
export function mapChildren(e: RExpr, f: (x: RExpr) => RExpr): RExpr {
  switch (e.k) {
    case 'array':
      return { ...e, items: e.items.map(f) };
    case 'hash':
      return { ...e, pairs: e.pairs.map(([k, v]): [RExpr, RExpr] => [f(k), f(v)]) };
    case 'interp':
      return { ...e, parts: e.parts.map((p) => (typeof p === 'string' ? p : f(p))) };
    case 'index':
      return { ...e, recv: f(e.recv), key: f(e.key) };
    case 'binop':
      return { ...e, l: f(e.l), r: f(e.r) };
    case 'not':
    case 'neg':
      return { ...e, e: f(e.e) };
    case 'ternary':
      return { ...e, c: f(e.c), t: f(e.t), f: f(e.f) };
    case 'call':
      return {
        ...e,
        ...(e.recv ? { recv: f(e.recv) } : {}),
        args: e.args.map(f),
        ...(e.kwargs ? { kwargs: e.kwargs.map(([k, v]): [string, RExpr] => [k, f(v)]) } : {}),
      };
    default:
      return e;
  }
}

/** True when `pred` holds for e or any expression inside it (not inside `lazy`, which runs later). */
export function someExpr(e: RExpr, pred: (x: RExpr) => boolean): boolean {
  if (pred(e)) return true;
  // Children in print order, without building lists or iterators: this runs over every printed value.
  switch (e.k) {
    case 'call': {
      if (e.recv && someExpr(e.recv, pred)) return true;
      for (let i = 0; i < e.args.length; i++) if (someExpr(e.args[i]!, pred)) return true;
      const kwargs = e.kwargs;
      if (kwargs) for (let i = 0; i < kwargs.length; i++) if (someExpr(kwargs[i]![1], pred)) return true;
      return e.block ? someExpr(e.block.body, pred) : false;
    }
    case 'array':
      for (let i = 0; i < e.items.length; i++) if (someExpr(e.items[i]!, pred)) return true;
      return false;
    case 'hash':
      for (let i = 0; i < e.pairs.length; i++) {
        const pair = e.pairs[i]!;
        if (someExpr(pair[0], pred) || someExpr(pair[1], pred)) return true;
      }
      return false;
    case 'interp':
      for (let i = 0; i < e.parts.length; i++) {
        const p = e.parts[i]!;
        if (typeof p !== 'string' && someExpr(p, pred)) return true;
      }
      return false;
    case 'index':
      return someExpr(e.recv, pred) || someExpr(e.key, pred);
    case 'binop':
      return someExpr(e.l, pred) || someExpr(e.r, pred);
    case 'not':
    case 'neg':
      return someExpr(e.e, pred);
    case 'ternary':
      return someExpr(e.c, pred) || someExpr(e.t, pred) || someExpr(e.f, pred);
    default:
      return false;
  }
}

/**
 * The static type a translator noted on a value (`vt`: a variable read, a loop variable), which
 * later steps (argument coercion, loops) use to skip run-time conversions. Printing ignores it.
 */
export function typeOf(e: RExpr): VarType | undefined {
  return e.k === 'var' || e.k === 'index' || e.k === 'call' || e.k === 'binop' || e.k === 'interp' ? e.vt : undefined;
}

/** A call of `Mod::Path.name(...)`. */
export function isConstCall(e: RExpr, path: string, name?: string): boolean {
  return e.k === 'call' && e.recv?.k === 'const' && (name === undefined || e.name === name) && isConstPath(e.recv.path, path);
}

/**
 * Whether `segments.join('::') === path`, without building the joined string: the passes after
 * translation ask it of every call node they visit (a join per node was most of their cost).
 */
function isConstPath(segments: readonly string[], path: string): boolean {
  let at = 0;
  for (let i = 0; i < segments.length; i++) {
    if (i > 0) {
      if (!path.startsWith('::', at)) return false;
      at += 2;
    }
    const s = segments[i]!;
    if (!path.startsWith(s, at)) return false;
    at += s.length;
  }
  return at === path.length;
}

/** Whether e calls into the support library anywhere (a constant under A2C::). */
export function callsSupport(e: RExpr): boolean {
  return someExpr(e, (x) => x.k === 'const' && x.path[0] === 'A2C');
}
