// Prints the Ruby expression IR (ast.ts) as Ruby source, with the fewest parentheses that keep the tree's meaning.
// Precedence follows the Ruby operator table (doc/syntax/precedence.rdoc), highest first:
//   !  >  **  >  unary -  >  * / %  >  + -  >  < <= > >=  >  == !=  >  &&  >  ||  >  ?:
import { someExpr, typeOf, type RBinOp, type RBlock, type RExpr } from '../ir/ruby-ast.js';
import { RubyPrintError, escapeDoubleQuoted, isMethodName, isWellFormed, rubyIdentifier, rubyString, type QuoteOptions } from './quote.js';

export interface PrintOptions extends QuoteOptions {
  /** Column budget for laying hashes and arrays over several lines; omitted: always one line. */
  width?: number;
  /** Current indentation (spaces) used when a literal is broken over lines. */
  indent?: number;
  /** Columns already used on the current line before the expression starts. */
  column?: number;
}

// Binding strength; larger binds tighter.
const P_TERNARY = 1;
const P_OR = 2;
const P_AND = 3;
const P_EQ = 4;
const P_CMP = 5;
const P_ADD = 6;
const P_MUL = 7;
const P_NEG = 8;
const P_POW = 9;
const P_NOT = 10;
const P_PRIMARY = 11;

const BINOP_PREC: Record<RBinOp, number> = {
  '||': P_OR,
  '&&': P_AND,
  '==': P_EQ,
  '!=': P_EQ,
  '<': P_CMP,
  '<=': P_CMP,
  '>': P_CMP,
  '>=': P_CMP,
  '+': P_ADD,
  '-': P_ADD,
  '*': P_MUL,
  '/': P_MUL,
  '%': P_MUL,
  '**': P_POW,
};

/** Print e on one line (or laid out when opts.width is given). */
export function printExpr(e: RExpr, opts: PrintOptions = {}): string {
  return new ExprPrinter(opts).print(e);
}

/** e printed as a primary expression (a receiver of `.method`), parenthesised when it is an operation. */
export function printPrimary(e: RExpr, opts: PrintOptions = {}): string {
  const s = printExpr(e, { ...opts, width: undefined });
  return precOf(e) < P_PRIMARY ? `(${s})` : s;
}

/** The precedence of e as printed; literals that print with a leading `-` count as unary minus. */
function precOf(e: RExpr): number {
  switch (e.k) {
    case 'binop':
      return BINOP_PREC[e.op];
    case 'ternary':
      return P_TERNARY;
    case 'not':
      return P_NOT;
    case 'neg':
      return P_NEG;
    case 'int':
    case 'float':
      return e.v < 0 || Object.is(e.v, -0) ? P_NEG : P_PRIMARY;
    default:
      return P_PRIMARY;
  }
}

/** `s`, the one-line print of e, in parentheses when e binds less tightly than minPrec. */
function parenthesised(e: RExpr, s: string, minPrec: number): string {
  return precOf(e) < minPrec ? `(${s})` : s;
}

class ExprPrinter {
  /**
   * One-line forms of the arrays and hashes printed so far, by their item list. A literal too wide
   * for its line is printed flat first, then item by item, each item flat first again: without
   * these, every level of a nested literal printed everything below it once more.
   */
  private flatLiterals: Map<object, string> | undefined;

  constructor(private readonly opts: PrintOptions) {}

  print(e: RExpr): string {
    return this.expr(e, this.opts.indent ?? 0, this.opts.column ?? this.opts.indent ?? 0);
  }

  /** A printer that never breaks lines: used inside interpolations and operators. */
  private flat(e: RExpr): string {
    return this.expr(e, 0, 0, true);
  }

