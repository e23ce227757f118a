// Public entry points of the Jinja parser. None of them throws: syntax errors
// come back as { ok: false, error } with the line Jinja would report.

import { AsyncLocalStorage } from 'node:async_hooks';
import { ANSIBLE_JINJA_SETTINGS, type Expr, type JinjaSettings, type Node, type ParseResult, type Pos } from './ast.js';
import { LineMap, position, tokenize } from './lexer.js';
import { TemplateParser } from './parse-stmt.js';
import { decodeStringLiteral } from './string-escape.js';
import { JinjaSyntaxError, TokenStream } from './stream.js';

export interface ParsedTemplate {
  nodes: Node[];
  /** The settings in force: the given ones, changed by a `#jinja2:` header if the text has one. */
  settings: JinjaSettings;
}

/** Ansible's marker for per-template environment overrides on the first line. */
const OVERRIDE_PREFIX = '#jinja2:';

const BOOL_KEYS: Record<string, 'trimBlocks' | 'lstripBlocks' | 'keepTrailingNewline'> = {
  trim_blocks: 'trimBlocks',
  lstrip_blocks: 'lstripBlocks',
  keep_trailing_newline: 'keepTrailingNewline',
};
const STRING_KEYS: Record<string, 'variableStart' | 'variableEnd' | 'blockStart' | 'blockEnd' | 'commentStart' | 'commentEnd'> = {
  variable_start_string: 'variableStart',
  variable_end_string: 'variableEnd',
  block_start_string: 'blockStart',
  block_end_string: 'blockEnd',
  comment_start_string: 'commentStart',
  comment_end_string: 'commentEnd',
};

/** The Python literals an override value can reasonably be (ast.literal_eval subset). */
function literalValue(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === 'True' || text === 'False') return { ok: true, value: text === 'True' };
  if (text === 'None') return { ok: true, value: null };
  if (/^-?\d+$/.test(text)) return { ok: true, value: Number(text) };
  const m = /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")$/s.exec(text);
  if (m) {
    const d = decodeStringLiteral(m[1] ?? m[2] ?? '');
    if (d.ok) return { ok: true, value: d.value };
  }
  return { ok: false };
}

/**
 * Reads a `#jinja2: key: value, ...` first line the way Ansible's Templar does:
 * the template proper starts after the first newline.
 */
function readOverrides(text: string, base: JinjaSettings): ParseResult<{ settings: JinjaSettings; bodyStart: number }> {
  if (!text.startsWith(OVERRIDE_PREFIX)) return { ok: true, value: { settings: base, bodyStart: 0 } };
  const eol = text.indexOf('\n');
  // Python's data[len(prefix):eol] with eol == -1 drops the last character, and data[eol + 1:] keeps it all.
  const line = text.slice(OVERRIDE_PREFIX.length, eol < 0 ? text.length - 1 : eol);
  const settings: JinjaSettings = { ...base };
  const pos: Pos = { line: 1, col: 1 };
  for (const pair of line.split(',')) {
    const colon = pair.indexOf(':');
    if (colon < 0) return { ok: false, error: { message: `failed to parse jinja2 override '${pair.trim()}'`, pos } };
    const key = pair.slice(0, colon).trim();
    const lit = literalValue(pair.slice(colon + 1).trim());
    if (!lit.ok) return { ok: false, error: { message: `malformed value in jinja2 override '${pair.trim()}'`, pos } };
    const boolKey = BOOL_KEYS[key];
    const strKey = STRING_KEYS[key];
    if (boolKey) settings[boolKey] = Boolean(lit.value);
    else if (strKey) {
      if (typeof lit.value !== 'string' || lit.value === '') {
        return { ok: false, error: { message: `jinja2 override '${key}' needs a non-empty string`, pos } };
      }
      settings[strKey] = lit.value;
    }
    // Other keys (newline_sequence, autoescape, ...) do not change parsing.
  }
  return { ok: true, value: { settings, bodyStart: eol + 1 } };
}

function run<T>(f: () => T): ParseResult<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof JinjaSyntaxError) return { ok: false, error: { message: e.message, pos: e.pos } };
    throw e;
  }
}

/**
 * Parses a whole template. Settings default to Ansible's; a first-line
 * `#jinja2:` header overrides them as Ansible does, and the effective settings
 * are returned for applyWhitespace. Positions count from the start of `text`
 * (the header line included).
 */
