// The bench's large-defaults case (issue 17): the generated defaults file is deterministic, reaches
// the size asked for, converts with every value accounted for, and the bench prints it beside the
// floor with its budget lines. Nothing here is timed: the budget is read from `npm run bench`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { largeDefaultsFiles, writeLargeDefaults } from '../../bench/large-defaults.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'a2c-bench-defaults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const DEFAULTS = 'roles/bigvars/defaults/main.yml';

describe('large-defaults case', () => {
  it('is byte-identical for a size, at least that size, with dicts, lists and Jinja strings', () => {
    const a = largeDefaultsFiles(20000) as Map<string, string>;
    const b = largeDefaultsFiles(20000) as Map<string, string>;
    expect([...a]).toEqual([...b]);
    const text = a.get(DEFAULTS)!;
    expect(text.length).toBeGreaterThanOrEqual(20000);
    expect(text.length).toBeLessThan(20400);
    expect(text).toContain('{{ inventory_hostname }}');
    expect(text).toMatch(/^ {2}tags:\n {4}- t0$/m);
  });

  it('converts: every top-level key becomes an attribute assignment', () => {
    const dir = join(tmp, 'in');
    writeLargeDefaults(dir, 20000);
    const out = join(tmp, 'out');
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'convert', dir, '--out', out, '--json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const keys = readFileSync(join(dir, DEFAULTS), 'utf8').match(/^site_\d+:/gm)!.length;
    const attrs = readFileSync(join(out, 'bigvars/attributes/default.rb'), 'utf8');
    expect(attrs.match(/^default\['bigvars'\]\['site_\d+'\] = /gm)?.length ?? attrs).toBe(keys);
  });

  it('is printed by the bench beside its floor, with the two budget lines', () => {
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'bench/run.mjs'), '--sizes', 'none', '--defaults', '0.02,0.04', '--runs', '1', '--no-corpus', '--no-peer'],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    // --sizes none: no synthetic estate, so no roles table.
    expect(r.stdout).not.toMatch(/^ +roles +files/m);
    expect(r.stdout).toMatch(/^ +0\.02 MB +\d+ +\d+ +\d+ +\d+/m);
    expect(r.stdout).toMatch(/^ +0\.04 MB /m);
    expect(r.stdout).toMatch(/large defaults: ms\/MB slowest \/ fastest size +\d/);
    // The marginal cost column: 0.04 MB's row has a step from 0.02 MB (CPU time can be 0 on a tiny
    // step, so only its presence as a number is asserted), and the summary line names both sizes' ratio.
    expect(r.stdout).toMatch(/^ +0\.04 MB .* +-?\d+$/m);
    expect(r.stdout).toMatch(/step\/MB: CPU ms per MB added/);
    expect(r.stdout).toMatch(/large defaults: peak RSS \/ \(30 x input \+ 150 MB\), worst +\d/);
  });
});