  private expr(e: RExpr, indent: number, column: number, forceFlat = false): string {
    switch (e.k) {
      case 'str':
        return rubyString(e.v, this.opts);
      case 'int':
        return printInt(e.v);
      case 'float':
        return printFloat(e.v);
      case 'bool':
        return e.v ? 'true' : 'false';
      case 'nil':
        return 'nil';
      case 'sym':
        return printSymbol(e.v, this.opts);
      case 'array':
        return this.array(e.items, indent, column, forceFlat);
      case 'hash':
        return this.hash(e.pairs, indent, column, forceFlat);
      case 'interp':
        return this.interp(e.parts);
      case 'var':
        return rubyIdentifier(e.name);
      case 'ivar':
        return `@${rubyIdentifier(e.name)}`;
      case 'const':
        return printConst(e.path);
      case 'index':
        return `${this.receiver(e.recv)}[${this.flat(e.key)}]`;
      case 'call':
        return this.call(e);
      case 'binop':
        return this.binop(e.op, e.l, e.r);
      case 'not':
        return `!${this.operand(e.e, P_NOT + 1)}`;
      case 'neg': {
        const inner = this.operand(e.e, P_NEG);
        // `--x` reads as a typo and `-1` would merge into a literal; keep the operator visible.
        return inner.startsWith('-') ? `-(${inner})` : `-${inner}`;
      }
      case 'ternary': {
        // Each branch printed once: the test below and the result read the same text (printing them
        // again for the result made every ternary cost its condition and branch twice, and a
        // conditional nested in a branch twice per level).
        const c = this.flat(e.c);
        const t = this.flat(e.t);
        // `a ? a : b` is `a || b` (Style/RedundantCondition): same value, a evaluated once (it has no side effect).
        if (c === t) return this.binop('||', e.c, e.f);
        // Nested ternaries are legal unparenthesised but unreadable: always parenthesise them.
        return `${parenthesised(e.c, c, P_OR)} ? ${parenthesised(e.t, t, P_OR)} : ${this.operand(e.f, P_OR)}`;
      }
      case 'lazy':
        return `lazy { ${e.param !== undefined ? `|${rubyIdentifier(e.param)}| ` : ''}${this.flat(e.e)} }`;
      case 'regex':
        return printRegex(e.source, e.flags, this.opts);
    }
  }

  /** e printed so that it binds at least as tightly as minPrec. */
  private operand(e: RExpr, minPrec: number): string {
    return parenthesised(e, this.flat(e), minPrec);
  }

  /** A receiver of `.`/`[]` must be a primary expression. */
  private receiver(e: RExpr): string {
    return this.operand(e, P_PRIMARY);
  }

  private binop(op: RBinOp, l: RExpr, r: RExpr): string {
    // Only a comparison with 0 can be an emptiness test: no node is built to ask for the others.
    const empty = r.k === 'int' && r.v === 0 ? emptyTest({ k: 'binop', op, l, r }) : undefined;
    if (empty) return this.expr(empty, 0, 0, true);
    const p = BINOP_PREC[op];
    // `**` is right-associative, comparisons and equalities are non-associative, the rest left-associative.
    const leftMin = op === '**' || p === P_EQ || p === P_CMP ? p + 1 : p;
    const rightMin = op === '**' ? p : p + 1;
    // `a && b || c` parenthesised as `(a && b) || c`: the same value, and what RuboCop's
    // Lint/AmbiguousOperatorPrecedence asks for (a condition of Jinja `and`s inside `or`s).
    const andInOr = (x: RExpr) => op === '||' && x.k === 'binop' && x.op === '&&';
    const left = andInOr(l) ? `(${this.operand(l, 0)})` : this.operand(l, leftMin);
    const right = andInOr(r) ? `(${this.operand(r, 0)})` : this.operand(r, rightMin);
    return `${left} ${op} ${right}`;
  }

  private call(e: Extract<RExpr, { k: 'call' }>): string {
    if (!isMethodName(e.name)) throw new RubyPrintError(`not a Ruby method name: ${JSON.stringify(e.name)}`);
    if (e.recv === undefined && /^[A-Z]/.test(e.name) && e.args.length === 0 && !e.kwargs?.length) {
      // `Foo` alone would be a constant reference.
      throw new RubyPrintError(`bare call to capitalised method ${e.name} needs arguments`);
    }
    if (e.recv === undefined && e.name === 'lambda' && e.args.length === 0 && !e.kwargs?.length && e.block) return this.lambda(e.block);
    const head = e.recv === undefined ? e.name : `${this.receiver(e.recv)}.${e.name}`;
    // The argument list as one string, without the lists a map, a spread and a join made per call:
    // calls are most of the nodes printed.
    let args = '';
    for (let i = 0; i < e.args.length; i++) args += (i > 0 ? ', ' : '') + this.flat(e.args[i]!);
    const kwargs = e.kwargs;
    if (kwargs)
      for (let i = 0; i < kwargs.length; i++) {
        const [k, v] = kwargs[i]!;
        args += `${e.args.length > 0 || i > 0 ? ', ' : ''}${printLabel(k, this.opts)} ${this.flat(v)}`;
      }
    let s: string;
    if (e.args.length > 0 || (kwargs !== undefined && kwargs.length > 0)) s = `${head}(${args})`;
    // A receiverless zero-argument call prints bare only when asked (`node`): otherwise `foo()` cannot be mistaken
    // for a local variable. With a receiver there is no ambiguity and Cookstyle wants no parentheses.
    else if (e.recv === undefined && e.noParens !== true) s = `${head}()`;
    else s = head;
    return e.block ? `${s} ${this.block(e.block)}` : s;
  }

