// Build step (`npm run build`), the data files of dist/ that save each run a fixed cost (issue 17):
// - mapping-snapshot.json, the shipped mapping tables as the TOML parser reads them, keyed by the
//   sha256 of each table's text (config/toml-snapshot.ts reads it). A table whose parse JSON cannot
//   carry exactly (a datetime, a big integer, NaN) is left out and stays parsed from its TOML.
// - tool-code.json, empty: the place where runs keep the tool's code hash (cli/run-digest.ts), made
//   here because a run may only rewrite it in place.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { builtinMappingsDir } from '../config/mappings-dir.js';
import { parseTomlText } from '../config/table-schema.js';
import { snapshotPath, textKey } from '../config/toml-snapshot.js';
import { TOOL_RECORD } from '../cli/run-digest.js';

/** Every table of `dir` whose parse survives JSON unchanged, as JSON text by its text's key; the others by name. */
export function snapshotEntries(dir: string): { entries: Record<string, string>; left: string[] } {
  const entries: Record<string, string> = {};
  const left: string[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.toml'))
    .sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const parsed = parseTomlText(text);
    const json = JSON.stringify(parsed);
    if (isDeepStrictEqual(JSON.parse(json), parsed)) entries[textKey(text)] = json;
    else left.push(name);
  }
  return { entries, left };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { entries, left } = snapshotEntries(builtinMappingsDir());
  writeFileSync(snapshotPath(), JSON.stringify(entries));
  writeFileSync(join(dirname(snapshotPath()), TOOL_RECORD), '');
  if (left.length) process.stderr.write(`mapping snapshot: parsed on each run (not exact in JSON): ${left.join(', ')}\n`);
}
