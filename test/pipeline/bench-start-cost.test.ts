// The bench's fixed-cost split (bench/start-cost.mjs, issue 17): it runs, names every part of the
// fixed cost with a figure, and counts the modules a convert loads. Nothing here is timed: the
// figures are read from the script's own output on a quiet machine.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { median, parseArgs } from '../../bench/start-cost.mjs';
import { sharedBuild } from '../helpers/shared-build.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('bench start-cost', () => {
  it('reads its flags and refuses others', () => {
    expect(parseArgs(['--runs', '3', '--mb', '0.5'])).toMatchObject({ runs: 3, mb: 0.5, json: false });
    expect(() => parseArgs(['--runs', '0'])).toThrow(/positive/);
    expect(() => parseArgs(['--sizes', '1'])).toThrow(/unknown argument/);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('prints start-up, module count, the code cache, and the warm-up of a second in-process run and of Prism', () => {
    const r = spawnSync(
      process.execPath,
      [resolve(ROOT, 'bench/start-cost.mjs'), '--runs', '1', '--mb', '0.02', '--dist', join(sharedBuild() ?? ROOT, 'dist'), '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const k of ['node', 'version', 'empty']) expect(out[k].cpuMs, k).toBeGreaterThan(0);
    // An empty convert still loads the converter: far more code than the CLI entry alone, most of it
    // in the converter's bundle (src/scripts/bundle-cli.ts), a few dozen files in all, not some 290.
    expect(out.modules.kB).toBeGreaterThan(1000);
    expect(out.modules.files).toBeLessThan(100);
    expect(out.warm.first.cpuMs).toBeGreaterThan(0);
    expect(out.warm.second.cpuMs).toBeGreaterThan(0);
    // The build's code cache is taken under the flags the command line sets.
    expect(out.codeCache).toBe(true);
    // The Prism warm-up is measured on the warm-up run's attributes file, which holds the defaults.
    expect(out.prism.rubyBytes).toBeGreaterThan(10_000);
    for (const pass of ['first', 'second']) expect(out.prism[pass].cpuMs, pass).toBeGreaterThan(0);
  });
});
