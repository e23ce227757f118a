// Python `re` patterns -> Ruby (Onigmo) regexes. This file and the support cookbook's
// libraries/a2c_python_regex.rb implement ONE grammar: the same constructs accepted, the same refused,
// written for the same meaning (test/jinja-to-ruby/python-regex-differential.test.ts generates patterns from the
// construct list and checks both against the real Python `re`, and that they refuse the same ones).
// The translator here runs at conversion time on literal patterns (Jinja filters and tests); the Ruby
// one runs at Chef run time on the file-editing modules' patterns, which may only be known then.
// Change one, change the other.
//
// Why the rewriting: Python 3 str patterns are Unicode-aware (\d is any Nd digit, \w any letter/number/_,
// \s includes \x1c-\x1f) while Onigmo's classes differ, so the classes are spelled out; `^`/`$` are
// line anchors in Ruby but string anchors in Python without re.M, and Ruby's `^` does not match after
// a final newline; Onigmo folds case over several characters (/ss/i matches "ß"), Python does not, so
// under IGNORECASE adjacent s/f letters are kept apart, counted repeats and characters such as ß are refused,
// i/I (which Python also matches with İ and ı) and the class escapes are kept out of Onigmo's folding.
// Anything else outside the subset (verbose and locale flags, conditionals, possessive quantifiers,
// atomic groups, variable-width lookbehind) is refused, as is whatever Python itself rejects.
import type { RExpr } from '../ir/ruby-ast.js';

export type RegexMode = 'text' | 'bytes';

const UNICODE_CLASSES: Record<string, string> = {
  d: '\\p{Nd}',
  w: '\\p{L}\\p{N}_',
  s: '\\t\\n\\v\\f\\r\\x1c-\\x1f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000',
};
const ASCII_CLASSES: Record<string, string> = { d: '0-9', w: 'A-Za-z0-9_', s: '\\t\\n\\v\\f\\r ' };
const SIMPLE_ESCAPES: Record<string, string> = { n: '\\n', t: '\\t', r: '\\r', f: '\\f', v: '\\v', a: '\\a' };
const SIMPLE_VALUES: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };
/** Letters spelled as a class outside Onigmo's folding under IGNORECASE, for Python's matches in each mode. */
const UNICODE_SPELLED: Record<string, string> = { i: '[iIİı]', k: '[kKK]', s: '[sSſ]' };
const ASCII_SPELLED: Record<string, string> = { k: '[kK]', s: '[sS]' };
/** Above this a counted repeat is refused: Onigmo's limit is far below Python's. */
const MAX_REPEAT = 1000;

export type RegexResult = { ok: true; regex: RExpr; groups: number; names: Map<string, number> } | { ok: false; reason: string };

export interface RegexFlags {
  ignorecase: boolean;
  multiline: boolean;
  dotall?: boolean;
  /** re.match: anchored at the start of the string. */
  anchorStart?: boolean;
}

class Refused extends Error {}

interface Frame {
  group?: number;
  lookaround?: boolean;
  lookbehind?: boolean;
  i: boolean;
  m: boolean;
  s: boolean;
}

/** What the last piece written was: a quantifier needs an atom before it. */
type Last = 'none' | 'assert' | 'atom' | 'quantified';

/**
 * Whether a character's case mapping is several characters (ß -> SS, ẞ -> ß -> SS): Onigmo folds those,
 * Python does not; and dotless ı, which Python's IGNORECASE matches with i and Onigmo does not.
 */
function foldsToSeveral(c: string): boolean {
  if ((c.codePointAt(0) as number) <= 0x7f) return false;
  return c === 'ı' || [...c.toUpperCase()].length > 1 || [...c.toLowerCase()].length > 1 || [...c.toLowerCase().toUpperCase()].length > 1;
}

function literal(c: string): string {
  if (/^[A-Za-z0-9_]$/.test(c)) return c;
  const code = c.codePointAt(0) as number;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x80) return `\\${c}`;
  return c;
}

class Translator {
  private pos = 0;
  private out = '';
  groups = 0;
  private readonly closed = new Set<number>();
  readonly names = new Map<string, number>();
  private readonly stack: Frame[];
  private last: Last = 'none';
  /** The last literal character written, for the IGNORECASE fold guard. */
  private foldLeft: string | undefined;

