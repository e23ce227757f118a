// The table of diagnostic codes (src/base/diagnostic-codes.ts), the README, the source and the tests stay
// consistent, as typescript-eslint keeps its rules, docs and fixtures: every code is documented in
// the README's generated table, reported somewhere in src/, and shown by at least one test or golden
// file. The sink refuses a severity the table does not allow.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CODES, type DiagnosticCode } from '../../src/base/diagnostic-codes.js';
import { DiagnosticSink } from '../../src/base/diagnostics.js';
import { withCodesTable } from '../../src/scripts/docs-codes.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const codes = Object.keys(CODES).sort() as DiagnosticCode[];

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) return filesUnder(rel, keep);
    return keep(rel) ? [rel] : [];
  });
}

/** The code quoted as a string literal: 'A2C-X' (a longer code does not count as a use of a shorter one). */
const quoted = (code: string) => new RegExp(`['"\`]${code}['"\`]`);
const mentioned = (code: string) => new RegExp(`${code}(?![A-Z0-9-])`);

const source = filesUnder('src', (p) => p.endsWith('.ts') && p !== 'src/base/diagnostic-codes.ts')
  .map(read)
  .join('\n');
// Test files (this one names no code) and every golden file: expected diagnostics, reports, audits.
const tested = [
  ...filesUnder('test', (p) => p.endsWith('.ts') && !p.endsWith('/diagnostic-codes.test.ts')),
  ...filesUnder('test/golden', () => true),
]
  .map(read)
  .join('\n');

/**
 * Codes no test can make today, each with the reason. The list may only shrink: a code listed here
 * that a test or golden file shows fails below.
 */
const UNTESTED: Partial<Record<DiagnosticCode, string>> = {
  'A2C-INTERNAL-RUBY': 'only a printer bug writes Ruby Prism rejects; every test that parses output guards the printer instead',
  'A2C-INTERNAL-VARS-FILE': 'only a disagreement between the include_vars pre-pass and the translation (a bug) reports it',
  'A2C-INTERNAL-SET-FACT': 'only a disagreement between the set_fact prediction (todo-set-facts.ts) and the translation (a bug) reports it',
};

describe('diagnostic codes', () => {
  it('the README holds the table `npm run docs:codes` writes', () => {
    const readme = read('README.md');
    const fresh = withCodesTable(readme);
    expect(fresh, 'README.md lacks the diagnostic-codes markers').toBeDefined();
    expect(readme, 'README.md is stale: run `npm run docs:codes`').toBe(fresh);
  });

  it.each(codes)('%s is documented in the README with its severity and need', (code) => {
    const e: { severity: string; also?: string; need: string } = CODES[code];
    const row = read('README.md')
      .split('\n')
      .find((l) => l.startsWith(`| \`${code}\` |`));
    expect(row, `${code} has no row in the README`).toBeDefined();
    expect(row).toContain(`| ${e.severity}`);
    expect(row).toContain(`| ${e.need} |`);
  });

  it.each(codes)('%s is reported somewhere in src/', (code) => {
    expect(quoted(code).test(source), `no file of src/ names '${code}': drop it from the table or report it`).toBe(true);
  });

  it.each(codes)('%s appears in a test or a golden file', (code) => {
    if (UNTESTED[code]) expect(mentioned(code).test(tested), `${code} is tested now: take it off UNTESTED`).toBe(false);
    else expect(mentioned(code).test(tested), `no test and no golden file shows ${code}`).toBe(true);
  });

  it('a second severity differs from the first and is explained in the doc', () => {
    for (const code of codes) {
      const e: { severity: string; also?: string; doc: string } = CODES[code];
      if (!e.also) continue;
      expect(e.also, code).not.toBe(e.severity);
      expect(e.doc, `${code}: say when it is ${e.also}`).toMatch(/\(|;/);
    }
  });

  it('every A2C- code quoted in src/ is in the table', () => {
    const used = new Set([...source.matchAll(/['"`](A2C-[A-Z0-9-]*[A-Z0-9])['"`]/g)].map((m) => m[1]!));
    expect([...used].filter((c) => !(c in CODES)).sort()).toEqual([]);
  });

  it('the sink refuses a severity the table does not allow for the code', () => {
    const sink = new DiagnosticSink();
    expect(() => sink.add({ code: 'A2C-YAML-SYNTAX', severity: 'warning', message: 'x' })).toThrow(/A2C-YAML-SYNTAX reported as warning/);
    expect(sink.add({ code: 'A2C-YAML-VALUE', severity: 'warning', message: 'x' }).severity).toBe('warning');
    expect(sink.items).toHaveLength(1);
  });
});
