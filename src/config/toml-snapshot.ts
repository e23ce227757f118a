// The shipped mapping tables as the build parsed them (dist/build-data.json, written by
// scripts/build-data.ts): parsing the TOML of every table is a fixed cost of each run (about
// 100 ms of CPU with its garbage, issue 17), the same on every run. Entries are keyed by the sha256
// of the text they were parsed from, so an edited table (or a user's) finds none and is parsed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the build writes the snapshot: dist/, one level above this module's dist/config/. */
export function snapshotPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../build-data.json');
}

/** The sha256 of a table's text: the key of its snapshot entry. */
export const textKey = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

// Each entry stays JSON text until asked for, and is parsed anew on each request: a caller may own
// (and change) what it gets, as it owns what the TOML parser returns.
let entries: Record<string, string> | null | undefined;

/** The parsed table for this exact text when the build snapshotted it, else undefined. */
export function snapshotTable(text: string): Record<string, unknown> | undefined {
  if (entries === undefined) {
    try {
      entries = JSON.parse(readFileSync(snapshotPath(), 'utf8')) as Record<string, string>;
    } catch {
      entries = null; // no build snapshot (a run from the sources): parse the TOML
    }
  }
  return entries ? snapshotLookup(entries, text) : undefined;
}

/** The entry of `entries` for this exact text, parsed anew, else undefined. */
export function snapshotLookup(entries: Record<string, string>, text: string): Record<string, unknown> | undefined {
  const entry = Object.hasOwn(entries, textKey(text)) ? entries[textKey(text)] : undefined;
  return typeof entry === 'string' ? (JSON.parse(entry) as Record<string, unknown>) : undefined;
}
