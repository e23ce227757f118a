// Scalar resolution and construction with PyYAML's YAML 1.1 rules (yaml.resolver.Resolver and
// yaml.constructor.SafeConstructor), which is what Ansible uses. js-yaml's YAML11_SCHEMA differs
// (it makes `y`/`n` booleans), so the rules are restated here from PyYAML's documented regexes.

/** What a scalar resolved to; `value`/`merge` only occur for the plain `=`/`<<` keys. */
export type ScalarType = 'str' | 'int' | 'float' | 'bool' | 'null' | 'timestamp' | 'merge' | 'value';

export type Constructed = { ok: true; type: ScalarType; value: string | number | boolean | null } | { ok: false; message: string };

const BOOL_RE = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT_RE =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT_RE = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL_RE = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP_RE =
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9]{2})?))?)$/;
/** The constructor's regex is looser than the resolver's (one-digit month/day for dates too). */
const TIMESTAMP_PARTS_RE =
  /^([0-9]{4})-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9]{2}))?))?)?$/;

type Resolver = [ScalarType, RegExp, string];
// PyYAML picks candidate resolvers by the first character, in registration order; the first
// regex that matches wins. The third field lists the first characters each resolver applies to.
const RESOLVERS: Resolver[] = [
  ['bool', BOOL_RE, 'yYnNtTfFoO'],
  ['float', FLOAT_RE, '-+0123456789.'],
  ['int', INT_RE, '-+0123456789'],
  ['merge', /^<<$/, '<'],
  ['null', NULL_RE, '~nN'],
  ['timestamp', TIMESTAMP_RE, '0123456789'],
  ['value', /^=$/, '='],
];

/** The implicit type of a plain (unquoted, untagged) scalar. */
export function resolvePlain(text: string): ScalarType {
  if (text === '') return 'null';
  const first = text[0] ?? '';
  for (const [type, re, firsts] of RESOLVERS) {
    if (firsts.includes(first) && re.test(text)) return type;
  }
  return 'str';
}

/** Builds the value of a scalar of a given type, as SafeConstructor would. */
export function constructScalar(type: ScalarType, text: string): Constructed {
  switch (type) {
    case 'str':
    case 'merge':
    case 'value':
      return { ok: true, type, value: text };
    case 'null':
      return { ok: true, type, value: null };
    case 'bool':
      return constructBool(text);
    case 'int':
      return constructInt(text);
    case 'float':
      return constructFloat(text);
    case 'timestamp':
      return constructTimestamp(text);
  }
}

function constructBool(text: string): Constructed {
  const v = BOOL_VALUES.get(text.toLowerCase());
  return v === undefined ? { ok: false, message: `'${text}' is not a boolean` } : { ok: true, type: 'bool', value: v };
}

const BOOL_VALUES = new Map<string, boolean>([
  ['yes', true],
  ['no', false],
  ['true', true],
  ['false', false],
  ['on', true],
  ['off', false],
]);

function splitSign(text: string): [number, string] {
  const v = text.replace(/_/g, '');
  if (v.startsWith('-')) return [-1, v.slice(1)];
  if (v.startsWith('+')) return [1, v.slice(1)];
  return [1, v];
}

function constructInt(text: string): Constructed {
  const [sign, v] = splitSign(text);
  const bad: Constructed = { ok: false, message: `'${text}' is not an integer` };
  let big: bigint;
  if (v === '0') big = 0n;
  else if (v.startsWith('0b')) {
    if (!/^[01]+$/.test(v.slice(2))) return bad;
    big = BigInt(v);
  } else if (v.startsWith('0x')) {
    if (!/^[0-9a-fA-F]+$/.test(v.slice(2))) return bad;
    big = BigInt(v);
  } else if (v.startsWith('0')) {
    // A leading zero means octal in YAML 1.1: `0644` is 420.
    if (!/^[0-7]+$/.test(v)) return bad;
    big = BigInt('0o' + v);
  } else if (v.includes(':')) {
    const parts = v.split(':');
    if (!parts.every((p) => /^[0-9]+$/.test(p))) return bad;
    big = 0n;
    for (const p of parts) big = big * 60n + BigInt(p);
  } else {
    if (!/^[0-9]+$/.test(v)) return bad;
    big = BigInt(v);
  }
  // `+ 0` turns -0 into 0: Python has no negative integer zero.
  return { ok: true, type: 'int', value: sign * Number(big) + 0 };
}

function pyFloat(v: string): number | undefined {
  if (/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?$/.test(v)) return Number(v);
  if (v === 'inf' || v === 'infinity') return Infinity;
  if (v === 'nan') return NaN;
  return undefined;
}

function constructFloat(text: string): Constructed {
  const [sign, raw] = splitSign(text);
  const v = raw.toLowerCase();
  const ok = (n: number): Constructed => ({ ok: true, type: 'float', value: sign * n });
  if (v === '.inf') return ok(Infinity);
  if (v === '.nan') return { ok: true, type: 'float', value: NaN };
  if (v.includes(':')) {
    // Sum from the last part up, in PyYAML's order, so the double is bit-identical.
    const digits = v.split(':').map(pyFloat).reverse();
    let base = 1;
    let total = 0;
    for (const d of digits) {
      if (d === undefined) return { ok: false, message: `'${text}' is not a float` };
      total += d * base;
      base *= 60;
    }
    return ok(total);
  }
  const n = pyFloat(v);
  return n === undefined ? { ok: false, message: `'${text}' is not a float` } : ok(n);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * PyYAML builds a datetime.date or datetime.datetime; Ansible templates them with str(), so the
 * value kept here is that string: `2001-12-14`, `2001-12-14 21:59:43.100000-05:00`.
 */
function constructTimestamp(text: string): Constructed {
  const m = TIMESTAMP_PARTS_RE.exec(text);
  if (!m) return { ok: false, message: `'${text}' is not a timestamp` };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > maxDay) {
    return { ok: false, message: `'${text}' is not a valid date` };
  }
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (m[4] === undefined) return { ok: true, type: 'timestamp', value: date };
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, message: `'${text}' is not a valid time` };
  const micro = m[7] ? Number(m[7].slice(0, 6).padEnd(6, '0')) : 0;
  let out = `${date} ${pad(hour)}:${pad(minute)}:${pad(second)}${micro ? '.' + pad(micro, 6) : ''}`;
  if (m[9] !== undefined) {
    const offset = (Number(m[10]) * 60 + Number(m[11] ?? 0)) * (m[9] === '-' ? -1 : 1);
    if (Math.abs(offset) >= 24 * 60) return { ok: false, message: `'${text}' has an invalid UTC offset` };
    out += `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  } else if (m[8] === 'Z') {
    out += '+00:00';
  }
  return { ok: true, type: 'timestamp', value: out };
}