  private block(b: RBlock): string {
    const params = b.params.length > 0 ? `|${this.params(b).join(', ')}| ` : '';
    return `{ ${params}${this.flat(b.body)} }`;
  }

  /** `->(a) { body }`: Cookstyle's Style/Lambda wants the literal for a one-line lambda. */
  private lambda(b: RBlock): string {
    return `->${b.params.length > 0 ? `(${this.params(b).join(', ')})` : ''} { ${this.flat(b.body)} }`;
  }

  private interp(parts: Array<string | RExpr>): string {
    // Adjacent literal parts (including `str` nodes) merge so escapes such as `#{` are judged on the final text.
    const merged: Array<string | RExpr> = [];
    for (const p of parts) {
      const lit = typeof p === 'string' ? p : p.k === 'str' ? p.v : undefined;
      // An empty literal adds nothing to the text (`'' ~ x` in Jinja).
      if (lit === '') continue;
      const last = merged[merged.length - 1];
      if (lit !== undefined && typeof last === 'string') merged[merged.length - 1] = last + lit;
      else merged.push(lit ?? p);
    }
    if (merged.every((p) => typeof p === 'string')) return rubyString(merged.join(''), this.opts);
    // `"#{x}"` alone is x.to_s (Style/RedundantInterpolation), and x itself where x is a String already.
    const only = merged.length === 1 ? merged[0] : undefined;
    if (only !== undefined && typeof only !== 'string') return isString(only) ? this.flat(only) : `${this.receiver(only)}.to_s`;
    const body = merged.map((p) => (typeof p === 'string' ? escapeDoubleQuoted(p, this.opts) : `#{${this.flat(p)}}`));
    return `"${body.join('')}"`;
  }

  private array(items: RExpr[], indent: number, column: number, forceFlat: boolean): string {
    if (items.length === 0) return '[]';
    const words = wordList(items);
    let flat = this.flatLiterals?.get(items);
    let printed: string[] | undefined;
    if (flat === undefined) {
      printed = words ? undefined : items.map((i) => this.flat(i));
      flat = words ? `%w(${words.join(' ')})` : `[${printed!.join(', ')}]`;
      this.remember(items, flat);
    }
    if (!this.shouldBreak(flat, column, forceFlat)) return flat;
    const inner = indent + 2;
    if (words) return `%w(\n${words.map((w) => ' '.repeat(inner) + w).join('\n')}\n${' '.repeat(indent)})`;
    // A trailing comma after the last item of a multi-line literal (Cookstyle's Style/TrailingCommaInArrayLiteral).
    const lines = items.map((i, n) => `${' '.repeat(inner)}${this.laidOut(i, printed?.[n], inner, inner)},`);
    return `[\n${lines.join('\n')}\n${' '.repeat(indent)}]`;
  }

  private hash(pairs: Array<[RExpr, RExpr]>, indent: number, column: number, forceFlat: boolean): string {
    if (pairs.length === 0) return '{}';
    // Ruby 1.9 label syntax when every key is a plain symbol (Cookstyle's Style/HashSyntax), else `=>` throughout.
    const labels = pairs.every(([k]) => k.k === 'sym' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k.v));
    const key = (k: RExpr): string => (labels && k.k === 'sym' ? `${k.v}:` : `${this.operand(k, P_PRIMARY)} =>`);
    let flat = this.flatLiterals?.get(pairs);
    let keys: string[] | undefined;
    let values: string[] | undefined;
    if (flat === undefined) {
      keys = pairs.map(([k]) => key(k));
      values = pairs.map(([, v]) => this.flat(v));
      flat = `{ ${keys.map((k, n) => `${k} ${values![n]}`).join(', ')} }`;
      this.remember(pairs, flat);
    }
    if (!this.shouldBreak(flat, column, forceFlat)) return flat;
    const inner = indent + 2;
    const lines = pairs.map(([k, v], n) => {
      const head = `${' '.repeat(inner)}${keys?.[n] ?? key(k)} `;
      return `${head}${this.laidOut(v, values?.[n], inner, head.length)},`;
    });
    return `{\n${lines.join('\n')}\n${' '.repeat(indent)}}`;
  }

  /**
   * An item of a literal laid out over lines, given its one-line print where the literal's own
   * one-line print made it: only an array or a hash prints differently at a column (see expr), so
   * any other item is that print, not printed a second time for every literal too wide for its line.
   */
  private laidOut(e: RExpr, flat: string | undefined, indent: number, column: number): string {
    return flat !== undefined && e.k !== 'array' && e.k !== 'hash' ? flat : this.expr(e, indent, column);
  }

  /** `{ |a, b| body }`; a parameter the body never reads is written `_a` (Lint/UnusedBlockArgument), which
   * changes nothing: the block still takes the same arguments. */
  private params(b: RBlock): string[] {
    const reads = (name: string) =>
      someExpr({ k: 'array', items: [b.body, ...lazyBodies(b.body)] }, (x) => x.k === 'var' && x.name === name);
    return b.params.map((p) => (p.startsWith('_') || reads(p) || reads(`_${p}`) ? p : `_${p}`)).map(rubyIdentifier);
  }

  /** Kept only where a literal can break over lines (a width is set): most prints never reprint one. */
  private remember(literal: object, flat: string): void {
    if (this.opts.width === undefined) return;
    this.flatLiterals ??= new Map();
    this.flatLiterals.set(literal, flat);
  }

  private shouldBreak(flat: string, column: number, forceFlat: boolean): boolean {
    return !forceFlat && this.opts.width !== undefined && column + flat.length > this.opts.width;
  }
}

