// Expression grammar, following jinja2/parser.py (3.1) rule for rule so that
// precedence, accepted syntax and error lines match real Jinja. Every node's
// position is that of the first token of its source.

import type { BinOp, Expr, Pos } from './ast.js';
import type { Token, TokenType } from './lexer.js';
import { describe, type TokenStream } from './stream.js';

type FilterExpr = Extract<Expr, { kind: 'filter' }>;
type Kwarg = { name: string; value: Expr };

interface CallArgs {
  args: Expr[];
  kwargs: Kwarg[];
  dynArgs: Expr | null;
  dynKwargs: Expr | null;
}

const COMPARE_OPS: Record<string, BinOp> = { eq: '==', ne: '!=', lt: '<', lteq: '<=', gt: '>', gteq: '>=' };
const MATH1: Record<string, BinOp> = { add: '+', sub: '-' };
const MATH2: Record<string, BinOp> = { mul: '*', div: '/', floordiv: '//', mod: '%' };
const TEST_ARG_STARTS = new Set(['name', 'string', 'integer', 'float', 'lparen', 'lbracket', 'lbrace']);

/**
 * A list built by push, copied at its final length: V8 leaves room for 16 more elements in an array
 * grown from empty, and the parses of a run's strings are kept until their last reader (parser.ts),
 * where that room was a fifth of the cache (issue 17).
 */
export function fitted<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}

export interface TupleOptions {
  simplified?: boolean;
  withCondexpr?: boolean;
  extraEndRules?: string[];
  explicitParentheses?: boolean;
}

export class ExprParser {
  constructor(protected readonly stream: TokenStream) {}

  protected get cur(): Token {
    return this.stream.current;
  }

  /** Whether the current token has this type (a call, so TypeScript does not narrow across stream moves). */
  protected at(type: TokenType): boolean {
    return this.stream.current.type === type;
  }

  parseExpression(withCondexpr = true): Expr {
    return withCondexpr ? this.parseCondexpr() : this.parseOr();
  }

  private parseCondexpr(): Expr {
    const start = this.cur.pos;
    let expr = this.parseOr();
    while (this.stream.skipIf('name:if')) {
      const test = this.parseOr();
      const otherwise = this.stream.skipIf('name:else') ? this.parseCondexpr() : null;
      expr = { kind: 'condexpr', test, then: expr, otherwise, pos: start };
    }
    return expr;
  }

  private parseBinary(next: () => Expr, ops: Record<string, BinOp>): Expr {
    const start = this.cur.pos;
    let left = next();
    for (let op = ops[this.cur.type]; op !== undefined; op = ops[this.cur.type]) {
      this.stream.next();
      left = { kind: 'binop', op, left, right: next(), pos: start };
    }
    return left;
  }

  private parseOr(): Expr {
    const start = this.cur.pos;
    let left = this.parseAnd();
    while (this.stream.skipIf('name:or')) left = { kind: 'binop', op: 'or', left, right: this.parseAnd(), pos: start };
    return left;
  }

  private parseAnd(): Expr {
    const start = this.cur.pos;
    let left = this.parseNot();
    while (this.stream.skipIf('name:and')) left = { kind: 'binop', op: 'and', left, right: this.parseNot(), pos: start };
    return left;
  }

  private parseNot(): Expr {
    if (this.stream.test('name:not')) {
      const pos = this.stream.next().pos;
      return { kind: 'unary', op: 'not', node: this.parseNot(), pos };
    }
    return this.parseCompare();
  }