  constructor(
    private readonly p: string,
    private readonly mode: RegexMode,
    private readonly ascii: boolean,
    flags: { i: boolean; m: boolean; s: boolean },
  ) {
    this.stack = [{ ...flags }];
  }

  private get flags(): Frame {
    return this.stack[this.stack.length - 1] as Frame;
  }

  private get inLookbehind(): boolean {
    return this.stack.some((f) => f.lookbehind);
  }

  private get unicode(): boolean {
    return !this.ascii && this.mode === 'text';
  }

  private classBody(c: string): string {
    return (this.unicode ? UNICODE_CLASSES : ASCII_CLASSES)[c] as string;
  }

  run(): string {
    while (this.pos < this.p.length) this.step();
    if (this.stack.length > 1) throw new Refused('unbalanced parenthesis');
    return this.out;
  }

  private step(): void {
    const c = this.p[this.pos] as string;
    if (c === '\\') return this.escape();
    if (c === '[') return this.charClass();
    if (c === '(') return this.openGroup();
    if (c === ')') return this.closeGroup();
    if (c === '*' || c === '+' || c === '?' || c === '{') return this.quantifier(c);
    this.pos++;
    if (c === '.') return this.atom(this.flags.s ? '(?m:.)' : '.');
    if (c === '^') {
      if (this.flags.m && this.inLookbehind) throw new Refused('^ with MULTILINE inside a lookbehind is not translated');
      return this.assert(this.flags.m ? '(?:\\A|(?<=\\n))' : '\\A');
    }
    if (c === '$') {
      if (this.inLookbehind) throw new Refused('$ inside a lookbehind is not translated');
      return this.assert(this.flags.m ? '$' : '\\Z');
    }
    if (c === '|') {
      if (this.inLookbehind) throw new Refused('alternation inside a lookbehind is not translated');
      this.out += '|';
      this.last = 'none';
      this.foldLeft = undefined;
      return;
    }
    const ch = String.fromCodePoint(this.p.codePointAt(this.pos - 1) as number);
    this.pos += ch.length - 1;
    this.char(ch, literal(ch));
  }

  private atom(text: string): void {
    this.out += text;
    this.last = 'atom';
    this.foldLeft = undefined;
  }

  private assert(text: string): void {
    if (this.inLookbehind) throw new Refused('an anchor inside a lookbehind is not translated');
    this.out += text;
    this.last = 'assert';
    this.foldLeft = undefined;
  }

  /** One literal character, already spelled for Ruby as `text`. */
  private char(ch: string, text: string): void {
    if (this.flags.i) {
      if (foldsToSeveral(ch)) throw new Refused(`'${ch}' with IGNORECASE is not translated`);
      if (this.foldLeft !== undefined && /[sf]/i.test(this.foldLeft) && /[a-z]/i.test(ch)) this.out += '(?:)';
      // Python's Unicode IGNORECASE matches i and I with İ and ı, Onigmo does not; its ASCII IGNORECASE
      // does not match k and s with K (Kelvin) and ſ, Onigmo does.
      // Spelling s and k out also avoids an Onigmo search shortcut that misses ſ and K (/s\z/i on "ſ").
      if (this.mode === 'text' && this.ascii && (ch.codePointAt(0) as number) > 0x7f)
        throw new Refused('a non-ASCII character with ASCII IGNORECASE is not translated');
      const spelled = this.mode !== 'text' ? undefined : (this.unicode ? UNICODE_SPELLED : ASCII_SPELLED)[ch.toLowerCase()];
      if (spelled) {
        this.out += `(?-i:${spelled})`;
        this.last = 'atom';
        this.foldLeft = ch;
        return;
      }
    }
    this.out += text;
    this.last = 'atom';
    this.foldLeft = ch;
  }