/** `x.length > 0` as `!x.empty?`, `x.length == 0` as `x.empty?` (Cookstyle's Style/ZeroLengthPredicate): the same
 * for the strings, lists and hashes that have a length, and the same NoMethodError for what has none. */
function emptyTest(e: RExpr): RExpr | undefined {
  if (e.k !== 'binop' || !(e.op === '>' || e.op === '!=' || e.op === '==') || e.r.k !== 'int' || e.r.v !== 0) return undefined;
  const l = e.l;
  if (
    l.k !== 'call' ||
    l.recv === undefined ||
    !(l.name === 'length' || l.name === 'size') ||
    l.args.length > 0 ||
    l.kwargs?.length ||
    l.block
  )
    return undefined;
  const empty: RExpr = { k: 'call', recv: l.recv, name: 'empty?', args: [] };
  return e.op === '==' ? empty : { k: 'not', e: empty };
}

/** The condition c when e prints as `!c` (so `if e` reads `unless c`, `only_if { e }` reads `not_if { c }`). */
export function negationOf(e: RExpr): RExpr | undefined {
  const shown = emptyTest(e) ?? e;
  return shown.k === 'not' && shown.e.k !== 'not' ? shown.e : undefined;
}

/** Whether e is a Ruby String whatever it holds: a literal, an interpolation, a value typed str (resolve/types.ts). */
function isString(e: RExpr): boolean {
  if (e.k === 'str' || e.k === 'interp') return true;
  if (e.k === 'ternary') return isString(e.t) && isString(e.f);
  return typeOf(e)?.t === 'str';
}

/** True when a ternary printed as such sits inside this ternary's condition or branches (lazy bodies included). */
export function holdsTernary(e: Extract<RExpr, { k: 'ternary' }>): boolean {
  const parts = [e.c, e.t, e.f];
  return someExpr({ k: 'array', items: [...parts, ...parts.flatMap(lazyBodies)] }, (x) => x.k === 'ternary');
}

/** The bodies of every `lazy { }` inside e, which someExpr does not enter. */
function lazyBodies(e: RExpr): RExpr[] {
  const out: RExpr[] = [];
  someExpr(e, (x) => {
    if (x.k === 'lazy') out.push(x.e, ...lazyBodies(x.e));
    return false;
  });
  return out;
}

/** A word of `%w()` as Cookstyle's Style/WordArray sees one: word characters, or single hyphens between them.
 * ASCII only, so the choice never depends on the engine's Unicode tables. */
const WORD = /^(?:[A-Za-z0-9_]|[A-Za-z0-9_]-[A-Za-z0-9_])+$/;

/** The words of an array of two or more plain words (printed as `%w()`), else undefined. */
function wordList(items: readonly RExpr[]): string[] | undefined {
  if (items.length < 2) return undefined;
  const words = items.map((i) => (i.k === 'str' && WORD.test(i.v) ? i.v : undefined));
  return words.every((w): w is string => w !== undefined) ? words : undefined;
}

/** The exact integer the number holds. Beyond 2**53 that may differ from the source text: the loaders, which
 * still have the text, are the ones to report such values. */
