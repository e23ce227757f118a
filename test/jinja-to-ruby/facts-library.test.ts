// libraries/a2c_facts.rb is printed from mappings/facts.toml; the copy shipped in the source tree
// (which the Ruby differential tests load) must not go stale. UPDATE_GOLDEN=1 rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printFactsLibrary } from '../../src/print/print-facts.js';
import { factLookupTables } from '../../src/jinja-to-ruby/facts.js';
import { builtinTables } from '../../src/mapping/tables.js';

const FILE = new URL('../../src/support-cookbook/ruby/libraries/a2c_facts.rb', import.meta.url);

describe('the support cookbook facts library', () => {
  it('matches mappings/facts.toml', () => {
    const fresh = printFactsLibrary(factLookupTables(builtinTables()));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(FILE, fresh);
    expect(readFileSync(FILE, 'utf8'), 'regenerate with UPDATE_GOLDEN=1 npx vitest run test/jinja-to-ruby/facts-library.test.ts').toBe(
      fresh,
    );
  });

  it('names every lookup fact of the table', () => {
    expect(Object.keys(factLookupTables(builtinTables()))).toContain('os_family');
  });
});
