// Template and statement grammar, following jinja2/parser.py (3.1) plus the
// `do` and loopcontrols (`break`, `continue`) extensions Ansible enables.
// Each statement consumes its tags through their closing `%}` so that the
// whitespace marks of every tag land in the AST.

import type { Expr, Node, Pos, TagWs } from './ast.js';
import type { Token } from './lexer.js';
import { ExprParser, fitted } from './parse-expr.js';
import { describeExpected, type TokenStream } from './stream.js';

type Param = { name: string; default: Expr | null };

interface Body {
  /** Strip mark of the `%}` closing the opening tag. */
  headerEnd: Token;
  body: Node[];
  /** The `{%` of the tag that ended the body; its name is current (or consumed with dropNeedle). */
  endBegin: Token;
}

interface TargetOptions {
  nameOnly?: boolean;
  extraEndRules?: string[];
  withNamespace?: boolean;
}

const RESERVED_NAMES = new Set(['true', 'false', 'none', 'True', 'False', 'None']);

export class TemplateParser extends ExprParser {
  private readonly tagStack: string[] = [];
  private readonly endTokenStack: string[][] = [];

  constructor(
    stream: TokenStream,
    private readonly source: string,
  ) {
    super(stream);
  }

  parseTemplate(): Node[] {
    return this.subparse(null).body;
  }

  private subparse(endTokens: string[] | null): { body: Node[]; endBegin: Token | null } {
    const body: Node[] = [];
    if (endTokens) this.endTokenStack.push(endTokens);
    try {
      while (!this.at('eof')) {
        const tok = this.cur;
        if (tok.type === 'data') {
          body.push({ kind: 'text', text: tok.value, pos: tok.pos });
          this.stream.next();
        } else if (tok.type === 'raw') {
          body.push({ kind: 'raw', text: tok.value, tag: tok.ws as TagWs, endTag: tok.endWs as TagWs, pos: tok.pos });
          this.stream.next();
        } else if (tok.type === 'comment') {
          body.push({ kind: 'comment', text: tok.value, tag: tok.ws as TagWs, pos: tok.pos });
          this.stream.next();
        } else if (tok.type === 'variable_begin') {
          this.stream.next();
          const expr = this.parseTuple({ withCondexpr: true });
          const end = this.stream.expect('variable_end');
          body.push({ kind: 'output', expr, stripBefore: tok.strip ?? '', stripAfter: end.strip ?? '', pos: tok.pos });
        } else {
          this.stream.next();
          if (endTokens?.some((e) => this.stream.test(e))) return { body: fitted(body), endBegin: tok };
          body.push(this.parseStatement(tok));
        }
      }
    } finally {
      if (endTokens) this.endTokenStack.pop();
    }
    return { body: fitted(body), endBegin: null };
  }

  /** Header end, body, and the end tag's `{%`; the end tag's name is consumed when dropNeedle. */
  private parseStatements(endTokens: string[], dropNeedle = false): Body {
    this.stream.skipIf('colon');
    const headerEnd = this.stream.expect('block_end');
    const { body, endBegin } = this.subparse(endTokens);
    if (endBegin === null) this.failEof(endTokens);
    if (dropNeedle) this.stream.next();
    return { headerEnd, body, endBegin };
  }

  private ws(begin: Token, end: Token): TagWs {
    return { before: begin.strip ?? '', after: end.strip ?? '' };
  }

  private endBlock(): Token {
    return this.stream.expect('block_end');
  }

  private parseStatement(begin: Token): Node {
    const tok = this.cur;
    if (tok.type !== 'name') this.stream.fail('tag name expected', tok.pos);
    this.tagStack.push(tok.value);
    try {
      switch (tok.value) {
        case 'if':
          return this.parseIf(begin);
        case 'for':
          return this.parseFor(begin);
        case 'set':
          return this.parseSet(begin);
        case 'with':
          return this.parseWith(begin);
        case 'macro':
          return this.parseMacro(begin);
        case 'call':
          return this.parseCallBlock(begin);
        case 'filter':
          return this.parseFilterBlock(begin);
        case 'include':
          return this.parseInclude(begin);
        case 'import':
          return this.parseImport(begin);
        case 'from':
          return this.parseFrom(begin);
        case 'block':
          return this.parseBlock(begin);
        case 'autoescape':
        case 'extends':
        case 'print':
        case 'do':
        case 'break':
        case 'continue':
          return this.parseOther(begin, tok.value);
      }
    } finally {
      this.tagStack.pop();
    }
    return this.failUnknownTag(tok.value, tok.pos);
  }

