// Python's json.loads (strict, the default), for text known when converting: what config_template
// reads a json template's rendered text with. Only what plain data carries the same way into Ruby
// is accepted: integers within JavaScript's exact range, strings of valid Unicode, objects, lists,
// true/false/null. Anything else (a float, whose int-or-float kind plain data loses; NaN and
// Infinity, which Python accepts; lone surrogates) is refused with a reason, never approximated;
// text Python refuses is refused too (Ansible fails there).

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type Parsed = { ok: true; value: JsonValue } | { ok: false; reason: string };

class Refused extends Error {}

/** Python's json.loads(text), or why it is not reproduced here. */
export function parsePythonJson(text: string): Parsed {
  let i = 0;
  const fail = (why: string): never => {
    throw new Refused(`${why} at character ${i}`);
  };
  // json's WHITESPACE: space, tab, newline, carriage return only.
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const value = (): JsonValue => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const)
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    if (text.startsWith('NaN', i) || text.startsWith('Infinity', i) || text.startsWith('-Infinity', i))
      return fail('NaN or Infinity (Python reads them as floats) is not converted');
    const m = /^(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (!m) return fail('no JSON value (Python fails here)');
    if (m[2] !== undefined || m[3] !== undefined)
      return fail('a float (its int or float kind is not kept through plain data) is not converted');
    const n = Number(m[1]);
    if (!Number.isSafeInteger(n)) return fail('an integer beyond 2**53 is not converted');
    i += m[0].length;
    // Python's int('-0') is 0.
    return n === 0 ? 0 : n;
  };
  const object = (): { [key: string]: JsonValue } => {
    i++;
    // Duplicate keys: the last value wins, as Python's dict() of the pairs keeps it.
    const out: { [key: string]: JsonValue } = Object.create(null) as { [key: string]: JsonValue };
    ws();
    if (text[i] === '}') {
      i++;
      return { ...out };
    }
    for (;;) {
      ws();
      if (text[i] !== '"') fail('an object key that is not a string (Python fails here)');
      const key = string();
      ws();
      if (text[i] !== ':') fail("no ':' after an object key (Python fails here)");
      i++;
      out[key] = value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return { ...out };
      }
      fail("no ',' or '}' in an object (Python fails here)");
    }
  };
  const array = (): JsonValue[] => {
    i++;
    const out: JsonValue[] = [];
    ws();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      out.push(value());
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return out;
      }
      fail("no ',' or ']' in a list (Python fails here)");
    }
  };
  const ESC: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  const hex4 = (): number => {
    const h = text.slice(i, i + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) fail('a bad \\u escape (Python fails here)');
    i += 4;
    return parseInt(h, 16);
  };
  const string = (): string => {
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('an unterminated string (Python fails here)');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c.charCodeAt(0) < 0x20) fail('a control character in a string (Python fails here, strict)');
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      i += 2;
      if (e !== undefined && ESC[e] !== undefined) {
        out += ESC[e];
        continue;
      }
      if (e !== 'u') fail('a bad escape (Python fails here)');
      const u = hex4();
      if (u >= 0xd800 && u <= 0xdbff && text.startsWith('\\u', i)) {
        const save = i;
        i += 2;
        const low = hex4();
        if (low >= 0xdc00 && low <= 0xdfff) {
          out += String.fromCharCode(u, low);
          continue;
        }
        i = save;
      }
      if (u >= 0xd800 && u <= 0xdfff) fail('a lone surrogate (no valid UTF-8 string holds it) is not converted');
      out += String.fromCharCode(u);
    }
  };
  try {
    // Python's json.loads refuses a str starting with a byte order mark.
    if (text.startsWith('\ufeff')) fail('a byte order mark (Python fails here)');
    const v = value();
    ws();
    if (i < text.length) fail('extra data after the JSON value (Python fails here)');
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    throw e;
  }
}
