// Jinja decodes a string literal with Python's
// `s.encode('ascii', 'backslashreplace').decode('unicode-escape')` after
// normalising newlines. This reproduces that decoding, including its errors.
import { PYTHON_SIMPLE_ESCAPES } from '../python-escapes.js';

export type Decoded = { ok: true; value: string } | { ok: false; message: string };

/** Python's backslashreplace: non-ASCII code points become \xNN, \uNNNN or \UNNNNNNNN. */
function backslashReplace(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out += ch;
    else if (cp < 0x100) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out;
}

const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

function decodeUnicodeEscape(s: string): Decoded {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) return { ok: false, message: '\\ at end of string' };
    const simple = PYTHON_SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (e >= '0' && e <= '7') {
      const m = /^[0-7]{1,3}/.exec(s.slice(i + 1)) as RegExpExecArray;
      out += String.fromCodePoint(parseInt(m[0], 8));
      i += 1 + m[0].length;
    } else if (HEX_ESCAPES[e] !== undefined) {
      const width = HEX_ESCAPES[e] as number;
      const digits = s.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) {
        const shape = e === 'x' ? 'XX' : e === 'u' ? 'XXXX' : 'XXXXXXXX';
        return { ok: false, message: `truncated \\${e}${shape} escape` };
      }
      const cp = parseInt(digits, 16);
      if (cp > 0x10ffff) return { ok: false, message: 'illegal Unicode character' };
      // Python makes a lone surrogate here, which Ansible cannot write to a UTF-8 file (and Ruby cannot hold).
      if (cp >= 0xd800 && cp <= 0xdfff) return { ok: false, message: 'surrogate code point escape (not writable as UTF-8)' };
      out += String.fromCodePoint(cp);
      i += 2 + width;
    } else if (e === 'N') {
      // \N{NAME} needs Python's Unicode name table, which we do not carry.
      return { ok: false, message: 'unsupported \\N{...} escape' };
    } else {
      // Python keeps an unknown escape as written (with a DeprecationWarning).
      out += '\\' + e;
      i += 2;
    }
  }
  return { ok: true, value: out };
}

/** Decodes the body of a Jinja string literal (without its quotes). */
export function decodeStringLiteral(body: string): Decoded {
  return decodeUnicodeEscape(backslashReplace(body.replace(/\r\n?/g, '\n')));
}
