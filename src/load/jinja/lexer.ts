// Jinja2 lexer with source positions. It follows the token rules of
// jinja2/lexer.py (3.1): the same tag, number, name, string and operator
// patterns, the same bracket balancing that decides whether `}}`/`%}` ends a
// tag, and the same errors. Unlike Jinja it never consumes whitespace for
// trim_blocks or `-`: text tokens keep the raw source and whitespace.ts
// decides what Jinja would have kept.

import type { JinjaSettings, Pos, Strip, TagWs } from './ast.js';
import { decodeStringLiteral } from './string-escape.js';
import { keptRange, PY_WS_RUN, type Edge } from './whitespace.js';
import { lastAtMost } from '../../base/sorted-search.js';

export type OpType =
  | 'add'
  | 'sub'
  | 'div'
  | 'floordiv'
  | 'mul'
  | 'mod'
  | 'pow'
  | 'tilde'
  | 'lbracket'
  | 'rbracket'
  | 'lparen'
  | 'rparen'
  | 'lbrace'
  | 'rbrace'
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gteq'
  | 'lt'
  | 'lteq'
  | 'assign'
  | 'dot'
  | 'colon'
  | 'pipe'
  | 'comma'
  | 'semicolon';

export type TokenType =
  | 'data'
  | 'raw'
  | 'comment'
  | 'variable_begin'
  | 'variable_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'integer'
  | 'float'
  | OpType
  | 'eof'
  | 'error';

export interface Token {
  type: TokenType;
  /** Name, decoded string, raw text (data/raw/comment), operator symbol, or error message. */
  value: string;
  /** The number of an integer/float token. */
  num?: number;
  pos: Pos;
  /** Offsets of the token in the source text. */
  start: number;
  end: number;
  /** Whitespace mark of a tag delimiter token. */
  strip?: Strip;
  /** Raw blocks and comments: the marks of their opening (and for raw, closing) tags. */
  ws?: TagWs;
  endWs?: TagWs;
}