  private codePoint(value: number): void {
    if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) throw new Refused(`code point ${value.toString(16)} is not translated`);
    if (this.mode === 'bytes' && value > 0x7f) throw new Refused('an escape above \\x7f in a bytes pattern is not translated');
    const ch = String.fromCodePoint(value);
    this.char(ch, literal(ch));
  }

  private hex(len: number): number {
    const hex = this.p.slice(this.pos, this.pos + len);
    if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new Refused(`bad \\x/\\u/\\U escape at ${this.pos}`);
    this.pos += len;
    return parseInt(hex, 16);
  }

  /** \0 and three octal digits are octal escapes (Python's rule); the value must be ASCII. */
  private octal(): number | undefined {
    const rest = this.p.slice(this.pos);
    const m = /^[0-7]{3}/.exec(rest) ?? /^0[0-7]{0,2}/.exec(rest);
    if (!m) return undefined;
    const value = parseInt(m[0], 8);
    if (value > 0x7f) throw new Refused('an octal escape above \\177 is not translated');
    this.pos += m[0].length;
    return value;
  }

  private wordBoundary(negated: boolean): string {
    const w = this.classBody('w');
    // Python's \B never matches in an empty string.
    return negated ? `(?:(?<=[${w}])(?=[${w}])|(?<![${w}])(?![${w}])(?!\\A\\z))` : `(?:(?<=[${w}])(?![${w}])|(?<![${w}])(?=[${w}]))`;
  }

  /** A class escape's set: closed under case already, so kept out of Onigmo's folding (/[\p{L}]/i matches "st" as ﬅ). */
  private set(text: string): void {
    this.atom(this.flags.i && this.mode === 'text' ? `(?-i:${text})` : text);
  }

  private escape(): void {
    const c = this.p[this.pos + 1];
    if (c === undefined) throw new Refused('pattern ends with a backslash');
    this.pos += 2;
    if (c === 'A') return this.assert('\\A');
    if (c === 'Z') return this.assert('\\z');
    if (c === 'b' || c === 'B') {
      if (this.inLookbehind) throw new Refused('\\b inside a lookbehind is not translated');
      const b = this.wordBoundary(c === 'B');
      return this.assert(this.flags.i && this.mode === 'text' ? `(?-i:${b})` : b);
    }
    if (c === 'd' && this.unicode) return this.set('\\p{Nd}');
    if (c === 'D' && this.unicode) return this.set('\\P{Nd}');
    if ('dws'.includes(c)) return this.set(`[${this.classBody(c)}]`);
    if ('DWS'.includes(c)) return this.set(`[^${this.classBody(c.toLowerCase())}]`);
    if (c === 'x') return this.codePoint(this.hex(2));
    if (c === 'u' || c === 'U') {
      if (this.mode === 'bytes') throw new Refused(`\\${c} is not valid in a bytes pattern`);
      return this.codePoint(this.hex(c === 'u' ? 4 : 8));
    }
    if (SIMPLE_ESCAPES[c]) return this.char(String.fromCharCode(SIMPLE_VALUES[c] as number), SIMPLE_ESCAPES[c] as string);
    if (/[0-9]/.test(c)) {
      this.pos--;
      const value = this.octal();
      if (value !== undefined) return this.codePoint(value);
      const digits = /^[0-9]{1,2}/.exec(this.p.slice(this.pos))?.[0] as string;
      this.pos += digits.length;
      return this.backref(Number(digits));
    }
    if (/[A-Za-z]/.test(c)) throw new Refused(`escape \\${c} is not translated`);
    const ch = String.fromCodePoint(this.p.codePointAt(this.pos - 1) as number);
    this.pos += ch.length - 1;
    this.char(ch, literal(ch));
  }

  private backref(n: number): void {
    if (!this.closed.has(n)) throw new Refused(`backreference \\${n} to a group not yet closed`);
    if (this.inLookbehind) throw new Refused('a backreference inside a lookbehind is not translated');
    this.atom(`(?:\\${n})`);
  }

  /** One member of a class: a single character (its code point) or a set spelled for Ruby. */
  private classItem(): { cp: number } | { set: string } {
    const c = this.p[this.pos] as string;
    if (c !== '\\') {
      const cp = this.p.codePointAt(this.pos) as number;
      this.pos += String.fromCodePoint(cp).length;
      return { cp };
    }
    const e = this.p[this.pos + 1];
    if (e === undefined) throw new Refused('unterminated character class');
    this.pos += 2;
    if (/[dwsDWS]/.test(e) && this.flags.i && this.mode === 'text')
      throw new Refused(`\\${e} in a class with IGNORECASE is not translated`);
    if ('dws'.includes(e)) return { set: this.classBody(e) };
    if ('DWS'.includes(e)) return { set: `[^${this.classBody(e.toLowerCase())}]` };
    if (e === 'b') return { cp: 8 };
    if (e === 'x') return { cp: this.hex(2) };
    if (e === 'u' || e === 'U') {
      if (this.mode === 'bytes') throw new Refused(`\\${e} is not valid in a bytes pattern`);
      return { cp: this.hex(e === 'u' ? 4 : 8) };
    }
    if (SIMPLE_VALUES[e] !== undefined) return { cp: SIMPLE_VALUES[e] as number };
    if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(this.p.slice(this.pos - 1))?.[0] as string;
      this.pos += m.length - 1;
      const value = parseInt(m, 8);
      if (value > 0x7f) throw new Refused('an octal escape above \\177 is not translated');
      return { cp: value };
    }
    if (/[A-Za-z0-9]/.test(e)) throw new Refused(`escape \\${e} in a class is not translated`);
    const cp = this.p.codePointAt(this.pos - 1) as number;
    this.pos += String.fromCodePoint(cp).length - 1;
    return { cp };
  }

  private classChar(cp: number): string {
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new Refused(`code point ${cp.toString(16)} is not translated`);
    if (cp > 0x7f && this.mode === 'bytes') throw new Refused('a non-ASCII character in a bytes class is not translated');
    if (cp > 0x7f && this.flags.i && this.ascii) throw new Refused('a non-ASCII character with ASCII IGNORECASE is not translated');
    const ch = String.fromCodePoint(cp);
    if (this.flags.i && foldsToSeveral(ch)) throw new Refused(`'${ch}' with IGNORECASE is not translated`);
    const special = this.unicode ? 'iI' : this.mode === 'text' ? 'KSks' : '';
    if (this.flags.i && special.includes(ch)) throw new Refused(`a class holding ${special} with IGNORECASE is not translated`);
    return literal(ch);
  }

  // Python reads `]` first and `[` anywhere as literals and has no `&&`; Ruby nests and intersects.
  private charClass(): void {
    this.pos++;
    let out = '[';
    if (this.p[this.pos] === '^') {
      out += '^';
      this.pos++;
    }
    let first = true;
    for (;;) {
      const c = this.p[this.pos];
      if (c === undefined) throw new Refused('unterminated character class');
      if (c === ']' && !first) break;
      first = false;
      const item = this.classItem();
      if (this.p[this.pos] === '-' && this.p[this.pos + 1] !== undefined && this.p[this.pos + 1] !== ']') {
        this.pos++;
        const end = this.classItem();
        if (!('cp' in item) || !('cp' in end)) throw new Refused('a range with a class escape is not translated');
        if (end.cp < item.cp) throw new Refused('a reversed range is not translated');
        if (this.flags.i && end.cp > 0x7f) throw new Refused('a non-ASCII range with IGNORECASE is not translated');
        const special = this.unicode ? [0x49, 0x69] : this.mode === 'text' ? [0x4b, 0x53, 0x6b, 0x73] : [];
        if (this.flags.i && special.some((x) => item.cp <= x && end.cp >= x))
          throw new Refused(`a class holding ${String.fromCodePoint(...special)} with IGNORECASE is not translated`);
        out += `${this.classChar(item.cp)}-${this.classChar(end.cp)}`;
      } else out += 'cp' in item ? this.classChar(item.cp) : item.set;
    }
    this.pos++;
    this.atom(`${out}]`);
  }

  private push(frame: Partial<Frame>, text: string): void {
    this.stack.push({ ...this.flags, lookaround: false, group: undefined, ...frame });
    this.out += text;
    this.last = 'none';
    this.foldLeft = undefined;
  }

  private openGroup(): void {
    const rest = this.p.slice(this.pos);
    if (rest[1] !== '?') {
      this.pos++;
      return this.push({ group: ++this.groups }, '(');
    }
    let m: RegExpExecArray | null;
    if ((m = /^\(\?P<([^>]*)>/.exec(rest))) {
      const name = m[1] as string;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Refused(`group name '${name}' is not translated`);
      if (this.names.has(name)) throw new Refused(`group name '${name}' is defined twice`);
      this.pos += m[0].length;
      this.names.set(name, ++this.groups);
      return this.push({ group: this.groups }, '(');
    }
    if ((m = /^\(\?P=([^)]*)\)/.exec(rest))) {
      const n = this.names.get(m[1] as string);
      if (n === undefined) throw new Refused(`unknown group name '${m[1]}'`);
      this.pos += m[0].length;
      return this.backref(n);
    }
    if ((m = /^\(\?#[^)]*\)/.exec(rest))) {
      this.pos += m[0].length;
      // A quantifier after a comment would apply to the atom before it; refused to stay simple.
      this.last = this.last === 'none' ? 'none' : 'assert';
      return;
    }
    if ((m = /^\(\?(:|=|!|<=|<!)/.exec(rest))) {
      const kind = m[1] as string;
      if (kind !== ':' && this.inLookbehind) throw new Refused('a lookaround inside a lookbehind is not translated');
      this.pos += m[0].length;
      return this.push({ lookaround: kind !== ':', lookbehind: kind.startsWith('<') || this.inLookbehind }, m[0]);
    }
    if ((m = /^\(\?([imsx]*)(?:-([imsx]*))?:/.exec(rest)) && (m[1] || m[2])) {
      const on = m[1] ?? '';
      const off = m[2] ?? '';
      if ((on + off).includes('x')) throw new Refused('the verbose flag is not translated');
      if (m[2] !== undefined && off === '') throw new Refused('an empty flag group is not valid');
      const frame: Partial<Frame> = {};
      for (const f of ['i', 'm', 's'] as const) {
        if (on.includes(f) && off.includes(f)) throw new Refused('a flag turned on and off at once is not valid');
        if (on.includes(f)) frame[f] = true;
        if (off.includes(f)) frame[f] = false;
      }
      const rubyOn = on.includes('i') ? 'i' : '';
      const rubyOff = off.includes('i') ? '-i' : '';
      this.pos += m[0].length;
      return this.push(frame, `(?${rubyOn}${rubyOff}:`);
    }
    throw new Refused('atomic groups, conditionals, inline flags and other (? syntax are not translated');
  }

  private closeGroup(): void {
    if (this.stack.length === 1) throw new Refused('unbalanced parenthesis');
    const frame = this.stack.pop() as Frame;
    if (frame.group !== undefined) this.closed.add(frame.group);
    this.pos++;
    this.out += ')';
    this.last = frame.lookaround ? 'assert' : 'atom';
    this.foldLeft = undefined;
  }

  private quantifier(c: string): void {
    let text = c;
    let min = c === '+' ? 1 : 0;
    let max = c === '?' ? 1 : Infinity;
    if (c === '{') {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(this.p.slice(this.pos));
      if (!m || (m[1] === '' && m[2] === '' && m[3] === '')) {
        // Not a repeat: Python reads the brace as a literal.
        this.pos++;
        return this.char('{', '\\{');
      }
      if (m[1] === '' && m[3] === '') throw new Refused(`'${m[0]}' is not translated`);
      min = m[1] === '' ? 0 : Number(m[1]);
      max = m[2] === '' ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) throw new Refused(`'${m[0]}' repeats more than ${MAX_REPEAT} times`);
      if (max < min) throw new Refused(`'${m[0]}': the minimum is above the maximum`);
      text = m[0];
    }
    if (this.last === 'none' || this.last === 'assert') throw new Refused('a quantifier with nothing to repeat');
    if (this.last === 'quantified') throw new Refused('possessive or stacked quantifiers are not translated');
    if (this.inLookbehind && min !== max) throw new Refused('a variable repeat inside a lookbehind is not translated');
    if (this.flags.i && min >= 2) throw new Refused('a counted repeat with IGNORECASE is not translated');
    this.pos += text.length;
    if (this.p[this.pos] === '?') {
      // A lazy exact repeat is the exact repeat; Onigmo would read `{n}?` as an optional `{n}`.
      if (!/^\{\d+\}$/.test(text)) text += '?';
      this.pos++;
    }
    this.out += text;
    this.last = 'quantified';
    this.foldLeft = undefined;
  }
}

export interface PythonRegex {
  /** The Ruby regex source. */
  source: string;
  /** Whether IGNORECASE is in force for the whole pattern (a Ruby `i` option). */
  ignorecase: boolean;
  groups: number;
  names: Map<string, number>;
}

/** Translates a Python pattern or throws Refused; global inline flags (at the very start, as Python 3.11 requires) add to `flags`. */
function translate(pattern: string, flags: RegexFlags, mode: RegexMode): PythonRegex {
  let letters = '';
  let rest = pattern;
  for (let m = /^\(\?([aiLmsux]+)\)/.exec(rest); m; m = /^\(\?([aiLmsux]+)\)/.exec(rest)) {
    letters += m[1];
    rest = rest.slice(m[0].length);
  }
  if (letters.includes('L')) throw new Refused("the 'L' (locale) flag is not translated");
  if (letters.includes('x')) throw new Refused('the verbose flag is not translated');
  if (letters.includes('u') && (mode === 'bytes' || letters.includes('a'))) throw new Refused("the 'u' flag is not valid here");
  const i = flags.ignorecase || letters.includes('i');
  const t = new Translator(rest, mode, letters.includes('a'), {
    i,
    m: flags.multiline || letters.includes('m'),
    s: !!flags.dotall || letters.includes('s'),
  });
  const body = t.run();
  return { source: flags.anchorStart ? `\\A(?:${body})` : body, ignorecase: i, groups: t.groups, names: t.names };
}

/** The Ruby spelling of a Python pattern, or why it is refused. */
export function translatePythonRegex(pattern: string, flags: RegexFlags, mode: RegexMode = 'text'): PythonRegex | { reason: string } {
  try {
    return translate(pattern, flags, mode);
  } catch (e) {
    if (e instanceof Refused) return { reason: e.message };
    throw e;
  }
}

export function translateRegex(pattern: string, flags: RegexFlags): RegexResult {
  const r = translatePythonRegex(pattern, flags);
  if ('reason' in r) return { ok: false, reason: r.reason };
  return { ok: true, regex: { k: 'regex', source: r.source, flags: r.ignorecase ? 'i' : '' }, groups: r.groups, names: r.names };
}

/** A Python re.sub replacement template -> literal pieces and group numbers. */
export function parseReplacement(
  repl: string,
  groups: number,
  names: Map<string, number> = new Map(),
): Array<string | number> | { reason: string } {
  const pieces: Array<string | number> = [];
  let lit = '';
  const flush = () => {
    if (lit) pieces.push(lit);
    lit = '';
  };
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i] as string;
    if (c !== '\\') {
      lit += c;
      continue;
    }
    const rest = repl.slice(i + 1);
    const octal = /^(?:[0-7]{3}|0[0-7]{0,2})/.exec(rest);
    const g = /^g<([^>]*)>/.exec(rest) ?? /^([1-9]\d?)/.exec(rest);
    if (octal) {
      const value = parseInt(octal[0], 8);
      if (value > 0x7f) return { reason: 'an octal escape above \\177 in the replacement is not translated' };
      lit += String.fromCharCode(value);
      i += octal[0].length;
    } else if (g) {
      const ref = g[1] as string;
      const n = /^\d+$/.test(ref) ? Number(ref) : names.get(ref);
      if (n === undefined) return { reason: `replacement refers to unknown group '${ref}'` };
      if (n > groups) return { reason: `replacement refers to group ${n}, the pattern has ${groups}` };
      flush();
      pieces.push(n);
      i += g[0].length;
    } else if (rest[0] !== undefined && simple[rest[0]] !== undefined) {
      lit += simple[rest[0]];
      i++;
    } else if (rest[0] === undefined || /[A-Za-z0-9]/.test(rest[0])) {
      return { reason: `replacement escape \\${rest[0] ?? ''} is not translated` };
    } else {
      lit += `\\${rest[0]}`;
      i++;
    }
  }
  flush();
  return pieces;
}