  private parseIf(begin: Token): Node {
    this.stream.next();
    const branches: Array<{ test: Expr; body: Node[]; tag: TagWs }> = [];
    let tagBegin = begin;
    let elseBody: Node[] | null = null;
    let elseTag: TagWs | null = null;
    for (;;) {
      const test = this.parseTuple({ withCondexpr: false });
      const r = this.parseStatements(['name:elif', 'name:else', 'name:endif']);
      branches.push({ test, body: r.body, tag: this.ws(tagBegin, r.headerEnd) });
      const word = this.stream.next().value;
      if (word === 'elif') {
        tagBegin = r.endBegin;
        continue;
      }
      if (word === 'else') {
        const e = this.parseStatements(['name:endif'], true);
        elseBody = e.body;
        elseTag = this.ws(r.endBegin, e.headerEnd);
        return { kind: 'if', branches, else: elseBody, elseTag, endTag: this.ws(e.endBegin, this.endBlock()), pos: begin.pos };
      }
      return { kind: 'if', branches, else: elseBody, elseTag, endTag: this.ws(r.endBegin, this.endBlock()), pos: begin.pos };
    }
  }

  private parseFor(begin: Token): Node {
    this.stream.next();
    const target = this.parseAssignTarget({ extraEndRules: ['name:in'] });
    this.stream.expect('name:in');
    const iter = this.parseTuple({ withCondexpr: false, extraEndRules: ['name:recursive'] });
    const filter = this.stream.skipIf('name:if') ? this.parseExpression() : null;
    const recursive = this.stream.skipIf('name:recursive');
    const r = this.parseStatements(['name:endfor', 'name:else']);
    const base = { kind: 'for' as const, target, iter, filter, recursive, body: r.body, tag: this.ws(begin, r.headerEnd), pos: begin.pos };
    if (this.stream.next().value === 'endfor') {
      return { ...base, else: null, elseTag: null, endTag: this.ws(r.endBegin, this.endBlock()) };
    }
    const e = this.parseStatements(['name:endfor'], true);
    return { ...base, else: e.body, elseTag: this.ws(r.endBegin, e.headerEnd), endTag: this.ws(e.endBegin, this.endBlock()) };
  }

  private parseSet(begin: Token): Node {
    this.stream.next();
    const target = this.parseAssignTarget({ withNamespace: true });
    if (this.stream.skipIf('assign')) {
      const value = this.parseTuple();
      return { kind: 'set', target, value, tag: this.ws(begin, this.endBlock()), pos: begin.pos };
    }
    const filters = this.parseBlockFilters(false);
    const r = this.parseStatements(['name:endset'], true);
    return {
      kind: 'setblock',
      target,
      filters,
      body: r.body,
      tag: this.ws(begin, r.headerEnd),
      endTag: this.ws(r.endBegin, this.endBlock()),
      pos: begin.pos,
    };
  }

  private parseWith(begin: Token): Node {
    this.stream.next();
    const targets: Array<{ target: Expr; value: Expr }> = [];
    while (!this.at('block_end')) {
      if (targets.length > 0) this.stream.expect('comma');
      const target = this.parseAssignTarget();
      this.stream.expect('assign');
      targets.push({ target, value: this.parseExpression() });
    }
    const r = this.parseStatements(['name:endwith'], true);
    return {
      kind: 'with',
      targets,
      body: r.body,
      tag: this.ws(begin, r.headerEnd),
      endTag: this.ws(r.endBegin, this.endBlock()),
      pos: begin.pos,
    };
  }