const OPERATORS: Array<[string, OpType]> = [
  ['//', 'floordiv'],
  ['**', 'pow'],
  ['==', 'eq'],
  ['!=', 'ne'],
  ['>=', 'gteq'],
  ['<=', 'lteq'],
  ['+', 'add'],
  ['-', 'sub'],
  ['/', 'div'],
  ['*', 'mul'],
  ['%', 'mod'],
  ['~', 'tilde'],
  ['[', 'lbracket'],
  [']', 'rbracket'],
  ['(', 'lparen'],
  [')', 'rparen'],
  ['{', 'lbrace'],
  ['}', 'rbrace'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['=', 'assign'],
  ['.', 'dot'],
  [':', 'colon'],
  ['|', 'pipe'],
  [',', 'comma'],
  [';', 'semicolon'],
];

const FLOAT_RE = /(?:[0-9]+_)*[0-9]+(?:(?:\.(?:[0-9]+_)*[0-9]+)?e[+-]?(?:[0-9]+_)*[0-9]+|\.(?:[0-9]+_)*[0-9]+)/iy;
const INTEGER_RE = /0b(?:_?[01])+|0o(?:_?[0-7])+|0x(?:_?[0-9a-f])+|[1-9](?:_?[0-9])*|0(?:_?0)*/iy;
// Python's `\w` plus the combining marks Jinja's identifier pattern adds; validity is checked separately.
const NAME_RE = /[\p{L}\p{N}\p{M}\p{Pc}\u00b7\u2118\u212e\u309b\u309c]+/uy;
const IDENTIFIER_RE = /^[\p{L}\p{Nl}_\u2118\u212e\u309b\u309c][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\u00b7\u2118\u212e\u309b\u309c]*$/u;
const STRING_RE = /'([^'\\]*(?:\\[\s\S][^'\\]*)*)'|"([^"\\]*(?:\\[\s\S][^"\\]*)*)"/y;

/** Maps offsets to 1-based line/col; lines end at \r\n, \r or \n as in Jinja. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    const nl = /\r\n|\r|\n/g;
    for (let m = nl.exec(text); m; m = nl.exec(text)) this.starts.push(m.index + m[0].length);
  }

  pos(offset: number): Pos {
    const lo = Math.max(0, lastAtMost(this.starts, offset));
    return position(lo + 1, offset - (this.starts[lo] as number) + 1);
  }
}

/**
 * Positions near the start of a text, one frozen object each, shared by every parse of the run:
 * nearly every node of a variable's template string sits on line 1, and the parses of a large
 * defaults file's strings wait in the run's cache (parser.ts) with a {line, col} object per token,
 * a fifth of that cache (issue 17). Frozen, since one is shared: code that moves positions makes
 * new ones (parser.ts unshiftPositions).
 */
const SHARED_LINES = 8;
const SHARED_COLS = 512;
const sharedPositions: Array<Pos | undefined> = [];

export function position(line: number, col: number): Pos {
  if (line < 1 || line > SHARED_LINES || col < 1 || col > SHARED_COLS) return { line, col };
  const at = (line - 1) * SHARED_COLS + (col - 1);
  return (sharedPositions[at] ??= Object.freeze({ line, col }));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const WS = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*';

/**
 * Tokenises `text` from offset `from` (a `#jinja2:` header may precede it).
 * Stops at the first lexical error with an `error` token; always ends with
 * `eof` (or `error`). The `eof` token sits where Jinja reports end-of-template
 * errors: on the last token Jinja itself would have produced.
 */
export function tokenize(text: string, settings: JinjaSettings, from = 0, lines = new LineMap(text)): Token[] {
  return new Lexer(text, settings, lines).run(from);
}

type StartRule = [string, 'variable_begin' | 'comment_begin' | 'block_begin'];
interface DelimiterRules {
  rawBeginRe: RegExp;
  rawEndRe: RegExp;
  starts: StartRule[];
}

/**
 * The delimiter patterns of one set of settings, built once: a conversion lexes every string of
 * every variable, almost all with Ansible's settings, and building the patterns per string cost
 * more than lexing a short one. The sticky patterns are shared; each use sets lastIndex first.
 */
const RULES = new Map<string, DelimiterRules>();
/**
 * The delimiters the last lex used and their rules: nearly every lex of a run has Ansible's, and
 * the JSON key made for the map on every lex was a tenth of the audit's lexing at 1000 roles.
 */
let last: { s: Pick<JinjaSettings, 'blockStart' | 'blockEnd' | 'variableStart' | 'commentStart'>; r: DelimiterRules } | undefined;

function delimiterRules(s: JinjaSettings): DelimiterRules {
  if (
    last !== undefined &&
    last.s.blockStart === s.blockStart &&
    last.s.blockEnd === s.blockEnd &&
    last.s.variableStart === s.variableStart &&
    last.s.commentStart === s.commentStart
  )
    return last.r;
  const key = JSON.stringify([s.blockStart, s.blockEnd, s.variableStart, s.commentStart]);
  let r = RULES.get(key);
  if (!r) {
    const bs = escapeRe(s.blockStart);
    const be = escapeRe(s.blockEnd);
    // Jinja sorts its start rules by length, then name, both descending.
    const starts: StartRule[] = [
      [s.variableStart, 'variable_begin'],
      [s.commentStart, 'comment_begin'],
      [s.blockStart, 'block_begin'],
    ];
    r = {
      rawBeginRe: new RegExp(`${bs}([-+]?)${WS}raw${WS}(?:(-)${be}|${be})`, 'y'),
      rawEndRe: new RegExp(`${bs}([-+]?)${WS}endraw${WS}(?:([+-])${be}|${be})`, 'y'),
      starts: starts.sort((a, b) => b[0].length - a[0].length),
    };
    RULES.set(key, r);
  }
  const { blockStart, blockEnd, variableStart, commentStart } = s;
  last = { s: { blockStart, blockEnd, variableStart, commentStart }, r };
  return r;
}

class Lexer {
  private readonly tokens: Token[] = [];
  /** Where Jinja's own last token started (comments, raw markers and empty data are invisible to it). */
  private lastVisible: Pos;
  private readonly rawBeginRe: RegExp;
  private readonly rawEndRe: RegExp;
  private readonly starts: Array<[string, 'variable_begin' | 'comment_begin' | 'block_begin']>;

  constructor(
    private readonly src: string,
    private readonly s: JinjaSettings,
    private readonly lines: LineMap,
  ) {
    const shared = delimiterRules(s);
    this.rawBeginRe = shared.rawBeginRe;
    this.rawEndRe = shared.rawEndRe;
    this.starts = shared.starts;
    this.lastVisible = { line: 1, col: 1 };
  }

  private push(tok: Omit<Token, 'pos'>, visible = true): Token {
    // Every caller passes a fresh literal: completing it in place saves a copy per token.
    const t = tok as Token;
    t.pos = this.lines.pos(tok.start);
    this.tokens.push(t);
    if (visible) this.lastVisible = t.pos;
    return t;
  }

  private fail(message: string, at: number): Token[] {
    this.push({ type: 'error', value: message, start: at, end: at }, false);
    return this.tokens;
  }

  /** The edge a data token touches, derived from the tokens around it. */
  private prevEdge(): Edge | null {
    const t = this.tokens[this.tokens.length - 1];
    if (!t) return null;
    if (t.type === 'comment') return { kind: 'comment', strip: t.ws?.after ?? '' };
    if (t.type === 'raw') return { kind: 'rawEnd', strip: t.endWs?.after ?? '' };
    return { kind: t.type === 'variable_end' ? 'variable' : 'block', strip: t.strip ?? '' };
  }

  /** Adds the text between tags; Jinja only sees it when whitespace control leaves something. */
  private data(start: number, end: number, next: Edge | null): void {
    if (end <= start) return;
    const value = this.src.slice(start, end);
    const [ks, ke] = keptRange(value, this.prevEdge(), next, this.s);
    this.push({ type: 'data', value, start, end }, false);
    if (ke > ks) this.lastVisible = this.lines.pos(start + ks);
  }

  run(from: number): Token[] {
    const src = this.src;
    let p = from;
    while (p < src.length) {
      // Earliest tag start; at one offset the raw block wins, then longer delimiters.
      let at = -1;
      for (const [delim] of this.starts) {
        const i = src.indexOf(delim, p);
        if (i >= 0 && (at < 0 || i < at)) at = i;
      }
      if (at < 0) {
        this.data(p, src.length, null);
        break;
      }
      this.rawBeginRe.lastIndex = at;
      const raw = this.rawBeginRe.exec(src);
      if (raw) {
        const sign = (raw[1] ?? '') as Strip;
        this.data(p, at, { kind: 'rawBegin', strip: sign });
        const r = this.rawBlock(at, raw[0].length, { before: sign, after: raw[2] === '-' ? '-' : '' });
        if (r < 0) return this.tokens;
        p = r;
        continue;
      }
      const [delim, kind] = this.starts.find(([d]) => src.startsWith(d, at)) as [string, string];
      const signCh = src[at + delim.length];
      const sign: Strip = signCh === '-' || signCh === '+' ? signCh : '';
      const inner = at + delim.length + sign.length;
      if (kind === 'comment_begin') {
        this.data(p, at, { kind: 'comment', strip: sign });
        const r = this.comment(at, inner, sign);
        if (r < 0) return this.tokens;
        p = r;
      } else {
        const isVar = kind === 'variable_begin';
        this.data(p, at, { kind: isVar ? 'variable' : 'block', strip: sign });
        this.push({ type: isVar ? 'variable_begin' : 'block_begin', value: delim, start: at, end: inner, strip: sign });
        const r = this.tag(inner, isVar);
        if (r < 0) return this.tokens;
        p = r;
      }
    }
    this.tokens.push({ type: 'eof', value: '', start: src.length, end: src.length, pos: this.lastVisible });
    return this.tokens;
  }

  /** `{# ... #}`: returns the offset after it, or -1 after an error token. */
  private comment(at: number, inner: number, sign: Strip): number {
    const ce = this.s.commentEnd;
    for (let i = inner; i < this.src.length; i++) {
      let after: Strip | null = null;
      if (this.src.startsWith('+' + ce, i)) after = '+';
      else if (this.src.startsWith('-' + ce, i)) after = '-';
      else if (this.src.startsWith(ce, i)) after = '';
      if (after === null) continue;
      const end = i + after.length + ce.length;
      this.push({ type: 'comment', value: this.src.slice(inner, i), start: at, end, ws: { before: sign, after } }, false);
      return end;
    }
    // Jinja's failure rule needs one more character: a comment opened at the very end is accepted.
    if (this.atSourceEnd(inner)) {
      this.push({ type: 'comment', value: '', start: at, end: this.src.length, ws: { before: sign, after: '' } }, false);
      return this.src.length;
    }
    this.fail('Missing end of comment tag', at);
    return -1;
  }

  /** Whether only the newline Jinja drops from the end of the source follows `p`. */
  private atSourceEnd(p: number): boolean {
    const rest = this.src.slice(p);
    return rest === '' || (!this.s.keepTrailingNewline && /^(?:\r\n|\r|\n)$/.test(rest));
  }

  /** `{% raw %}...{% endraw %}`: one token holding the content. */
  private rawBlock(at: number, beginLen: number, ws: TagWs): number {
    const contentStart = at + beginLen;
    const bs = this.s.blockStart;
    for (let i = this.src.indexOf(bs, contentStart); i >= 0; i = this.src.indexOf(bs, i + 1)) {
      this.rawEndRe.lastIndex = i;
      const m = this.rawEndRe.exec(this.src);
      if (!m) continue;
      const endWs: TagWs = { before: (m[1] ?? '') as Strip, after: (m[2] ?? '') as Strip };
      const content = this.src.slice(contentStart, i);
      const [ks, ke] = keptRange(content, { kind: 'rawBegin', strip: ws.after }, { kind: 'rawEnd', strip: endWs.before }, this.s);
      this.push({ type: 'raw', value: content, start: at, end: i + m[0].length, ws, endWs }, false);
      if (ke > ks) this.lastVisible = this.lines.pos(contentStart + ks);
      return i + m[0].length;
    }
    const [ks, ke] = keptRange(this.src.slice(contentStart), { kind: 'rawBegin', strip: ws.after }, null, this.s);
    if (ke <= ks) {
      // As for comments: nothing left to lex after the opening tag is not an error for Jinja.
      this.push(
        { type: 'raw', value: this.src.slice(contentStart), start: at, end: this.src.length, ws, endWs: { before: '', after: '' } },
        false,
      );
      return this.src.length;
    }
    this.fail('Missing end of raw directive', contentStart + ks);
    return -1;
  }

  /** Tokens inside `{{ }}` or `{% %}` up to and including the end delimiter. */
  private tag(from: number, isVar: boolean): number {
    const src = this.src;
    const end = isVar ? this.s.variableEnd : this.s.blockEnd;
    const balance: string[] = [];
    let p = from;
    while (p < src.length) {
      if (balance.length === 0) {
        let sign: Strip | null = null;
        if (!isVar && src.startsWith('+' + end, p)) sign = '+';
        else if (src.startsWith('-' + end, p)) sign = '-';
        else if (src.startsWith(end, p)) sign = '';
        if (sign !== null) {
          const e = p + sign.length + end.length;
          this.push({ type: isVar ? 'variable_end' : 'block_end', value: end, start: p, end: e, strip: sign });
          return e;
        }
      }
      PY_WS_RUN.lastIndex = p;
      const ws = PY_WS_RUN.exec(src);
      if (ws) {
        p += ws[0].length;
        continue;
      }
      const next = this.exprToken(p, balance);
      if (next < 0) return -1;
      p = next;
    }
    // Jinja's lexer simply stops at the end of the source inside a tag; the parser reports it.
    return p;
  }

  private match(re: RegExp, p: number): RegExpExecArray | null {
    re.lastIndex = p;
    return re.exec(this.src);
  }

  /** One number, name, string or operator token at `p`; returns the offset after it, -1 on error. */
  private exprToken(p: number, balance: string[]): number {
    const src = this.src;
    const fl = src[p - 1] === '.' ? null : this.match(FLOAT_RE, p);
    if (fl) {
      this.push({ type: 'float', value: fl[0], num: Number(fl[0].replace(/_/g, '')), start: p, end: p + fl[0].length });
      return p + fl[0].length;
    }
    const int = this.match(INTEGER_RE, p);
    if (int) {
      this.push({ type: 'integer', value: int[0], num: parseInteger(int[0]), start: p, end: p + int[0].length });
      return p + int[0].length;
    }
    const name = this.match(NAME_RE, p);
    if (name) {
      if (!IDENTIFIER_RE.test(name[0])) {
        this.fail('Invalid character in identifier', p);
        return -1;
      }
      this.push({ type: 'name', value: name[0], start: p, end: p + name[0].length });
      return p + name[0].length;
    }
    const str = this.match(STRING_RE, p);
    if (str) {
      const decoded = decodeStringLiteral(str[1] ?? str[2] ?? '');
      if (!decoded.ok) {
        this.fail(decoded.message, p);
        return -1;
      }
      this.push({ type: 'string', value: decoded.value, start: p, end: p + str[0].length });
      return p + str[0].length;
    }
    const op = OPERATORS.find(([sym]) => src.startsWith(sym, p));
    if (!op) {
      this.fail(`unexpected char ${pyRepr(src[p] as string)} at ${p}`, p);
      return -1;
    }
    const [sym, type] = op;
    if (sym === '{' || sym === '(' || sym === '[') balance.push(sym === '{' ? '}' : sym === '(' ? ')' : ']');
    else if (sym === '}' || sym === ')' || sym === ']') {
      const expected = balance.pop();
      if (expected === undefined) {
        this.fail(`unexpected '${sym}'`, p);
        return -1;
      }
      if (expected !== sym) {
        this.fail(`unexpected '${sym}', expected '${expected}'`, p);
        return -1;
      }
    }
    this.push({ type, value: sym, start: p, end: p + sym.length });
    return p + sym.length;
  }
}

function parseInteger(s: string): number {
  const digits = s.replace(/_/g, '').toLowerCase();
  if (digits.startsWith('0b')) return parseInt(digits.slice(2), 2);
  if (digits.startsWith('0o')) return parseInt(digits.slice(2), 8);
  if (digits.startsWith('0x')) return parseInt(digits.slice(2), 16);
  return Number(digits);
}

function pyRepr(ch: string): string {
  return ch === "'" ? `"'"` : `'${ch}'`;
}
