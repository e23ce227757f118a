// The benchmark's synthetic estate is deterministic and converts, and the bench script runs end to
// end on a tiny size. Nothing here is timed: the budget is read from `npm run bench`, not asserted.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { estateFiles, writeEstate } from '../../bench/estate.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'a2c-bench-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('synthetic estate', () => {
  it('is byte-identical for the same size and grows with it', () => {
    const a = estateFiles(3) as { files: Map<string, string>; tasks: number };
    const b = estateFiles(3) as { files: Map<string, string>; tasks: number };
    expect([...a.files]).toEqual([...b.files]);
    const c = estateFiles(12) as { files: Map<string, string>; tasks: number };
    expect(c.tasks).toBe(4 * a.tasks);
    expect(c.files.get('site.yml')).toContain('svc0011');
    expect([...c.files.keys()].filter((p) => p.startsWith('inventory/group_vars/'))).toHaveLength(3);
  });

  it('converts with every task accounted for and no error', () => {
    const dir = join(tmp, 'estate');
    writeEstate(dir, 3);
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'convert', dir, '--out', join(tmp, 'out'), '--json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const stats = JSON.parse(r.stdout) as { cookbooks: number; tasks: number; converted: number };
    expect(stats.cookbooks).toBe(3);
    expect(stats.tasks).toBe((estateFiles(3) as { tasks: number }).tasks);
    expect(stats.converted).toBe(stats.tasks);
  });
});

describe('bench script', () => {
  it('runs on a tiny size and reports every budget line', () => {
    // Without --defaults the bench would also convert the 1 to 8 MB defaults files: minutes on a loaded
    // machine. test/pipeline/bench-large-defaults.test.ts runs that case at a tiny size.
    const where = join(tmp, 'bench-tmp');
    mkdirSync(where);
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bench/run.mjs'),
        '--json',
        '--sizes',
        '2',
        '--runs',
        '1',
        '--no-corpus',
        '--no-peer',
        '--defaults',
        'none',
        '--tmp',
        where,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      sizes: Array<{
        roles: number;
        tasks: number;
        floor: { ms: number };
        convert: { ms: number; rssMB: number; sysMs: number };
        rerun: { ms: number };
        plan: { ms: number };
      }>;
      startup: { bareNodeMs: number; versionMs: number };
      machine: { createMsStart: number; createMsEnd: number };
      derived: { budget: Array<{ name: string; met?: boolean }> };
    };
    expect(out.sizes.map((s) => s.roles)).toEqual([2]);
    const [s] = out.sizes;
    for (const ms of [s!.floor.ms, s!.convert.ms, s!.rerun.ms, s!.plan.ms, out.startup.bareNodeMs, out.startup.versionMs])
      expect(ms).toBeGreaterThan(0);
    expect(s!.convert.rssMB).toBeGreaterThan(10);
    // System time is read apart from CPU time: a write stage slowed by the file system shows there.
    expect(s!.convert.sysMs).toBeGreaterThan(0);
    expect(out.derived.budget).toHaveLength(8);
    // The file-creation probe ran in the folder --tmp named, and nothing the bench made is left there.
    expect(out.machine.createMsStart).toBeGreaterThan(0);
    expect(out.machine.createMsEnd).toBeGreaterThan(0);
    expect(readdirSync(where)).toEqual([]);
  });
});
