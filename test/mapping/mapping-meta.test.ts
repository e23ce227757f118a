// The tables, their code and their tests stay consistent: every Jinja filter of
// mappings/filters.toml is exercised by the differential tests (or, when it is refused, by a case
// that asserts the refusal), and every fact of mappings/facts.toml is checked against ground truth.
import { readdirSync, readFileSync } from 'node:fs';
import TOML from '@iarna/toml';
import { describe, expect, it } from 'vitest';

const read = (p: string) => readFileSync(new URL(p, new URL('../', import.meta.url)), 'utf8');
/** Every test file, relative to test/. */
const testFiles = readdirSync(new URL('../', import.meta.url), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `./${f}`);
const filters = TOML.parse(read('../mappings/filters.toml')) as Record<string, { untranslatable?: string }>;
const differential =
  read('./jinja-to-ruby/jinja-differential.test.ts') +
  read('./jinja-to-ruby/jinja-translate.test.ts') +
  read('./jinja-to-ruby/jinja-round.test.ts') +
  // json_query runs against community.general's filter through Ansible's templating there.
  read('./jinja-to-ruby/json-query-differential.test.ts') +
  // openstack.osa's filters against their Python definitions (the collection is not installed).
  read('./jinja-to-ruby/osa-filters-differential.test.ts') +
  read('./jinja-to-ruby/osa-rejectattr-differential.test.ts') +
  // format (Python's `fmt % args`) against Ansible's Templar over generated %s formats and arguments.
  read('./jinja-to-ruby/format-differential.test.ts');

describe('mapping tables have tests', () => {
  it.each(Object.keys(filters).sort())('filter %s has a differential or translation case', (name) => {
    // A use of the filter in a case: `| name` (optionally with arguments), or the name quoted where
    // cases are generated (`${v} | ${f}` over a list of filter forms such as 'ipv6("address")').
    const used = new RegExp(`\\|\\s*(ansible\\.(builtin|utils|netcommon)\\.)?${name}\\b|['"]${name}(\\(|['"])`).test(differential);
    expect(
      used,
      `no case in test/jinja-to-ruby/jinja-differential.test.ts or test/jinja-to-ruby/jinja-translate.test.ts uses '| ${name}'`,
    ).toBe(true);
  });

  it('every fact of facts.toml is checked against the ground truth (test/jinja-to-ruby/facts-table.test.ts iterates the table)', () => {
    const facts = TOML.parse(read('../mappings/facts.toml')) as Record<
      string,
      { ground_truth?: string; compare_only?: string[]; compute?: string; always_defined?: boolean }
    >;
    // A fact converted only in comparisons with some values (compare_only) has no ground-truth row to
    // equal: its own test compares the computed answer with Ansible's collector for those values.
    // A fact computed on the node (the CPU topology from /proc/cpuinfo, distribution_version from the
    // release files) has no single row that holds for every machine: its own test compares the
    // computed answer with Ansible's collector on described hosts. Each such test names the helper in
    // a describe title that says what it is compared with.
    const ownDifferential = (name: string, f: { compute?: string }) =>
      f.compute === name &&
      testFiles.some((t) => {
        const text = read(t);
        return text.includes(`A2C::Facts.${name}`) && /describe(\.skipIf\([^)]*\))?\([^\n]*(Ansible's collector|ansible)/i.test(text);
      });
    // A fact no ground-truth row holds (ansible_lsb's id, release...: the row was not gathered) is
    // compared live instead: its test runs real ohai and Ansible's setup module on this machine.
    const comparedLive = (name: string) =>
      testFiles.some((t) => {
        const text = read(t);
        return (
          text.includes(`'${name}'`) && text.includes("spawnSync('ohai'") && /describe(\.skipIf\([^)]*\))?\([^\n]*setup module/i.test(text)
        );
      });
    // A fact asked only whether it is defined (always_defined) has no value: its test runs the
    // collector and checks that it sets the fact, and the converted `is defined` of it.
    const alwaysDefined = (name: string, f: { always_defined?: boolean }) =>
      f.always_defined === true && testFiles.some((t) => read(t).includes(`ansible_${name} is defined`) && read(t).includes('Collector'));
    const missing = Object.entries(facts)
      .filter(
        ([name, f]) => !f.ground_truth && !f.compare_only && !alwaysDefined(name, f) && !ownDifferential(name, f) && !comparedLive(name),
      )
      .map(([k]) => k);
    expect(missing).toEqual([]);
    // Such a fact's test reads the values it compares with from the table, wherever that test lives.
    for (const [name] of Object.entries(facts).filter(([, f]) => f.compare_only)) {
      const reads = testFiles.filter((f) => read(f).includes(`facts['${name}']?.compare_only`));
      expect(reads, `no test reads facts['${name}']?.compare_only from the table`).not.toEqual([]);
    }
    expect(read('./jinja-to-ruby/facts-table.test.ts')).toMatch(/Object\.entries\(builtinTables\(\)\.facts\)/);
  });
});