export function parseTemplate(text: string, settings: Partial<JinjaSettings> = {}): ParseResult<ParsedTemplate> {
  const header = readOverrides(text, { ...ANSIBLE_JINJA_SETTINGS, ...settings });
  if (!header.ok) return header;
  const eff = header.value.settings;
  const tokens = tokenize(text, eff, header.value.bodyStart, new LineMap(text));
  return run(() => ({ nodes: new TemplateParser(new TokenStream(tokens), text).parseTemplate(), settings: eff }));
}

/**
 * Parsed strings by text, for one run. The audit, the deferred-variable scan and the translator each
 * read every templated string of every variable; on a large defaults file parsing them three times
 * was a fifth of the run. Results are shared within the run, so callers must not change them; no
 * two runs share one (a run's cache is made by withParseCache and dropped with it). Bounded: a run
 * with more templated strings than the limit starts over rather than holding them all.
 */
const STRING_CACHE_LIMIT = 50_000;
/**
 * After lastReadsOfParses, the parses last handed out: a text the roles repeat (`{{ item }}`, one
 * default every role shares) is read again a few strings later, and parsing it again was a fifth of
 * the translator's parses at 1000 roles. Two generations of at most RECENT_LIMIT each: when the
 * young one is full it becomes the old one and the old one is dropped, so memory still shrinks and
 * no read walks a list (evicting a Map's first key one at a time made each read skip the deleted ones).
 */
const RECENT_LIMIT = 1024;
interface Recent<T> {
  young: Map<string, ParseResult<T>>;
  old: Map<string, ParseResult<T>>;
}
const recentOf = <T>(): Recent<T> => ({ young: new Map(), old: new Map() });
interface RunCache {
  parses: Map<string, ParseResult<Node[]>>;
  /** Conditions (parseExpression), shared the same way: the use-contracts scan reads each twice, the translator once. */
  exprs: Map<string, ParseResult<Expr>>;
  /** Set by lastReadsOfParses: each entry is handed out once more, then moved to `recent`; nothing is added. */
  lastReads: boolean;
  recent: Recent<Node[]>;
  recentExprs: Recent<Expr>;
}
const runCache = new AsyncLocalStorage<RunCache>();

/**
 * Runs one conversion (or audit) with a string-parse cache of its own. The stages are reached from
 * many places that hold no common object, so the run's cache is found through the run itself
 * (AsyncLocalStorage) rather than handed down; outside a run, strings are parsed each time.
 */
export function withParseCache<T>(run: () => T): T {
  return runCache.run({ parses: new Map(), exprs: new Map(), lastReads: false, recent: recentOf(), recentExprs: recentOf() }, run);
}

/**
 * Says the stages that read strings more than once are done: from here each cached parse is handed
 * out once and dropped, so the cache shrinks while the translator's output grows instead of being
 * held to the end of the run (a fifth of the live heap at its peak on a large defaults file). A
 * string read again is parsed again: the result is the same, parsing has no state.
 */
export function lastReadsOfParses(): void {
  const cache = runCache.getStore();
  if (cache) cache.lastReads = true;
}

/** A YAML string value that may hold `{{ }}`, `{% %}` or `{# #}`: parsed as a template with Ansible's settings. */
export function parseString(text: string): ParseResult<Node[]> {
  // Text with no `{` and no header holds no tag with Ansible's delimiters (each starts with `{`): it is
  // one text node, built here without the lexer and parser a variable's every plain string went through.
  if (!text.includes('{') && !text.startsWith('#jinja2:'))
    return { ok: true, value: text === '' ? [] : [{ kind: 'text', text, pos: { line: 1, col: 1 } }] };
  const cache = runCache.getStore();
  if (cache === undefined) return parseStringOnce(text);
  return cached(text, cache.parses, cache.lastReads ? cache.recent : undefined, parseStringOnce);
}

/**
 * A run's parse of `text` from `parses`, made by `parse` when absent. With `recent` (the run's last
 * reads have begun) an entry leaves `parses` as it is handed out and stays among the recent ones.
 */
function cached<T>(
  text: string,
  parses: Map<string, ParseResult<T>>,
  recent: Recent<T> | undefined,
  parse: (text: string) => ParseResult<T>,
): ParseResult<T> {
  if (recent) {
    let r = parses.get(text) ?? recent.young.get(text);
    if (r !== undefined) parses.delete(text);
    else r = recent.old.get(text) ?? parse(text);
    if (!recent.young.has(text)) {
      if (recent.young.size >= RECENT_LIMIT) {
        recent.old = recent.young;
        recent.young = new Map();
      }
      recent.young.set(text, r);
    }
    return r;
  }
  let r = parses.get(text);
  if (r === undefined) {
    r = parse(text);
    if (parses.size >= STRING_CACHE_LIMIT) parses.clear();
    parses.set(text, r);
  }
  return r;
}

