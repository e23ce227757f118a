// Output is committed and reviewed as diffs, so it must be a pure function of the input: two conversions of
// the bundled example give the same files in the same order, and re-running the CLI into an output
// directory it already wrote changes nothing on disk.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, convertLikeCli, readTree, REPO, runCli, toBuffer } from './helpers/golden.js';

const EXAMPLE = join(REPO, 'playbooks');

describe('determinism', () => {
  it('converts the example twice into identical bytes, in the same order', async () => {
    const a = await convertLikeCli(EXAMPLE);
    const b = await convertLikeCli(EXAMPLE);
    expect([...b.files.keys()]).toEqual([...a.files.keys()]);
    for (const [path, content] of a.files) expect(toBuffer(b.files.get(path)!).equals(toBuffer(content)), path).toBe(true);
    expect(b.diagnostics).toEqual(a.diagnostics);
    expect(b.stats).toEqual(a.stats);
  });

  describe('the CLI run twice into the same directory', () => {
    let cli: ReturnType<typeof buildCli>;
    let out: string;
    beforeAll(() => {
      cli = buildCli();
      out = mkdtempSync(join(tmpdir(), 'a2c-determinism-'));
    });
    afterAll(() => {
      cli?.cleanup();
      if (out) rmSync(out, { recursive: true, force: true });
    });

    it('leaves identical bytes and writes nothing the second time', () => {
      const first = runCli(cli.main, ['convert', EXAMPLE, '--out', out, '--json']);
      expect(first.status, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ unchanged: 0, removed: 0, edited: [] });
      const before = readTree(out);

      const second = runCli(cli.main, ['convert', EXAMPLE, '--out', out, '--json']);
      expect(second.status, second.stderr).toBe(0);
      const summary = JSON.parse(second.stdout) as { written: number; unchanged: number; removed: number; edited: string[] };
      expect(summary).toMatchObject({ written: 0, removed: 0, edited: [] });
      // Unchanged roles are skipped; re-rendering everything (--force) still writes nothing.
      const forced = runCli(cli.main, ['convert', EXAMPLE, '--out', out, '--json', '--force']);
      expect(forced.status, forced.stderr).toBe(0);
      const all = JSON.parse(forced.stdout) as { written: number; unchanged: number };
      expect(all).toMatchObject({ written: 0, unchanged: JSON.parse(first.stdout).written });

      const after = readTree(out);
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), path).toBe(true);
    });

    it('says so in the human summary', () => {
      const again = runCli(cli.main, ['convert', EXAMPLE, '--out', out]);
      expect(again.status, again.stderr).toBe(0);
      // Nothing changed since the last clean run: the fast path says so without converting.
      expect(again.stdout).toMatch(/is up to date: no input, mapping or option changed/);
      const forced = runCli(cli.main, ['convert', EXAMPLE, '--out', out, '--force']);
      expect(forced.stdout).toMatch(/Files: 0 written, \d+ unchanged, 0 removed\./);
    });
  });
});
