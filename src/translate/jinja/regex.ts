// Python `re` patterns -> Ruby (Onigmo) regexes, for the subset where both
// engines agree. Python 3 str patterns are Unicode-aware (\d is any Nd digit,
// \w any letter/number/_) while Ruby's are ASCII, so the classes are spelled
// out; `^`/`$` are line anchors in Ruby but string anchors in Python without
// re.M. Anything outside the subset (\b, named groups, inline flags,
// possessive quantifiers, conditionals) is refused.
import type { RExpr } from '../../ruby/ast.js';

const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const CLASS_ESCAPES: Record<string, string> = { d: '\\p{Nd}', w: '\\p{L}\\p{N}_', s: PY_SPACE };
const SIMPLE_ESCAPES: Record<string, string> = { n: '\\n', t: '\\t', r: '\\r', f: '\\f', v: '\\v', a: '\\a' };

export type RegexResult = { ok: true; regex: RExpr; groups: number } | { ok: false; reason: string };

export interface RegexFlags {
  ignorecase: boolean;
  multiline: boolean;
  /** re.match: anchored at the start of the string. */
  anchorStart?: boolean;
}

class Refused extends Error {}

function literal(c: string): string {
  if (/^[A-Za-z0-9_]$/.test(c)) return c;
  const code = c.codePointAt(0) as number;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x80) return `\\${c}`;
  return c;
}

function hexEscape(p: string, i: number, len: number): [string, number] {
  const hex = p.slice(i, i + len);
  if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new Refused(`bad \\x/\\u escape at ${i}`);
  return [literal(String.fromCodePoint(parseInt(hex, 16))), i + len];
}

/** One escape outside a class; returns the Ruby text and the next index. */
function escapeOutsideClass(p: string, i: number, groups: number): [string, number] {
  const c = p[i];
  if (c === undefined) throw new Refused('pattern ends with a backslash');
  if (c === 'd') return ['\\p{Nd}', i + 1];
  if (c === 'D') return ['\\P{Nd}', i + 1];
  if (c === 'w') return [`[${CLASS_ESCAPES['w']}]`, i + 1];
  if (c === 'W') return [`[^${CLASS_ESCAPES['w']}]`, i + 1];
  if (c === 's') return [`[${PY_SPACE}]`, i + 1];
  if (c === 'S') return [`[^${PY_SPACE}]`, i + 1];
  if (c === 'A') return ['\\A', i + 1];
  if (c === 'Z') return ['\\z', i + 1];
  if (c === 'x') return hexEscape(p, i + 1, 2);
  if (c === 'u') return hexEscape(p, i + 1, 4);
  if (SIMPLE_ESCAPES[c]) return [SIMPLE_ESCAPES[c] as string, i + 1];
  if (/[1-9]/.test(c)) {
    const n = Number(/^[0-9]{1,2}/.exec(p.slice(i))?.[0]);
    if (n > groups) throw new Refused(`backreference \\${n} to a group not yet closed`);
    return [`(?:\\${n})`, i + String(n).length];
  }
  if (/[A-Za-z0-9]/.test(c)) throw new Refused(`escape \\${c} is not translated`);
  return [literal(c), i + 1];
}

function charClass(p: string, start: number): [string, number] {
  let i = start + 1;
  let out = '[';
  if (p[i] === '^') {
    out += '^';
    i++;
  }
  if (p[i] === ']') throw new Refused('a class starting with ] is not translated');
  for (; i < p.length; i++) {
    const c = p[i] as string;
    if (c === ']') return [`${out}]`, i + 1];
    if (c === '[') throw new Refused('[ inside a class is not translated');
    if (c === '\\') {
      const e = p[i + 1];
      if (e === undefined) break;
      if (CLASS_ESCAPES[e]) out += CLASS_ESCAPES[e];
      else if (e === 'x' || e === 'u') {
        const [lit, next] = hexEscape(p, i + 2, e === 'x' ? 2 : 4);
        out += lit;
        i = next - 1;
        continue;
      } else if (SIMPLE_ESCAPES[e]) out += SIMPLE_ESCAPES[e];
      else if (/[A-Za-z0-9]/.test(e)) throw new Refused(`escape \\${e} in a class is not translated`);
      else out += literal(e);
      i++;
      continue;
    }
    if (c === '-' && out !== '[' && out !== '[^' && p[i + 1] !== ']') {
      out += '-';
      continue;
    }
    if (c === '&' || c === '~' || c === '|') {
      out += `\\${c}`;
      continue;
    }
    const cp = p.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    out += literal(ch);
    i += ch.length - 1;
  }
  throw new Refused('unterminated character class');
}

