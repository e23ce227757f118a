// The build's snapshot of the shipped mapping tables (config/toml-snapshot.ts, scripts/build-data.ts)
// must give every table exactly as the TOML parser reads it, and nothing for a text it was not made from.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinMappingsDir } from '../../src/config/mappings-dir.js';
import { parseToml, parseTomlText } from '../../src/config/table-schema.js';
import { snapshotLookup } from '../../src/config/toml-snapshot.js';
import { snapshotEntries } from '../../src/scripts/build-data.js';

const dir = builtinMappingsDir();
const tables = readdirSync(dir).filter((f) => f.endsWith('.toml'));
const { entries, left } = snapshotEntries(dir);

describe('mapping table snapshot', () => {
  it('holds every shipped table', () => {
    expect(tables.length).toBeGreaterThanOrEqual(10);
    expect(left).toEqual([]);
    expect(Object.keys(entries)).toHaveLength(tables.length);
  });

  it.each(tables)('gives %s exactly as parsing its TOML does', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    expect(snapshotLookup(entries, text)).toStrictEqual(parseTomlText(text));
    expect(snapshotLookup(entries, text)).toStrictEqual(parseToml(text, name));
  });

  it('gives nothing for an edited table, and a fresh object on each request', () => {
    const text = readFileSync(join(dir, 'filters.toml'), 'utf8');
    expect(snapshotLookup(entries, `${text}\n# edited\n`)).toBeUndefined();
    const first = snapshotLookup(entries, text)!;
    first.changed = true;
    expect(snapshotLookup(entries, text)).not.toHaveProperty('changed');
  });

  it('leaves out a table JSON cannot carry exactly (a datetime)', () => {
    const parsed = parseTomlText('when = 1979-05-27T07:32:00Z\n');
    expect(JSON.parse(JSON.stringify(parsed))).not.toStrictEqual(parsed);
  });
});