  /** `a < b < c` becomes `(a < b) and (b < c)`, which is how Jinja evaluates a chain. */
  private parseCompare(): Expr {
    const start = this.cur.pos;
    const operands: Expr[] = [this.parseMath1()];
    const ops: BinOp[] = [];
    for (;;) {
      const cmp = COMPARE_OPS[this.cur.type];
      if (cmp !== undefined) {
        this.stream.next();
        ops.push(cmp);
      } else if (this.stream.skipIf('name:in')) {
        ops.push('in');
      } else if (this.stream.test('name:not') && this.stream.look().type === 'name' && this.stream.look().value === 'in') {
        this.stream.next();
        this.stream.next();
        ops.push('not in');
      } else {
        break;
      }
      operands.push(this.parseMath1());
    }
    let result: Expr | null = null;
    ops.forEach((op, i) => {
      const cmp: Expr = {
        kind: 'binop',
        op,
        left: operands[i] as Expr,
        right: operands[i + 1] as Expr,
        pos: i === 0 ? start : (operands[i] as Expr).pos,
      };
      result = result === null ? cmp : { kind: 'binop', op: 'and', left: result, right: cmp, pos: start };
    });
    return result ?? (operands[0] as Expr);
  }

  private parseMath1(): Expr {
    return this.parseBinary(() => this.parseConcat(), MATH1);
  }

  private parseConcat(): Expr {
    return this.parseBinary(() => this.parseMath2(), { tilde: '~' });
  }

  private parseMath2(): Expr {
    return this.parseBinary(() => this.parsePow(), MATH2);
  }

  private parsePow(): Expr {
    return this.parseBinary(() => this.parseUnary(), { pow: '**' });
  }

  private parseUnary(withFilter = true): Expr {
    const start = this.cur.pos;
    let node: Expr;
    if (this.at('sub') || this.at('add')) {
      const op = this.stream.next().type === 'sub' ? '-' : '+';
      node = { kind: 'unary', op, node: this.parseUnary(false), pos: start };
    } else {
      node = this.parsePrimary();
    }
    node = this.parsePostfix(node, start);
    return withFilter ? this.parseFilterExpr(node, start) : node;
  }

  parsePrimary(): Expr {
    const tok = this.cur;
    const pos = tok.pos;
    switch (tok.type) {
      case 'name': {
        this.stream.next();
        if (tok.value === 'true' || tok.value === 'True') return { kind: 'const', value: true, pos };
        if (tok.value === 'false' || tok.value === 'False') return { kind: 'const', value: false, pos };
        if (tok.value === 'none' || tok.value === 'None') return { kind: 'const', value: null, pos };
        return { kind: 'name', name: tok.value, pos };
      }
      case 'string': {
        // Adjacent string literals concatenate, as in Python.
        let value = '';
        while (this.at('string')) value += this.stream.next().value;
        return { kind: 'const', value, pos };
      }
      case 'integer':
        this.stream.next();
        return { kind: 'const', value: tok.num as number, pos };
      case 'float':
        this.stream.next();
        return { kind: 'const', value: tok.num as number, float: true, pos };
      case 'lparen': {
        this.stream.next();
        const node = this.parseTuple({ explicitParentheses: true });
        this.stream.expect('rparen');
        return node.kind === 'tuple' ? { ...node, pos } : node;
      }
      case 'lbracket':
        return this.parseList();
      case 'lbrace':
        return this.parseDict();
      default:
        return this.stream.fail(`unexpected '${describe(tok)}'`);
    }
  }

