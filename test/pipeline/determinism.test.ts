// Output is committed and reviewed as diffs, so it must be a pure function of the input: two conversions
// of a real role from the corpus, also from CRLF/BOM copies, give the same files in the same order, and
// re-running the CLI into an output directory it already wrote changes nothing on disk. Every golden
// case, the bundled example included, is also converted twice and from a CRLF/BOM copy
// (test/pipeline/golden.test.ts). The CLI runs from a private build (buildCli), never the shared dist/.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { buildCli, readTree, REPO, runCli } from '../helpers/golden.js';
import { requireOrSkip } from '../helpers/real-tools.js';
import { CORPUS } from '../helpers/shared.js';
import { outputTexts } from './robustness/robustness-helpers.js';

const EXAMPLE = join(REPO, 'playbooks');
const ROLE = join(CORPUS, 'geerlingguy__ansible-role-ntp');

/** A role's files (dot files left out), sorted by path. */
function roleFiles(dir: string, rel = ''): Array<[string, Uint8Array]> {
  return readdirSync(join(dir, rel))
    .sort()
    .flatMap((n): Array<[string, Uint8Array]> => {
      const p = rel ? `${rel}/${n}` : n;
      if (n.startsWith('.')) return [];
      return statSync(join(dir, p)).isDirectory() ? roleFiles(dir, p) : [[p, readFileSync(join(dir, p))]];
    });
}

let cli: ReturnType<typeof buildCli> | undefined;
const built = () => (cli ??= buildCli());
afterAll(() => cli?.cleanup());

describe('determinism', () => {
  describe('the CLI run twice into the same directory', () => {
    let out: string;
    beforeAll(() => {
      built();
      out = mkdtempSync(join(tmpdir(), 'a2c-determinism-'));
    });
    afterAll(() => {
      if (out) rmSync(out, { recursive: true, force: true });
    });

    it('leaves identical bytes and writes nothing the second time', () => {
      const first = runCli(built().main, ['convert', EXAMPLE, '--out', out, '--json']);
      expect(first.status, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ unchanged: 0, removed: 0, edited: [] });
      const before = readTree(out);

      const second = runCli(built().main, ['convert', EXAMPLE, '--out', out, '--json']);
      expect(second.status, second.stderr).toBe(0);
      const summary = JSON.parse(second.stdout) as { written: number; unchanged: number; removed: number; edited: string[] };
      expect(summary).toMatchObject({ written: 0, removed: 0, edited: [] });
      // Unchanged roles are skipped; re-rendering everything (--force) still writes nothing.
      const forced = runCli(built().main, ['convert', EXAMPLE, '--out', out, '--json', '--force']);
      expect(forced.status, forced.stderr).toBe(0);
      const all = JSON.parse(forced.stdout) as { written: number; unchanged: number };
      expect(all).toMatchObject({ written: 0, unchanged: JSON.parse(first.stdout).written });

      const after = readTree(out);
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), path).toBe(true);
    });

    it('says so in the human summary', () => {
      const again = runCli(built().main, ['convert', EXAMPLE, '--out', out]);
      expect(again.status, again.stderr).toBe(0);
      // Nothing changed since the last clean run: the fast path says so without converting.
      expect(again.stdout).toMatch(/is up to date: no input, mapping or option changed/);
      const forced = runCli(built().main, ['convert', EXAMPLE, '--out', out, '--force']);
      expect(forced.stdout).toMatch(/Files: 0 written, \d+ unchanged, 0 removed\./);
    });
  });
});

describe.skipIf(!requireOrSkip('shared/corpus', existsSync(ROLE)))('determinism on a corpus role', () => {
  // Read only when the role is there (a skipped describe's body still runs at collection).
  const files = existsSync(ROLE) ? roleFiles(ROLE) : [];
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const yaml = (p: string) => /\.ya?ml$/.test(p);
  const variant = (f: (s: string) => string, yamlOnly: boolean) => ({
    files: new Map(files.map(([p, b]) => [p, yamlOnly && !yaml(p) ? b : enc.encode(f(dec.decode(b)))])),
  });
  const opts = { kind: 'role' as const, rootName: 'ntp' };

  it('converting twice gives identical bytes', async () => {
    const a = await convert({ files: new Map(files) }, opts);
    const b = await convert({ files: new Map(files) }, opts);
    expect([...outputTexts(b)]).toEqual([...outputTexts(a)]);
    expect(b.diagnostics).toEqual(a.diagnostics);
  });

  it.each([
    ['CRLF', (s: string) => s.replace(/\n/g, '\r\n'), false],
    ['BOM (YAML files)', (s: string) => '\uFEFF' + s, true],
    ['BOM + CRLF (YAML files)', (s: string) => '\uFEFF' + s.replace(/\n/g, '\r\n'), true],
  ])('%s input gives the LF output', async (_n, f, yamlOnly) => {
    const lf = await convert({ files: new Map(files) }, opts);
    const other = await convert(variant(f, yamlOnly), opts);
    expect([...outputTexts(other)]).toEqual([...outputTexts(lf)]);
    expect(other.diagnostics).toEqual(lf.diagnostics);
  });

  it('the CLI converting into its own output changes nothing', () => {
    const out = mkdtempSync(join(tmpdir(), 'a2c-det-'));
    try {
      const run = () => runCli(built().main, ['convert', ROLE, '--out', out, '--json']);
      const first = run();
      const snapshot = readTree(out);
      const second = run();
      expect(second.status, second.stderr).toBe(first.status);
      expect(JSON.parse(second.stdout).written).toBe(0);
      const after = readTree(out);
      expect([...after.keys()]).toEqual([...snapshot.keys()]);
      for (const [path, bytes] of snapshot) expect(after.get(path)!.equals(bytes), path).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
