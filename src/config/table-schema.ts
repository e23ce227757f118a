// Checks for the mapping tables: each reads one TOML value and returns it typed, or throws a
// MappingError naming the file and the key path (`mappings/filters.toml: foo.ruby: expected string,
// got integer`). Unknown keys are errors, so a misspelt key is caught at load, not ignored.
import { createRequire } from 'node:module';
import { snapshotTable } from './toml-snapshot.js';

// The TOML parser loads only when a table is not in the build's snapshot (toml-snapshot.ts).
const require = createRequire(import.meta.url);
let toml: typeof import('@iarna/toml') | undefined;

/** The TOML parser's reading of `text`, never the snapshot's (the snapshot is made from it). */
export function parseTomlText(text: string): Record<string, unknown> {
  toml ??= require('@iarna/toml') as typeof import('@iarna/toml');
  return toml.parse(text) as Record<string, unknown>;
}

export class MappingError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    /** What is wrong, without the file and key. */
    readonly detail: string,
    /** Where in the text, for a TOML syntax error (1-based). */
    readonly pos?: { line: number; col: number },
  ) {
    super(`${file}: ${key}: ${detail}`);
  }
}

/** Where a value sits: the table file (as shown to the user) and the TOML key path to it. */
export interface At {
  file: string;
  path: readonly string[];
}

export const atRoot = (file: string): At => ({ file, path: [] });
export const sub = (at: At, key: string | number): At => ({ file: at.file, path: [...at.path, String(key)] });

/** A key path as TOML writes it: bare keys plain, others quoted (`module."ansible.builtin.apt".params`). */
export function keyPath(path: readonly string[]): string {
  return path.map((k) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k))).join('.') || '(top level)';
}

export function fail(at: At, message: string): never {
  throw new MappingError(at.file, keyPath(at.path), message);
}

/** TOML's name for what a parsed value is. */
function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'datetime';
  if (typeof v === 'number' || typeof v === 'bigint') return Number.isInteger(Number(v)) ? 'integer' : 'float';
  if (typeof v === 'object' && v !== null) return 'table';
  return typeof v;
}

const expected = (what: string, v: unknown, at: At): never => fail(at, `expected ${what}, got ${kindOf(v)}`);

/** Parses TOML text (or takes the build's parse of the same text); a syntax error names the file and the line. */
export function parseToml(text: string, file: string): Record<string, unknown> {
  const built = snapshotTable(text);
  if (built) return built;
  try {
    return parseTomlText(text);
  } catch (e) {
    const err = e as { line?: number; col?: number; message: string };
    const pos = { line: (err.line ?? 0) + 1, col: (err.col ?? 0) + 1 };
    throw new MappingError(file, `line ${pos.line}`, err.message.split('\n')[0] ?? 'TOML syntax error', pos);
  }
}

export function table(v: unknown, at: At): Record<string, unknown> {
  if (kindOf(v) !== 'table') expected('a table', v, at);
  return v as Record<string, unknown>;
}

/** Fails on the first key of t that is not allowed (the typo a user would otherwise never see). */
export function onlyKeys(t: Record<string, unknown>, allowed: readonly string[], at: At): void {
  for (const k of Object.keys(t)) if (!allowed.includes(k)) fail(sub(at, k), `unknown key (expected one of ${allowed.join(', ')})`);
}

export function string(v: unknown, at: At): string {
  if (typeof v !== 'string') expected('string', v, at);
  return v as string;
}

export function boolean(v: unknown, at: At): boolean {
  if (typeof v !== 'boolean') expected('boolean', v, at);
  return v as boolean;
}

export function strings(v: unknown, at: At): string[] {
  if (!Array.isArray(v)) expected('an array of strings', v, at);
  return (v as unknown[]).map((s, i) => string(s, sub(at, i)));
}

export function oneOf<T extends string>(values: readonly T[], v: unknown, at: At): T {
  const s = string(v, at);
  if (!(values as readonly string[]).includes(s)) fail(at, `expected one of ${values.join(', ')}, got "${s}"`);
  return s as T;
}

/** A string that must compile as a JavaScript regular expression (flags as the reader uses them). */
export function pattern(v: unknown, at: At, flags = ''): RegExp {
  const s = string(v, at);
  try {
    return new RegExp(s, flags);
  } catch (e) {
    return fail(at, `not a valid regular expression: ${(e as Error).message}`);
  }
}

/** A table of strings (`value = "text"`). */
export function stringTable(v: unknown, at: At): Record<string, string> {
  const t = table(v, at);
  return Object.fromEntries(Object.entries(t).map(([k, x]) => [k, string(x, sub(at, k))]));
}

/** The optional key k of t, checked by check when present. */
export function optional<T>(t: Record<string, unknown>, k: string, at: At, check: (v: unknown, at: At) => T): T | undefined {
  return t[k] === undefined ? undefined : check(t[k], sub(at, k));
}

export function required<T>(t: Record<string, unknown>, k: string, at: At, check: (v: unknown, at: At) => T): T {
  if (t[k] === undefined) fail(sub(at, k), 'missing');
  return check(t[k], sub(at, k));
}

/** Each name of list must be one of names (parameters named by defaults, nil_defaults, ...). */
export function within(list: readonly string[], names: readonly string[], what: string, at: At): void {
  for (const [i, n] of list.entries())
    if (!names.includes(n)) fail(sub(at, i), `"${n}" is not one of the ${what} (${names.join(', ') || 'none'})`);
}
