// A reader for the Python literals that Ansible's INI inventory accepts as values: it calls
// ast.literal_eval and keeps the raw text when that fails. Supported: str (quotes, prefixes,
// escapes, implicit concatenation), int (0x/0o/0b, underscores), float, True/False/None, lists,
// tuples (also bare `80,443`), dicts and unary +/-. Sets, bytes and complex numbers are not
// supported: they are reported as unsupported rather than guessed.
import { PYTHON_SIMPLE_ESCAPES } from '../python-escapes.js';

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

export type LiteralResult = { ok: true; value: PyValue } | { ok: false; unsupported?: string };

class NotLiteral extends Error {}

/** ast.literal_eval of `text`; `{ ok: false }` where Python raises ValueError/SyntaxError. */
export function literalEval(text: string): LiteralResult {
  // Python rejects leading whitespace as an indentation error.
  if (/^[ \t]/.test(text)) return { ok: false };
  try {
    const r = new Reader(text);
    const value = r.expressionList();
    r.skipSpace();
    if (!r.atEnd()) return { ok: false };
    return { ok: true, value };
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, unsupported: e.message };
    if (e instanceof NotLiteral) return { ok: false };
    throw e;
  }
}

class Unsupported extends Error {}

const STRING_START = /^(?:[rRuU]|)(?:'|")/;

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  atEnd(): boolean {
    return this.i >= this.s.length;
  }

  skipSpace(): void {
    while (this.i < this.s.length && ' \t'.includes(this.s[this.i] as string)) this.i++;
  }

  private peek(): string {
    this.skipSpace();
    return this.s[this.i] ?? '';
  }

  private eat(ch: string): boolean {
    if (this.peek() !== ch) return false;
    this.i++;
    return true;
  }

  /** `a, b` at the top level is a tuple, as in Python. */
  expressionList(): PyValue {
    const first = this.value();
    if (this.peek() !== ',') return first;
    const items = [first];
    while (this.eat(',')) {
      if (this.peek() === '') break;
      items.push(this.value());
    }
    return items;
  }

  private value(): PyValue {
    const c = this.peek();
    if (c === '[') return this.sequence('[', ']');
    if (c === '(') return this.parenthesised();
    if (c === '{') return this.dict();
    if (c === '-' || c === '+') {
      this.i++;
      const v = this.value();
      if (typeof v !== 'number') throw new NotLiteral();
      return c === '-' ? -v : v;
    }
    if (/[0-9.]/.test(c)) return this.number();
    const rest = this.s.slice(this.i);
    if (STRING_START.test(rest)) return this.strings();
    if (/^[bB][rR]?['"]|^[rR][bB]['"]/.test(rest)) throw new Unsupported('bytes literals');
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0];
    if (name === 'True' || name === 'False' || name === 'None') {
      this.i += name.length;
      return name === 'True' ? true : name === 'False' ? false : null;
    }
    throw new NotLiteral();
  }

  private sequence(open: string, close: string): PyValue[] {
    this.eat(open);
    const items: PyValue[] = [];
    while (!this.eat(close)) {
      items.push(this.value());
      if (!this.eat(',') && this.peek() !== close) throw new NotLiteral();
    }
    return items;
  }

  private parenthesised(): PyValue {
    this.eat('(');
    if (this.eat(')')) return [];
    const first = this.value();
    if (this.eat(')')) return first;
    if (!this.eat(',')) throw new NotLiteral();
    const items = [first];
    while (!this.eat(')')) {
      items.push(this.value());
      if (!this.eat(',') && this.peek() !== ')') throw new NotLiteral();
    }
    return items;
  }

  private dict(): PyValue {
    this.eat('{');
    const out: { [key: string]: PyValue } = {};
    if (this.eat('}')) return out;
    const firstKey = this.value();
    if (!this.eat(':')) throw new Unsupported('set literals');
    let key = firstKey;
    for (;;) {
      const v = this.value();
      Object.defineProperty(out, pyKey(key), { value: v, enumerable: true, writable: true, configurable: true });
      if (this.eat('}')) return out;
      if (!this.eat(',')) throw new NotLiteral();
      if (this.eat('}')) return out;
      key = this.value();
      if (!this.eat(':')) throw new NotLiteral();
    }
  }

  private number(): number {
    const rest = this.s.slice(this.i);
    const m =
      /^0[xX](?:_?[0-9a-fA-F])+|^0[oO](?:_?[0-7])+|^0[bB](?:_?[01])+/.exec(rest) ??
      /^(?:[0-9](?:_?[0-9])*)?(?:\.(?:[0-9](?:_?[0-9])*)?)?(?:[eE][-+]?[0-9](?:_?[0-9])*)?/.exec(rest);
    const text = m?.[0] ?? '';
    if (text === '' || text === '.' || /^[eE]/.test(text)) throw new NotLiteral();
    const next = rest[text.length] ?? '';
    if (/[jJ]/.test(next)) throw new Unsupported('complex numbers');
    if (/[A-Za-z0-9_]/.test(next)) throw new NotLiteral();
    this.i += text.length;
    const clean = text.replace(/_/g, '');
    if (/^0[xXoObB]/.test(clean)) return Number(clean.toLowerCase());
    if (/[.eE]/.test(clean)) return Number(clean);
    // Python 3 rejects decimal integers with leading zeros (`0644`), except zeros alone.
    if (/^0+[1-9]/.test(clean)) throw new NotLiteral();
    return Number(clean);
  }

  /** One or more adjacent string literals, concatenated. */
  private strings(): string {
    let out = '';
    while (STRING_START.test(this.s.slice(this.i))) {
      out += this.string();
      this.skipSpace();
    }
    return out;
  }

  private string(): string {
    let raw = false;
    if (/[rRuU]/.test(this.s[this.i] ?? '')) {
      raw = /[rR]/.test(this.s[this.i] ?? '');
      this.i++;
    }
    const quote = this.s.startsWith(this.s[this.i]!.repeat(3), this.i) ? this.s[this.i]!.repeat(3) : this.s[this.i]!;
    this.i += quote.length;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) throw new NotLiteral();
      if (this.s.startsWith(quote, this.i)) {
        this.i += quote.length;
        return out;
      }
      const c = this.s[this.i++] as string;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.i++] ?? '';
      if (raw) out += '\\' + e;
      else out += this.escape(e);
    }
  }

  private escape(e: string): string {
    const simple = PYTHON_SIMPLE_ESCAPES;
    if (e in simple) return simple[e] as string;
    const hex = { x: 2, u: 4, U: 8 }[e as 'x' | 'u' | 'U'];
    if (hex !== undefined) {
      const digits = this.s.slice(this.i, this.i + hex);
      if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) throw new NotLiteral();
      this.i += hex;
      return String.fromCodePoint(parseInt(digits, 16));
    }
    if (/[0-7]/.test(e)) {
      const digits = e + (/^[0-7]{0,2}/.exec(this.s.slice(this.i))?.[0] ?? '');
      this.i += digits.length - 1;
      return String.fromCodePoint(parseInt(digits, 8));
    }
    return '\\' + e;
  }
}

/** Dict keys become strings the way json.dumps writes them (True -> "true", None -> "null"). */
function pyKey(key: PyValue): string {
  if (typeof key === 'string') return key;
  if (key === null || typeof key === 'boolean' || typeof key === 'number') return String(key);
  throw new NotLiteral(); // lists/dicts are unhashable
}
