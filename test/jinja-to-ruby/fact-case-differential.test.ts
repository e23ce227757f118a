// `ansible_os_family | lower` (the name of many roles' vars files) on a lookup fact: its value is
// one of the fact table's values, and on ASCII text Ruby's downcase/upcase are Python's
// lower/upper, so the translation is `A2C::Facts.lookup(...).downcase` (filters.ts
// caseOfLookupFact). Checked on every value of every lookup table by Python and Ruby themselves;
// a table holding a non-ASCII value keeps the helper.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { translateExpr } from '../../src/jinja-to-ruby/expr.js';
import { parseExpression } from '../../src/load/jinja/index.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { printExpr } from '../../src/print/print-expr.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const tables = builtinTables();
const scopeOf = (t: typeof tables) => ({ tables: t, lookupVar: () => undefined, locals: new Map<string, string>() });
const printed = (text: string, t = tables): string => {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const r = translateExpr(parsed.value, scopeOf(t));
  if (!r.ok) throw new Error(r.reason);
  return printExpr(r.value);
};
const lookupTables = Object.entries(tables.facts).filter(([, e]) => e.convert === 'lookup' && e.table);

describe('lower and upper on a lookup fact', () => {
  it.each([
    ['ansible_os_family | lower', "A2C::Facts.lookup(node.read!('platform_family'), 'os_family').downcase"],
    ['ansible_facts.os_family | upper', "A2C::Facts.lookup(node.read!('platform_family'), 'os_family').upcase"],
    ['ansible_distribution | lower', "A2C::Facts.lookup(node.read!('platform'), 'distribution').downcase"],
  ])('%s is Ruby string casing', (text, ruby) => {
    expect(printed(text)).toBe(ruby);
  });

  it('a table with a non-ASCII value keeps the helper', () => {
    const odd = { ...tables, facts: { ...tables.facts, os_family: { ...tables.facts.os_family!, table: { debian: 'Debİan' } } } };
    expect(printed('ansible_os_family | lower', odd)).toContain('A2C::Jinja.lower(');
  });

  it('every value of the lookup tables is ASCII (else its facts keep the helper)', () => {
    expect(lookupTables.length).toBeGreaterThan(0);
    for (const [, e] of lookupTables) for (const v of Object.values(e.table!)) expect(v).toMatch(/^[\x20-\x7e]*$/);
  });

  const haveTools = requireOrSkip('python3+ruby', hasTool('python3') && hasTool('ruby'));
  it.skipIf(!haveTools)("Python's lower/upper and Ruby's downcase/upcase agree on every table value", () => {
    const values = [...new Set(lookupTables.flatMap(([, e]) => Object.values(e.table!)))];
    const py = spawnSync(
      'python3',
      ['-c', 'import json,sys; v=json.load(sys.stdin); print(json.dumps([[x.lower(), x.upper()] for x in v]))'],
      {
        input: JSON.stringify(values),
        encoding: 'utf8',
      },
    );
    const rb = spawnSync(
      'ruby',
      ['-rjson', '-e', 'v = JSON.parse($stdin.read); puts JSON.generate(v.map { |x| [x.downcase, x.upcase] })'],
      {
        input: JSON.stringify(values),
        encoding: 'utf8',
      },
    );
    expect(py.status, py.stderr).toBe(0);
    expect(rb.status, rb.stderr).toBe(0);
    expect(JSON.parse(rb.stdout)).toEqual(JSON.parse(py.stdout));
    expect(values.length).toBeGreaterThan(5);
  });
});
