// A value that stands as a statement of its own (the right side of an assignment, a resource property, the
// body of a ruby_block or a guard), printed so that no conditional expression sits inside another: Cookstyle
// refuses nested ternaries (Style/NestedTernaryOperator). The IR says "conditional" (a ternary node, a chain
// when its false branch is one too); this file chooses the form. A conditional that holds another one is
// written `if ... elsif ... else ... end`: as the value itself where it is the whole value, else computed
// first into a local that the value then reads.
//
// Only a conditional the statement always evaluates is computed first: one inside another conditional's
// branch is printed inside that branch, and one on the right of `&&` / `||`, in a block or in `lazy` (which
// run later, repeatedly or not at all) stays where it is; a `then` block runs once, so its parameter becomes
// a local and its body is computed like the rest. Computing first changes the value of nothing:
// the generated expressions read values and have no side effect, so the only difference is which of two
// failing reads would be reported first.
import { firstFree, RUBY_KEYWORDS } from '../ir/ruby-names.js';
import { mapChildren, someExpr, type RExpr } from '../ir/ruby-ast.js';
import { holdsTernary, printExpr, type PrintOptions } from './print-expr.js';

type Ternary = Extract<RExpr, { k: 'ternary' }>;

/** Lines are this wide before hashes and arrays break (print-recipe.ts LINE_WIDTH, repeated to avoid a cycle). */
const WIDTH = 100;

/** Fresh names for the locals a statement's conditionals are computed into. */
export class LiftNames {
  private names: Set<string> | undefined;

  /**
   * taken: every identifier the code around may read or assign (locals, block parameters, bare method names),
   * or what finds them: asked only when a first name is chosen, which most recipes never do (finding them walks
   * every expression of the recipe).
   */
  constructor(private readonly taken: Iterable<string> | (() => Iterable<string>)) {}

  private get used(): Set<string> {
    this.names ??= new Set(typeof this.taken === 'function' ? this.taken() : this.taken);
    return this.names;
  }

  /** A name from the hint (an Ansible variable or property name), else `value`; never one in use or a keyword. */
  fresh(hint: string | undefined): string {
    // A leading `_` says a local is unused (Lint/UnderscorePrefixedVariableName); this one is read.
    const cleaned = (hint ?? '').replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '');
    const hinted = /^[a-z][A-Za-z0-9_]*$/.test(cleaned) && !RUBY_KEYWORDS.has(cleaned) ? [cleaned, `${cleaned}_value`] : [];
    const used = this.used;
    const name = hinted.find((x) => !used.has(x)) ?? firstFree('value', (x) => used.has(x));
    used.add(name);
    return name;
  }
}

/** Every identifier e reads or binds: local variables, block parameters, methods called without a receiver. */
export function identifiersIn(e: RExpr, out: Set<string> = new Set()): Set<string> {
  const visit = (x: RExpr): boolean => {
    if (x.k === 'var') out.add(x.name);
    else if (x.k === 'call') {
      if (x.recv === undefined) out.add(x.name);
      for (const p of x.block?.params ?? []) out.add(p);
    } else if (x.k === 'lazy') identifiersIn(x.e, out);
    return false;
  };
  someExpr(e, visit);
  return out;
}

/** Whether printing e as one expression would put a conditional inside another somewhere. */
export function needsLayout(e: RExpr): boolean {
  return someExpr(e, (x) => (x.k === 'ternary' && holdsTernary(x)) || (x.k === 'lazy' && needsLayout(x.e)));
}

export interface ValueContext {
  /** Indentation of the statement, in spaces. */
  indent: number;
  names: LiftNames;
  /** Name hint for a local the value is computed into (the fact or property it gives). */
  hint?: string;
  quote?: PrintOptions;
  /**
   * The conditionals computed into locals so far for this statement, by their one-line print, and the
   * local each went into: the same expression again (Python's `a or b` is `a ? a : b`, which repeats a)
   * reads the local, since these expressions only read values.
   */
  known?: Map<string, string>;
  /** One-line prints of conditionals to compute into a local even though they hold no other (liftCondition). */
  alsoLift?: ReadonlySet<string>;
}

/**
 * The statement `lead value` (lead: `x = `, `default['a']['b'] = `, `mode `, or nothing for a block's
 * last expression) as lines, each already indented: first the locals its nested conditionals are
 * computed into, then the statement. A value holding no nested conditional is one statement as before.
 */
export function valueStatement(lead: string, value: RExpr, outer: ValueContext): string[] {
  const ctx = outer.known ? outer : { ...outer, known: new Map<string, string>() };
  const pad = ' '.repeat(ctx.indent);
  const column = ctx.indent + lead.length;
  // A property's value is an argument (`mode '0644'`): an `if` there would read as a modifier, so a whole
  // conditional is computed into a local like any other.
  const assigns = lead === '' || /=\s*$/.test(lead);
  if (assigns && value.k === 'ternary' && holdsTernary(value)) {
    const { pre, cond } = liftCondition(value.c, ctx, [value.t, value.f]);
    const reused = (x: RExpr) => reuse(x, ctx.known!, ctx.quote);
    return [...pre, pad + lead + chain({ ...value, c: cond, t: reused(value.t), f: reused(value.f) }, column, ctx)];
  }
  const pre: string[] = [];
  const lifted = lift(value, ctx, pre, !assigns);
  return [...pre, pad + lead + printExpr(lifted, { ...ctx.quote, width: WIDTH, indent: ctx.indent, column })];
}

