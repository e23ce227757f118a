// Ruby lexical atoms: string literals, identifiers, comment text.
// Everything here is total over well-formed input and throws RubyPrintError (an internal error, a bug in the
// caller) for input the translators were supposed to reject or sanitise first.

import { RUBY_KEYWORDS } from '../ir/ruby-names.js';

/** A bug in the code that built the IR: the printer was given something that cannot be printed faithfully. */
export class RubyPrintError extends Error {
  override readonly name = 'RubyPrintError';
}

/** Characters that are invisible or confusable in a review diff; they force a double-quoted, escaped literal.
 * Control (Cc), format (Cf), line/paragraph separators, private use, and every space except U+0020.
 * Unassigned code points are deliberately not listed: that set changes with the engine's Unicode version and the
 * output must not. */
const INVISIBLE = /(?! )[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Zs}]/u;

/** True when s has no lone UTF-16 surrogate, i.e. it can be encoded as UTF-8. */
export function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** Lone surrogates have no UTF-8 encoding, so no Ruby source file can hold them. Replacing them would make the
 * output silently differ from the input; the loaders must report them as diagnostics instead. */
function assertWellFormed(s: string): void {
  if (!isWellFormed(s)) throw new RubyPrintError(`string contains a lone UTF-16 surrogate: ${JSON.stringify(s)}`);
}

export interface QuoteOptions {
  /** Never produce the two characters `%>` (the literal will sit inside an ERB tag). */
  erbSafe?: boolean;
}

/** A Ruby string literal that evaluates to exactly s (as UTF-8). */
export function rubyString(s: string, opts: QuoteOptions = {}): string {
  assertWellFormed(s);
  const needsDouble = INVISIBLE.test(s) || (opts.erbSafe === true && s.includes('%>'));
  if (!needsDouble) return `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  return `"${escapeDoubleQuoted(s, opts)}"`;
}

/** The body of a double-quoted literal (also used for literal parts of interpolated strings). */
export function escapeDoubleQuoted(s: string, opts: QuoteOptions = {}): string {
  assertWellFormed(s);
  let out = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    out += escapeDoubleQuotedChar(c, next, chars[i - 1], opts);
  }
  return out;
}

function escapeDoubleQuotedChar(c: string, next: string | undefined, prev: string | undefined, opts: QuoteOptions): string {
  switch (c) {
    case '\\':
      return '\\\\';
    case '"':
      return '\\"';
    case '\n':
      return '\\n';
    case '\t':
      return '\\t';
    case '\r':
      return '\\r';
    case '\x1b':
      return '\\e';
    // `\0` followed by an octal digit would be read as a longer octal escape.
    case '\0':
      return next !== undefined && /[0-7]/.test(next) ? '\\u0000' : '\\0';
    case '#':
      return next === '{' || next === '$' || next === '@' ? '\\#' : '#';
    case '>':
      return opts.erbSafe === true && prev === '%' ? '\\x3E' : '>';
    default:
      return INVISIBLE.test(c) ? unicodeEscape(c) : c;
  }
}

function unicodeEscape(c: string): string {
  const cp = c.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase();
  return cp <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
}

/** A Ruby local variable name: lower-case letter or underscore first, ASCII word characters, not a keyword. */
export function isRubyIdentifier(name: string): boolean {
  return /^[a-z_][A-Za-z0-9_]*$/.test(name) && !RUBY_KEYWORDS.has(name);
}

/** Returns name if it is a valid Ruby local variable name; throws otherwise (translators sanitise first). */
export function rubyIdentifier(name: string): string {
  if (!isRubyIdentifier(name)) throw new RubyPrintError(`not a Ruby local variable name: ${JSON.stringify(name)}`);
  return name;
}

/** A deterministic valid local variable name made from any string: non-word characters become `_`, a leading
 * capital is lowered (it would make a constant), a leading digit gets a `_` prefix, keywords get a `_` suffix. */
export function sanitizeIdentifier(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (s === '') return '_';
  if (/^[A-Z]/.test(s)) s = s[0]!.toLowerCase() + s.slice(1);
  if (/^[0-9]/.test(s)) s = `_${s}`;
  if (RUBY_KEYWORDS.has(s)) s = `${s}_`;
  return s;
}

/** A method name as written after `.` or bare: identifier with an optional `?`/`!` suffix. */
export function isMethodName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*[?!]?$/.test(name);
}

/** Characters that would end a comment line in Ruby or in an editor/diff view, shown as visible escapes. */
const LINE_BREAKING: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\v': '\\v',
  '\f': '\\f',
  '\u0085': '\\u0085',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Any character rubyComment changes: a control character other than tab (\p{Cc}, which holds \n \r \v \f and
 * U+0085), U+2028, U+2029, or a lone surrogate (with the u flag a surrogate pair is one code point, outside the range). */
const NEEDS_ESCAPE = /(?!\t)\p{Cc}|[\u2028\u2029\uD800-\uDFFF]/u;

/** Text for one comment line: it can never end the line early or hide control characters. Lone surrogates are
 * shown as escapes because a comment is informative, not a value. */
export function rubyComment(text: string): string {
  // Most comments (provenance `# file:line`) hold none of those characters: they are the text, trimmed.
  if (!NEEDS_ESCAPE.test(text)) return text.trimEnd();
  let out = '';
  for (const c of text) {
    const mapped = LINE_BREAKING[c];
    if (mapped !== undefined) out += mapped;
    else if (c !== '\t' && (/\p{Cc}/u.test(c) || /^[\uD800-\uDFFF]$/.test(c))) out += unicodeEscape(c);
    else out += c;
  }
  return out.trimEnd();
}

/** `# text` (or `#` for an empty line), safe for any text. */
export function commentLine(text: string): string {
  const body = rubyComment(text);
  return body === '' ? '#' : `# ${body}`;
}