  /** An expression or a bare comma-separated tuple (`{{ a, b }}`, `for k, v in`). */
  parseTuple(opts: TupleOptions = {}): Expr {
    const start = this.cur.pos;
    const parse = opts.simplified ? () => this.parsePrimary() : () => this.parseExpression(opts.withCondexpr ?? true);
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length > 0) this.stream.expect('comma');
      if (this.isTupleEnd(opts.extraEndRules)) break;
      items.push(parse());
      if (!this.at('comma')) break;
      isTuple = true;
    }
    if (!isTuple) {
      if (items.length > 0) return items[0] as Expr;
      if (!opts.explicitParentheses) this.stream.fail(`Expected an expression, got '${describe(this.cur)}'`);
    }
    return { kind: 'tuple', items, pos: start };
  }

  private isTupleEnd(extra?: string[]): boolean {
    const t = this.cur.type;
    if (t === 'variable_end' || t === 'block_end' || t === 'rparen') return true;
    return extra?.some((e) => this.stream.test(e)) === true;
  }

  private parseList(): Expr {
    const pos = this.stream.expect('lbracket').pos;
    const items: Expr[] = [];
    while (!this.at('rbracket')) {
      if (items.length > 0) this.stream.expect('comma');
      if (this.at('rbracket')) break;
      items.push(this.parseExpression());
    }
    this.stream.expect('rbracket');
    return { kind: 'list', items, pos };
  }

  private parseDict(): Expr {
    const pos = this.stream.expect('lbrace').pos;
    const pairs: Array<{ key: Expr; value: Expr }> = [];
    while (!this.at('rbrace')) {
      if (pairs.length > 0) this.stream.expect('comma');
      if (this.at('rbrace')) break;
      const key = this.parseExpression();
      this.stream.expect('colon');
      pairs.push({ key, value: this.parseExpression() });
    }
    this.stream.expect('rbrace');
    return { kind: 'dict', pairs, pos };
  }

  protected parsePostfix(node: Expr, start: Pos): Expr {
    for (;;) {
      const t = this.cur.type;
      if (t === 'dot' || t === 'lbracket') node = this.parseSubscript(node, start);
      else if (t === 'lparen') node = this.parseCall(node, start);
      else return node;
    }
  }

  private parseFilterExpr(node: Expr, start: Pos): Expr {
    for (;;) {
      const t = this.cur;
      if (t.type === 'pipe') node = this.parseFilter(node, start);
      else if (t.type === 'name' && t.value === 'is') node = this.parseTest(node, start);
      else if (t.type === 'lparen') node = this.parseCall(node, start);
      else return node;
    }
  }

  private parseSubscript(node: Expr, start: Pos): Expr {
    const tok = this.stream.next();
    if (tok.type === 'dot') {
      const attr = this.stream.next();
      if (attr.type === 'name') return { kind: 'getattr', node, attr: attr.value, pos: start };
      if (attr.type !== 'integer') this.stream.fail('expected name or number', attr.pos);
      return { kind: 'getattr', node, attr: String(attr.num), pos: start };
    }
    const args: Expr[] = [];
    while (!this.at('rbracket')) {
      if (args.length > 0) this.stream.expect('comma');
      args.push(this.parseSubscribed(node, start));
    }
    this.stream.expect('rbracket');
    if (args.length === 1) {
      const arg = args[0] as Expr;
      return arg.kind === 'slice' && arg.node === node ? arg : { kind: 'getitem', node, arg, pos: start };
    }
    if (args.some((a) => a.kind === 'slice' && a.node === node)) {
      // Our AST has no slice value outside a subscript; Ansible content never uses `a[1:2, 3]`.
      this.stream.fail('multi-dimensional slices are not supported', tok.pos);
    }
    return { kind: 'getitem', node, arg: { kind: 'tuple', items: args, pos: tok.pos }, pos: start };
  }

  /** One subscript item: an expression or a slice (returned as a `slice` of `base`). */
  private parseSubscribed(base: Expr, start: Pos): Expr {
    let first: Expr | null = null;
    if (this.at('colon')) {
      this.stream.next();
    } else {
      first = this.parseExpression();
      if (!this.at('colon')) return first;
      this.stream.next();
    }
    let stop: Expr | null = null;
    if (!this.at('colon') && !this.at('rbracket') && !this.at('comma')) stop = this.parseExpression();
    let step: Expr | null = null;
    if (this.at('colon')) {
      this.stream.next();
      if (!this.at('rbracket') && !this.at('comma')) step = this.parseExpression();
    }
    return { kind: 'slice', node: base, start: first, stop, step, pos: start };
  }

  protected parseCallArgs(): CallArgs {
    const open = this.stream.expect('lparen');
    const out: CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    const ensure = (ok: boolean): void => {
      if (!ok) this.stream.fail('invalid syntax for function call expression', open.pos);
    };
    let requireComma = false;
    while (!this.at('rparen')) {
      if (requireComma) {
        this.stream.expect('comma');
        if (this.at('rparen')) break;
      }
      if (this.at('mul')) {
        ensure(out.dynArgs === null && out.dynKwargs === null);
        this.stream.next();
        out.dynArgs = this.parseExpression();
      } else if (this.at('pow')) {
        ensure(out.dynKwargs === null);
        this.stream.next();
        out.dynKwargs = this.parseExpression();
      } else if (this.at('name') && this.stream.look().type === 'assign') {
        ensure(out.dynKwargs === null);
        const name = this.stream.next().value;
        this.stream.next();
        out.kwargs.push({ name, value: this.parseExpression() });
      } else {
        ensure(out.dynArgs === null && out.dynKwargs === null && out.kwargs.length === 0);
        out.args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.stream.expect('rparen');
    out.args = fitted(out.args);
    out.kwargs = fitted(out.kwargs);
    return out;
  }

  private parseCall(node: Expr, start: Pos): Expr {
    const c = this.parseCallArgs();
    // Written out rather than spread: a spread object keeps its fields out of line, a block more per node.
    return { kind: 'call', node, args: c.args, kwargs: c.kwargs, dynArgs: c.dynArgs, dynKwargs: c.dynKwargs, pos: start };
  }

  /** A dotted filter or test name (`ansible.utils.ipaddr`). */
  private parseDottedName(): string {
    let name = this.stream.expect('name').value;
    while (this.at('dot')) {
      this.stream.next();
      name += '.' + this.stream.expect('name').value;
    }
    return name;
  }

  /** `node | f(args) | g`: each filter wraps the previous one. */
  private parseFilter(node: Expr, start: Pos): Expr {
    while (this.at('pipe')) {
      this.stream.next();
      node = this.parseOneFilter(node, start);
    }
    return node;
  }

  private parseOneFilter(node: Expr, pos: Pos): FilterExpr {
    const name = this.parseDottedName();
    const c = this.at('lparen') ? this.parseCallArgs() : { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    return { kind: 'filter', node, name, args: c.args, kwargs: c.kwargs, dynArgs: c.dynArgs, dynKwargs: c.dynKwargs, pos };
  }

  /**
   * The filters of `{% filter f | g %}` (`startInline`) or `{% set x | f %}`,
   * in the order they apply. The filtered value is the block body, so each
   * filter's `node` is a `const null` placeholder at the filter name.
   */
  protected parseBlockFilters(startInline: boolean): FilterExpr[] {
    const filters: FilterExpr[] = [];
    while (this.at('pipe') || startInline) {
      if (!startInline) this.stream.next();
      startInline = false;
      const pos = this.cur.pos;
      filters.push(this.parseOneFilter({ kind: 'const', value: null, pos }, pos));
    }
    return filters;
  }

  private parseTest(node: Expr, start: Pos): Expr {
    this.stream.next();
    const negated = this.stream.skipIf('name:not');
    const name = this.parseDottedName();
    let call: CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    if (this.at('lparen')) {
      call = this.parseCallArgs();
    } else if (TEST_ARG_STARTS.has(this.cur.type) && !['name:else', 'name:or', 'name:and'].some((e) => this.stream.test(e))) {
      if (this.stream.test('name:is')) this.stream.fail('You cannot chain multiple tests with is');
      const argStart = this.cur.pos;
      call.args = [this.parsePostfix(this.parsePrimary(), argStart)];
    }
    return {
      kind: 'test',
      node,
      name,
      args: call.args,
      kwargs: call.kwargs,
      dynArgs: call.dynArgs,
      dynKwargs: call.dynKwargs,
      negated,
      pos: start,
    };
  }
}
