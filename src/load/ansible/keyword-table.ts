// mappings/keywords.toml: every keyword Ansible accepts on a task, handler, block, play or role
// reference, where, and what the converter does with it (the file's header explains the kinds).
// The loader tells keywords from modules and role parameters with it; the translators take each
// keyword's policy from it. Not user-extensible: a keyword is Ansible's, not a mapping choice.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinMappingsDir } from '../../config/mappings-dir.js';
import { type At, fail, onlyKeys, oneOf, parseToml, required, string, strings, sub, table, atRoot } from '../../config/table-schema.js';

export const KEYWORD_PLACES = ['task', 'handler', 'block', 'play', 'role'] as const;
export type KeywordPlace = (typeof KEYWORD_PLACES)[number];

export const USE_KINDS = ['translated', 'ignored', 'carried', 'push-model', 'module', 'block-part', 'names-role'] as const;
export const PLAY_KINDS = ['translated', 'ignored', 'push-run', 'not-applied'] as const;
export const BLOCK_KINDS = ['handed-down', 'ignored'] as const;

export interface Policy<K extends string> {
  kind: K;
  reason: string;
}

export interface KeywordEntry {
  on: readonly KeywordPlace[];
  /** On a task, handler, block or role reference; absent for play-only keywords. */
  use?: Policy<(typeof USE_KINDS)[number]>;
  /** On a block, where that is not `use`: handed down to the block's tasks, or ignored. */
  block?: Policy<(typeof BLOCK_KINDS)[number]>;
  /** On a play; present exactly when `on` holds play. */
  play?: Policy<(typeof PLAY_KINDS)[number]>;
}

export type KeywordTable = ReadonlyMap<string, KeywordEntry>;

function policy<K extends string>(v: unknown, at: At, kinds: readonly K[]): Policy<K> {
  const t = table(v, at);
  onlyKeys(t, ['kind', 'reason'], at);
  return { kind: required(t, 'kind', at, (x, a) => oneOf(kinds, x, a)), reason: required(t, 'reason', at, string) };
}

export function checkKeywords(doc: Record<string, unknown>, at: At): KeywordTable {
  const out = new Map<string, KeywordEntry>();
  for (const [name, v] of Object.entries(doc)) {
    const here = sub(at, name);
    const t = table(v, here);
    onlyKeys(t, ['on', 'use', 'block', 'play'], here);
    const on = required(t, 'on', here, strings).map((p, i) => oneOf(KEYWORD_PLACES, p, sub(sub(here, 'on'), i)));
    if (!on.length) fail(sub(here, 'on'), 'names no place');
    if (new Set(on).size !== on.length) fail(sub(here, 'on'), 'names a place twice');
    const usedOnTasks = on.some((p) => p !== 'play');
    if (usedOnTasks !== (t.use !== undefined))
      fail(
        sub(here, 'use'),
        usedOnTasks
          ? 'missing: the keyword is accepted on a task, handler, block or role'
          : 'only a keyword accepted on a task, handler, block or role has a use',
      );
    if (on.includes('play') !== (t.play !== undefined))
      fail(
        sub(here, 'play'),
        on.includes('play') ? 'missing: the keyword is accepted on a play' : 'only a keyword accepted on a play has a play policy',
      );
    if (t.block !== undefined && !on.includes('block')) fail(sub(here, 'block'), 'only a keyword accepted on a block has a block policy');
    // A block's keyword reaches its tasks (handed down), or changes nothing there: the block
    // translator has no other way to apply it, so a row without either could be dropped unseen.
    const use = (t.use as { kind?: unknown } | undefined)?.kind;
    if (on.includes('block') && t.block === undefined && !['ignored', 'carried', 'block-part'].includes(String(use)))
      fail(sub(here, 'block'), 'missing: a block keyword that is neither ignored nor carried is handed down or ignored on a block');
    out.set(name, {
      on,
      ...(t.use !== undefined ? { use: policy(t.use, sub(here, 'use'), USE_KINDS) } : {}),
      ...(t.block !== undefined ? { block: policy(t.block, sub(here, 'block'), BLOCK_KINDS) } : {}),
      ...(t.play !== undefined ? { play: policy(t.play, sub(here, 'play'), PLAY_KINDS) } : {}),
    });
  }
  return out;
}

export function keywordEntries(text: string, file: string): KeywordTable {
  return checkKeywords(parseToml(text, file), atRoot(file));
}

let cached: KeywordTable | undefined;

/** The shipped keyword table (read once per process); a malformed one is a bug of the tool: this throws. */
export function builtinKeywords(): KeywordTable {
  cached ??= keywordEntries(readFileSync(resolve(builtinMappingsDir(), 'keywords.toml'), 'utf8'), 'mappings/keywords.toml');
  return cached;
}

/** The keywords Ansible accepts at any of these places. */
export function keywordsOn(places: readonly KeywordPlace[], t: KeywordTable = builtinKeywords()): ReadonlySet<string> {
  return new Set([...t].filter(([, e]) => e.on.some((p) => places.includes(p))).map(([k]) => k));
}

/** Keyword -> reason, for the keywords whose use (or play policy) is of this kind. */
export function reasonsOf(where: 'use' | 'block' | 'play', kind: string, t: KeywordTable = builtinKeywords()): ReadonlyMap<string, string> {
  return new Map([...t].flatMap(([k, e]) => (e[where]?.kind === kind ? [[k, e[where]!.reason] as [string, string]] : [])));
}