  private parseSignature(): Param[] {
    const params: Param[] = [];
    this.stream.expect('lparen');
    while (!this.at('rparen')) {
      if (params.length > 0) this.stream.expect('comma');
      const name = this.parseName();
      if (this.stream.skipIf('assign')) params.push({ name, default: this.parseExpression() });
      else if (params.some((p) => p.default !== null)) this.stream.fail('non-default argument follows default argument');
      else params.push({ name, default: null });
    }
    this.stream.expect('rparen');
    return params;
  }

  private parseMacro(begin: Token): Node {
    this.stream.next();
    const name = this.parseName();
    const params = this.parseSignature();
    const r = this.parseStatements(['name:endmacro'], true);
    return {
      kind: 'macro',
      name,
      params,
      body: r.body,
      tag: this.ws(begin, r.headerEnd),
      endTag: this.ws(r.endBegin, this.endBlock()),
      pos: begin.pos,
    };
  }

  private parseCallBlock(begin: Token): Node {
    const callTok = this.stream.next();
    const params = this.at('lparen') ? this.parseSignature() : [];
    const call = this.parseExpression();
    if (call.kind !== 'call') this.stream.fail('expected call', callTok.pos);
    const r = this.parseStatements(['name:endcall'], true);
    return {
      kind: 'callblock',
      call,
      params,
      body: r.body,
      tag: this.ws(begin, r.headerEnd),
      endTag: this.ws(r.endBegin, this.endBlock()),
      pos: begin.pos,
    };
  }

  private parseFilterBlock(begin: Token): Node {
    this.stream.next();
    const filters = this.parseBlockFilters(true);
    const r = this.parseStatements(['name:endfilter'], true);
    return {
      kind: 'filterblock',
      filters,
      body: r.body,
      tag: this.ws(begin, r.headerEnd),
      endTag: this.ws(r.endBegin, this.endBlock()),
      pos: begin.pos,
    };
  }

  /** `with context` / `without context`, if present. */
  private parseContext(): boolean | null {
    if (
      (this.cur.value === 'with' || this.cur.value === 'without') &&
      this.stream.look().type === 'name' &&
      this.stream.look().value === 'context'
    ) {
      const withContext = this.stream.next().value === 'with';
      this.stream.next();
      return withContext;
    }
    return null;
  }

  private parseInclude(begin: Token): Node {
    this.stream.next();
    const template = this.parseExpression();
    let ignoreMissing = false;
    if (this.stream.test('name:ignore') && this.stream.look().type === 'name' && this.stream.look().value === 'missing') {
      ignoreMissing = true;
      this.stream.next();
      this.stream.next();
    }
    const withContext = (this.at('name') ? this.parseContext() : null) ?? true;
    return { kind: 'include', template, ignoreMissing, withContext, tag: this.ws(begin, this.endBlock()), pos: begin.pos };
  }

  private parseImport(begin: Token): Node {
    this.stream.next();
    const template = this.parseExpression();
    this.stream.expect('name:as');
    const alias = this.parseName();
    if (this.at('name')) this.parseContext();
    return { kind: 'import', template, alias, names: [], tag: this.ws(begin, this.endBlock()), pos: begin.pos };
  }

  private parseFrom(begin: Token): Node {
    this.stream.next();
    const template = this.parseExpression();
    this.stream.expect('name:import');
    const names: Array<{ name: string; alias: string | null }> = [];
    for (;;) {
      if (names.length > 0) this.stream.expect('comma');
      if (!this.at('name')) {
        this.stream.expect('name');
        continue;
      }
      if (this.parseContext() !== null) break;
      const pos = this.cur.pos;
      const name = this.parseName();
      if (name.startsWith('_')) this.stream.fail('names starting with an underline can not be imported', pos);
      names.push({ name, alias: this.stream.skipIf('name:as') ? this.parseName() : null });
      if (this.parseContext() !== null || !this.at('comma')) break;
    }
    return { kind: 'import', template, alias: null, names, tag: this.ws(begin, this.endBlock()), pos: begin.pos };
  }

  private parseBlock(begin: Token): Node {
    this.stream.next();
    const name = this.stream.expect('name').value;
    this.stream.skipIf('name:scoped');
    const required = this.stream.skipIf('name:required');
    if (this.at('sub')) {
      this.stream.fail('Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.');
    }
    const r = this.parseStatements(['name:endblock'], true);
    if (required && !r.body.every((n) => n.kind === 'comment' || (n.kind === 'text' && /^\s*$/.test(n.text)))) {
      this.stream.fail('Required blocks can only contain comments or whitespace');
    }
    this.stream.skipIf('name:' + name);
    return this.other(begin, 'block', r.headerEnd, r.body, this.ws(r.endBegin, this.endBlock()));
  }

