// Build step (`npm run build`), the data files of dist/ that save each run a fixed cost (issue 17):
// - build-data.json, the shipped mapping tables as the TOML parser reads them, keyed by the
//   sha256 of each table's text (config/toml-snapshot.ts reads it). A table whose parse JSON cannot
//   carry exactly (a datetime, a big integer, NaN) is left out and stays parsed from its TOML.
// - tool-code.json, the tool's code hash with the stamps of the files it was taken from
//   (cli/run-digest.ts toolCode), so that a run need not hash the code while they hold. Made here
//   because a run never writes into the tool's own directory.
import { closeSync, ftruncateSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { builtinMappingsDir } from '../config/mappings-dir.js';
import { parseTomlText } from '../config/table-schema.js';
import { snapshotPath, textKey } from '../config/toml-snapshot.js';
import { codeOf, TOOL_RECORD, toolRecordText } from '../cli/run-digest.js';
import { supportCookbookDir } from '../support-cookbook/source.js';
import { RACY_MS } from '../workspace/stamps.js';

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

/**
 * Writes the tool's code record to `path` (in `root`, the code's directory): the hash of the code
 * under `root` and of `support`, with their stamps. Stamps taken within RACY_MS of a change make no
 * record (workspace/stamps.ts), and tsc has just written every file: the build waits that long
 * first, once `path` exists, since adding a file moves its directory's stamp; the record is then
 * written in place, which moves no directory's. A tree still changing then gets an empty file, and
 * the runs hash the code. Returns the hash, and whether a record was written.
 */
export function writeToolRecord(
  root: string,
  support: string,
  path: string,
  wait: (ms: number) => void,
): { hash: string; recorded: boolean } {
  writeFileSync(path, '');
  wait(RACY_MS + 100);
  const code = codeOf(root, support, []);
  if (code.record) {
    const fd = openSync(path, 'r+');
    try {
      const bytes = Buffer.from(toolRecordText(code.record));
      writeSync(fd, bytes, 0, bytes.length, 0);
      ftruncateSync(fd, bytes.length);
    } finally {
      closeSync(fd);
    }
  }
  return { hash: code.hash, recorded: code.record !== undefined };
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { entries, left } = snapshotEntries(builtinMappingsDir());
  writeFileSync(snapshotPath(), JSON.stringify(entries));
  const dist = dirname(snapshotPath());
  writeToolRecord(dist, supportCookbookDir(), join(dist, TOOL_RECORD), sleep);
  if (left.length) process.stderr.write(`mapping snapshot: parsed on each run (not exact in JSON): ${left.join(', ')}\n`);
}
