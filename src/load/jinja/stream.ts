// Token cursor with Jinja's TokenStream semantics: one current token, one token
// of look-ahead, and lexer errors surfacing only when the parser reaches them
// (Jinja lexes lazily, so an earlier parse error wins over a later lex error).

import type { Pos } from './ast.js';
import type { Token, TokenType } from './lexer.js';

/** Thrown inside the parser only; the public functions turn it into a ParseResult. */
export class JinjaSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
  }
}

const DESCRIPTIONS: Partial<Record<TokenType, string>> = {
  block_begin: 'begin of statement block',
  block_end: 'end of statement block',
  variable_begin: 'begin of print statement',
  variable_end: 'end of print statement',
  data: 'template data / text',
  raw: 'template data / text',
  eof: 'end of template',
};

/** Jinja's describe_token: a name is shown as itself, an operator as its symbol. */
export function describe(tok: Token): string {
  if (tok.type === 'name') return tok.value;
  return describeType(tok.type, tok.value);
}

function describeType(type: TokenType, value: string): string {
  if (type === 'name' || type === 'string' || type === 'integer' || type === 'float') return type;
  return DESCRIPTIONS[type] ?? value;
}

const OP_SYMBOLS: Partial<Record<TokenType, string>> = {
  rparen: ')',
  rbracket: ']',
  rbrace: '}',
  lparen: '(',
  comma: ',',
  colon: ':',
  assign: '=',
  dot: '.',
};

/** Describes an expectation written as `type` or `name:value`, like describe_token_expr. */
export function describeExpected(expr: string): string {
  const colon = expr.indexOf(':');
  if (colon >= 0 && expr.slice(0, colon) === 'name') return expr.slice(colon + 1);
  const type = expr as TokenType;
  return OP_SYMBOLS[type] ?? DESCRIPTIONS[type] ?? type;
}

export class TokenStream {
  private i = 0;

  constructor(private readonly tokens: Token[]) {
    this.check(0);
  }

  private check(i: number): Token {
    const t = this.tokens[Math.min(i, this.tokens.length - 1)] as Token;
    if (t.type === 'error') throw new JinjaSyntaxError(t.value, t.pos);
    return t;
  }

  get current(): Token {
    return this.tokens[this.i] as Token;
  }

  /** The token after the current one (Jinja's look()). */
  look(): Token {
    return this.check(this.i + 1);
  }

  /** Moves on and returns the token that was current. */
  next(): Token {
    const t = this.current;
    if (t.type !== 'eof') {
      this.i++;
      this.check(this.i);
    }
    return t;
  }

  test(expr: string): boolean {
    return testToken(this.current, expr);
  }

  skipIf(expr: string): boolean {
    if (!this.test(expr)) return false;
    this.next();
    return true;
  }

  expect(expr: string): Token {
    if (!this.test(expr)) {
      const what = describeExpected(expr);
      if (this.current.type === 'eof') this.fail(`unexpected end of template, expected '${what}'.`);
      this.fail(`expected token '${what}', got '${describe(this.current)}'`);
    }
    return this.next();
  }

  fail(message: string, pos: Pos = this.current.pos): never {
    throw new JinjaSyntaxError(message, pos);
  }
}

/** Jinja's Token.test: `type` or `type:value`. */
export function testToken(t: Token, expr: string): boolean {
  if (t.type === expr) return true;
  const colon = expr.indexOf(':');
  return colon >= 0 && t.type === expr.slice(0, colon) && t.value === expr.slice(colon + 1);
}