  /** Tags kept as `other`: autoescape has a body, the rest are one tag. */
  private parseOther(begin: Token, tagName: string): Node {
    this.stream.next();
    if (tagName === 'autoescape') {
      this.parseExpression();
      const r = this.parseStatements(['name:endautoescape'], true);
      return this.other(begin, tagName, r.headerEnd, r.body, this.ws(r.endBegin, this.endBlock()));
    }
    if (tagName === 'extends') this.parseExpression();
    else if (tagName === 'do') this.parseTuple();
    else if (tagName === 'print') {
      for (let first = true; !this.at('block_end'); first = false) {
        if (!first) this.stream.expect('comma');
        this.parseExpression();
      }
    }
    return this.other(begin, tagName, this.endBlock(), null, null);
  }

  private other(begin: Token, tagName: string, headerEnd: Token, body: Node[] | null, endTag: TagWs | null): Node {
    const source = this.source.slice(begin.end, headerEnd.start).trim();
    return { kind: 'other', tagName, source, body, tag: this.ws(begin, headerEnd), endTag, pos: begin.pos };
  }

  private parseName(): string {
    return this.nameTarget(this.stream.expect('name'));
  }

  private nameTarget(tok: Token): string {
    if (RESERVED_NAMES.has(tok.value)) this.stream.fail("can't assign to 'name'", tok.pos);
    return tok.value;
  }

  /** Assignment targets: a name, a tuple of names, or `ns.attr` (namespace attribute, as a getattr). */
  private parseAssignTarget(opts: TargetOptions = {}): Expr {
    if (opts.withNamespace && this.stream.look().type === 'dot') {
      const ns = this.stream.expect('name');
      this.stream.next();
      const attr = this.stream.expect('name');
      return { kind: 'getattr', node: { kind: 'name', name: ns.value, pos: ns.pos }, attr: attr.value, pos: ns.pos };
    }
    if (opts.nameOnly) {
      const tok = this.stream.expect('name');
      return { kind: 'name', name: this.nameTarget(tok), pos: tok.pos };
    }
    const target = this.parseTuple({ simplified: true, extraEndRules: opts.extraEndRules });
    const bad = unassignable(target);
    if (bad) this.stream.fail(`can't assign to '${bad.kind}'`, target.pos);
    return target;
  }

  private failEof(endTokens: string[]): never {
    return this.failUnknownOrEof(null, [...this.endTokenStack, endTokens], this.cur.pos);
  }

  private failUnknownTag(name: string, pos: Pos): never {
    return this.failUnknownOrEof(name, this.endTokenStack, pos);
  }

  /** Jinja's _fail_ut_eof message. */
  private failUnknownOrEof(name: string | null, stack: string[][], pos: Pos): never {
    const expected = new Set(stack.flat().map(describeExpected));
    const top = stack[stack.length - 1];
    const looking = top ? top.map((e) => `'${describeExpected(e)}'`).join(' or ') : null;
    const msg = [name === null ? 'Unexpected end of template.' : `Encountered unknown tag '${name}'.`];
    if (looking) {
      if (name !== null && expected.has(name)) {
        msg.push(`You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ${looking}.`);
      } else {
        msg.push(`Jinja was looking for the following tags: ${looking}.`);
      }
    }
    const inner = this.tagStack[this.tagStack.length - 1];
    if (inner !== undefined) msg.push(`The innermost block that needs to be closed is '${inner}'.`);
    return this.stream.fail(msg.join(' '), pos);
  }
}

/** The first part of an assignment target Jinja refuses (can_assign), if any. */
function unassignable(e: Expr): Expr | null {
  if (e.kind === 'name') return RESERVED_NAMES.has(e.name) ? e : null;
  if (e.kind === 'tuple') return e.items.some((i) => unassignable(i) !== null) ? e : null;
  return e;
}