function printInt(v: number): string {
  if (!Number.isInteger(v)) throw new RubyPrintError(`int literal is not an integer: ${v}`);
  return BigInt(v).toString();
}

function printFloat(v: number): string {
  if (Number.isNaN(v)) return 'Float::NAN';
  if (v === Infinity) return 'Float::INFINITY';
  if (v === -Infinity) return '-Float::INFINITY';
  if (Object.is(v, -0)) return '-0.0';
  // JS shortest round-trip form; Ruby needs a digit after the point and accepts the same exponent syntax.
  const s = String(v);
  const m = /^(-?\d+)(\.\d+)?(e[+-]\d+)?$/.exec(s);
  if (!m) throw new RubyPrintError(`unexpected float form ${s}`);
  return `${m[1]}${m[2] ?? '.0'}${m[3] ?? ''}`;
}

function printSymbol(v: string, opts: QuoteOptions): string {
  return /^[A-Za-z_][A-Za-z0-9_]*[?!=]?$/.test(v) ? `:${v}` : `:${rubyString(v, opts)}`;
}

/** A keyword-argument label: `key:` or `'odd-key':`. */
function printLabel(k: string, opts: QuoteOptions): string {
  return /^[A-Za-z_][A-Za-z0-9_]*[?!]?$/.test(k) ? `${k}:` : `${rubyString(k, opts)}:`;
}

function printConst(path: string[]): string {
  if (path.length === 0) throw new RubyPrintError('empty constant path');
  for (const seg of path) {
    if (!/^[A-Z][A-Za-z0-9_]*$/.test(seg)) throw new RubyPrintError(`not a Ruby constant name: ${JSON.stringify(seg)}`);
  }
  return path.join('::');
}

const REGEX_FLAG_CONSTANTS: Record<string, string> = { i: 'IGNORECASE', m: 'MULTILINE', x: 'EXTENDED' };

/** `/.../flags` or `%r{...}flags`. The source is kept as written (it was checked by the translator); only what the literal syntax
 * itself would change is escaped: unbalanced braces, `#{`/`#$`/`#@` interpolation starts, `%>` inside ERB. */
function printRegex(source: string, flags: string, opts: QuoteOptions): string {
  if (!/^[imx]*$/.test(flags) || new Set(flags).size !== flags.length) {
    throw new RubyPrintError(`unsupported regex flags ${JSON.stringify(flags)}`);
  }
  if (!isWellFormed(source)) throw new RubyPrintError(`regex contains a lone surrogate: ${JSON.stringify(source)}`);
  const sortedFlags = [...flags].sort().join('');
  const chars = [...source];
  // Pair unescaped braces; the unpaired ones get a backslash, which leaves their meaning (a literal brace) unchanged.
  const escapeAt = new Set<number>();
  const open: number[] = [];
  let interpolationLike = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\') {
      if (i + 1 >= chars.length) throw new RubyPrintError(`regex ends with a lone backslash: ${JSON.stringify(source)}`);
      i++;
      continue;
    }
    if (c === '{') open.push(i);
    else if (c === '}') {
      if (open.length > 0) open.pop();
      else escapeAt.add(i);
    } else if (c === '#' && /^[{$@]$/.test(chars[i + 1] ?? '')) {
      interpolationLike = true;
      escapeAt.add(i);
    }
  }
  for (const i of open) escapeAt.add(i);
  // In extended mode an escaped `#` is a literal instead of a comment start, so `\#` would change the meaning:
  // build the Regexp from a string there instead.
  if (interpolationLike && flags.includes('x')) {
    const flagExpr = [...sortedFlags].map((f) => `Regexp::${REGEX_FLAG_CONSTANTS[f]!}`).join(' | ');
    return `Regexp.new(${rubyString(source, opts)}, ${flagExpr})`;
  }
  let body = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\') {
      body += c + chars[i + 1]!;
      i++;
      continue;
    }
    if (escapeAt.has(i)) body += `\\${c}`;
    // Control characters other than whitespace (which extended mode ignores when literal) become escapes.
    else if (/\p{Cc}/u.test(c) && !/^\s$/.test(c)) body += `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    else body += c;
  }
  if (opts.erbSafe === true) body = body.replace(/%>/g, '%\\x3E');
  // Slashes, as Cookstyle asks (Style/RegexpLiteral), unless the source holds one; a leading space
  // or `=` after a method name without parentheses would read as division or `/=`.
  if (!source.includes('/') && !/^[\s=]/.test(source)) return `/${body}/${sortedFlags}`;
  return `%r{${body}}${sortedFlags}`;
}