/** The value with its nested conditionals computed first: the lines that compute them, and what the statement then reads. */
export function liftValue(value: RExpr, ctx: ValueContext): { pre: string[]; value: RExpr } {
  const pre: string[] = [];
  const lifted = lift(value, ctx, pre, true);
  return { pre, value: lifted };
}

/**
 * The first condition of a chain, its own nested conditionals computed first; so is a conditional in it that
 * a branch repeats whole (Python's `(a and b) or c` is `truthy(a ? b : a) ? (a ? b : a) : c`), which the
 * branch then reads.
 */
function liftCondition(c: RExpr, ctx: ValueContext, branches: readonly RExpr[]): { pre: string[]; cond: RExpr } {
  const pre: string[] = [];
  const alsoLift = new Set(branches.filter((b) => b.k === 'ternary').map((b) => printExpr(b, { ...ctx.quote })));
  const cond = lift(c, { ...ctx, hint: undefined, alsoLift }, pre, false);
  return { pre, cond };
}

/**
 * e with every conditional that holds another, where e always evaluates it, replaced by a local assigned
 * (in `pre`) before the statement. `replace`: false where e itself stays (the whole value of an assignment).
 */
function lift(e: RExpr, ctx: ValueContext, pre: string[], replace: boolean): RExpr {
  const go = (x: RExpr): RExpr => lift(x, ctx, pre, true);
  switch (e.k) {
    case 'ternary': {
      const printed = replace ? printExpr(e, { ...ctx.quote }) : '';
      if (!replace || !(holdsTernary(e) || ctx.alsoLift?.has(printed))) return { ...e, c: go(e.c) };
      const known = ctx.known?.get(printed);
      if (known !== undefined) return { k: 'var', name: known };
      const name = ctx.names.fresh(ctx.hint);
      pre.push(...valueStatement(`${name} = `, e, { ...ctx, hint: undefined, alsoLift: undefined }));
      ctx.known?.set(printed, name);
      return { k: 'var', name };
    }
    case 'binop':
      // The right side of && and || runs only as the left one decides.
      return e.op === '&&' || e.op === '||' ? { ...e, l: go(e.l) } : mapChildren(e, go);
    case 'call': {
      // `x.then { |p| body }` runs its body once, p being x: where the body nests conditionals, x goes into a
      // local first and the body is computed like the rest of the statement.
      const param = e.name === 'then' && e.recv && e.args.length === 0 && !e.kwargs?.length ? e.block?.params : undefined;
      if (e.recv && param?.length === 1 && needsLayout(e.block!.body)) {
        const recv = go(e.recv);
        const name = ctx.names.fresh(param[0]);
        pre.push(...valueStatement(`${name} = `, recv, { ...ctx, hint: undefined, alsoLift: undefined }));
        return go(renameVars(e.block!.body, new Map([[param[0]!, name]])));
      }
      return mapChildren(e, go);
    }
    default:
      return mapChildren(e, go);
  }
}

/** e with every part that prints as a computed conditional replaced by its local (not inside blocks and `lazy`,
 * where a block parameter may give the same text another meaning). */
function reuse(e: RExpr, known: ReadonlyMap<string, string>, quote: PrintOptions | undefined): RExpr {
  if (known.size === 0) return e;
  const name = e.k === 'ternary' ? known.get(printExpr(e, { ...quote })) : undefined;
  if (name !== undefined) return { k: 'var', name };
  const go = (x: RExpr): RExpr => reuse(x, known, quote);
  return e.k === 'call' && e.block ? e : mapChildren(e, go);
}

/**
 * `if c` / `elsif c2` / `else` / `end`, the keywords at `column` (Layout/EndAlignment, Layout/ElseAlignment),
 * each branch a statement of its own one level in. A false branch that is a conditional again continues the
 * chain as `elsif` (Style/IfInsideElse), unless its condition must first compute a local: that goes in `else`.
 */
function chain(e: Ternary, column: number, ctx: ValueContext): string {
  const pad = ' '.repeat(column);
  // A local computed inside a branch exists only when that branch ran: the branch's own copy of `known`.
  const branch = (x: RExpr) => valueStatement('', x, { ...ctx, indent: column + 2, hint: undefined, known: new Map(ctx.known) }).join('\n');
  const cond = (x: RExpr) => printExpr(x, { ...ctx.quote });
  const lines = [`if ${cond(e.c)}`, branch(e.t)];
  let rest: RExpr = e.f;
  while (rest.k === 'ternary' && !needsLayout(rest.c)) {
    lines.push(`${pad}elsif ${cond(rest.c)}`, branch(rest.t));
    rest = rest.f;
  }
  lines.push(`${pad}else`, branch(rest), `${pad}end`);
  return lines.join('\n');
}

/** e with the local variables named in `renames` renamed; a block that binds one of the names hides it. */
export function renameVars(e: RExpr, renames: ReadonlyMap<string, string>): RExpr {
  const r = (x: RExpr): RExpr => renameVars(x, renames);
  switch (e.k) {
    case 'var':
      return { k: 'var', name: renames.get(e.name) ?? e.name };
    case 'lazy':
      return { ...e, e: r(e.e) };
    case 'call': {
      if (!e.block) return mapChildren(e, r);
      // A block parameter of the same name hides the renamed variable inside the block.
      const inner = new Map([...renames].filter(([from]) => !e.block!.params.includes(from)));
      return { ...mapChildren(e, r), block: { params: e.block.params, body: renameVars(e.block.body, inner) } } as RExpr;
    }
    default:
      return mapChildren(e, r);
  }
}