function parseStringOnce(text: string): ParseResult<Node[]> {
  const r = parseTemplate(text);
  return r.ok ? { ok: true, value: r.value.nodes } : r;
}

/**
 * What Ansible does to a variable string before templating it (Templar's escape_backslashes): a
 * backslash in a string literal inside `{{ }}` is doubled, so `'\1'` there means backslash-one as
 * written. Undefined when the text does not lex (Ansible fails on it too) or starts with a
 * `#jinja2:` header (the delimiters may differ).
 */
export function escapeBackslashes(text: string): string | undefined {
  if (!text.includes('\\') || !text.includes('{{')) return text;
  if (text.startsWith('#jinja2:')) return undefined;
  const tokens = tokenize(text, ANSIBLE_JINJA_SETTINGS, 0, new LineMap(text));
  if (tokens.some((t) => t.type === 'error')) return undefined;
  let out = '';
  let last = 0;
  let inVar = false;
  for (const t of tokens) {
    if (t.type === 'variable_begin') inVar = true;
    else if (t.type === 'variable_end') inVar = false;
    else if (inVar && t.type === 'string') {
      out += text.slice(last, t.start) + text.slice(t.start, t.end).replace(/\\/g, '\\\\');
      last = t.end;
    }
  }
  return out + text.slice(last);
}

/** Ansible evaluates a conditional by rendering this template around it (playbook/conditional.py). */
const CONDITION_PREFIX = '{% if ';
const conditionTemplate = (expr: string): string => `${CONDITION_PREFIX}${expr} %} True {% else %} False {% endif %}`;

/**
 * Moves positions on the first line back over the wrapper prefix. Pos objects are shared (between
 * nodes, and between parses: lexer.ts position), so each node is given a moved one, never changed.
 */
function unshiftPositions(value: unknown, seen = new Set<object>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  for (const [k, v] of Object.entries(value)) {
    if (k === 'pos') {
      const p = v as Pos;
      if (p.line === 1) (value as { pos: Pos }).pos = position(1, p.col - CONDITION_PREFIX.length);
    } else {
      unshiftPositions(v, seen);
    }
  }
}

/**
 * Parses a conditional (`when:`, `changed_when:`, `failed_when:`, `until:`)
 * exactly as Ansible does: as the test of `{% if <text> %}`. So it accepts a
 * bare tuple (`a, b`) and rejects an inline if-else, like Ansible.
 */
export function parseExpression(text: string): ParseResult<Expr> {
  const cache = runCache.getStore();
  if (cache === undefined) return parseExpressionOnce(text);
  return cached(text, cache.exprs, cache.lastReads ? cache.recentExprs : undefined, parseExpressionOnce);
}

function parseExpressionOnce(text: string): ParseResult<Expr> {
  const wrapped = conditionTemplate(text);
  const r = parseTemplate(wrapped, { ...ANSIBLE_JINJA_SETTINGS });
  const textEnd = new LineMap(text).pos(text.length);
  if (!r.ok) {
    const p = r.error.pos;
    // An error in the wrapper's own tail is reported at the end of the expression.
    const pastEnd =
      p.line > textEnd.line || (p.line === textEnd.line && p.col - (p.line === 1 ? CONDITION_PREFIX.length : 0) > textEnd.col);
    const pos = pastEnd ? textEnd : { line: p.line, col: Math.max(1, p.col - (p.line === 1 ? CONDITION_PREFIX.length : 0)) };
    return { ok: false, error: { message: r.error.message, pos } };
  }
  const nodes = r.value.nodes;
  const first = nodes[0];
  const isText = (body: Node[] | null, text: string): boolean => body?.length === 1 && body[0]?.kind === 'text' && body[0].text === text;
  if (
    nodes.length !== 1 ||
    first?.kind !== 'if' ||
    first.branches.length !== 1 ||
    !isText(first.branches[0]?.body ?? null, ' True ') ||
    !isText(first.else, ' False ')
  ) {
    return { ok: false, error: { message: 'the condition contains template tags', pos: { line: 1, col: 1 } } };
  }
  const test = (first.branches[0] as { test: Expr }).test;
  unshiftPositions(test);
  return { ok: true, value: test };
}

/** True when the text has a Jinja variable, block or comment start (what Ansible treats as a possible template). */
export function containsJinja(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('{#');
}