function translate(p: string, flags: RegexFlags): { source: string; groups: number } {
  let out = flags.anchorStart ? '\\A(?:' : '';
  let groups = 0;
  const open: string[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p[i] as string;
    if (c === '\\') {
      const [s, next] = escapeOutsideClass(p, i + 1, groups);
      out += s;
      i = next;
    } else if (c === '[') {
      const [s, next] = charClass(p, i);
      out += s;
      i = next;
    } else if (c === '(') {
      if (p[i + 1] === '?') {
        const m = /^\(\?(:|=|!|<=|<!)/.exec(p.slice(i));
        if (!m) throw new Refused('named groups, inline flags and conditionals are not translated');
        out += m[0];
        open.push(m[0]);
        i += m[0].length;
      } else {
        groups++;
        out += '(';
        open.push('(');
        i++;
      }
    } else if (c === ')') {
      if (open.pop() === undefined) throw new Refused('unbalanced parenthesis');
      out += ')';
      i++;
    } else if (c === '^') {
      out += flags.multiline ? '^' : '\\A';
      i++;
    } else if (c === '$') {
      out += flags.multiline ? '$' : '\\Z';
      i++;
    } else if (c === '*' || c === '+' || c === '?') {
      out += c;
      i++;
      if (p[i] === '?') {
        out += '?';
        i++;
      } else if (p[i] === '+' || p[i] === '*' || (p[i] === '{' && c !== '?')) {
        throw new Refused('possessive or stacked quantifiers are not translated');
      }
    } else if (c === '{') {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(p.slice(i));
      if (m && (m[1] !== '' || (m[2] === ',' && m[3] !== ''))) {
        out += m[0];
        i += m[0].length;
        if (p[i] === '?') {
          out += '?';
          i++;
        } else if (p[i] === '+') throw new Refused('possessive quantifiers are not translated');
      } else if (m) {
        throw new Refused(`'${m[0]}' is not translated`);
      } else {
        out += '\\{';
        i++;
      }
    } else if (c === '.' || c === '|') {
      out += c;
      i++;
    } else {
      const ch = String.fromCodePoint(p.codePointAt(i) as number);
      out += literal(ch);
      i += ch.length;
    }
  }
  if (open.length > 0) throw new Refused('unbalanced parenthesis');
  return { source: flags.anchorStart ? `${out})` : out, groups };
}

export function translateRegex(pattern: string, flags: RegexFlags): RegexResult {
  try {
    const { source, groups } = translate(pattern, flags);
    return { ok: true, regex: { k: 'regex', source, flags: flags.ignorecase ? 'i' : '' }, groups };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    throw e;
  }
}

/** A Python re.sub replacement template -> literal pieces and group numbers. */
export function parseReplacement(repl: string, groups: number): Array<string | number> | { reason: string } {
  const pieces: Array<string | number> = [];
  let lit = '';
  const flush = () => {
    if (lit) pieces.push(lit);
    lit = '';
  };
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i] as string;
    if (c !== '\\') {
      lit += c;
      continue;
    }
    const rest = repl.slice(i + 1);
    const g = /^g<(\d+)>/.exec(rest) ?? /^([1-9]\d?)/.exec(rest);
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
    if (g) {
      const n = Number(g[1]);
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
