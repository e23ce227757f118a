// Same input, same bytes: twice in a row, into an existing output, and from CRLF/BOM copies of a
// real role from the corpus.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { outputTexts } from './robustness-helpers.js';
import { CORPUS, REPO_ROOT as repoRoot } from '../helpers/shared.js';
import { requireOrSkip } from '../helpers/real-tools.js';

const ROLE = join(CORPUS, 'geerlingguy__ansible-role-ntp');

function readTree(dir: string, rel = ''): Array<[string, Uint8Array]> {
  return readdirSync(join(dir, rel)).sort().flatMap((n): Array<[string, Uint8Array]> => {
    const p = rel ? `${rel}/${n}` : n;
    if (n.startsWith('.')) return [];
    return statSync(join(dir, p)).isDirectory() ? readTree(dir, p) : [[p, readFileSync(join(dir, p))]];
  });
}

describe.skipIf(!requireOrSkip('shared/corpus', existsSync(ROLE)))('determinism on a corpus role', () => {
  // Read only when the role is there (a skipped describe's body still runs at collection).
  const files = existsSync(ROLE) ? readTree(ROLE) : [];
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const yaml = (p: string) => /\.ya?ml$/.test(p);
  const variant = (f: (s: string) => string, yamlOnly: boolean) => ({ files: new Map(files.map(([p, b]) => [p, yamlOnly && !yaml(p) ? b : enc.encode(f(dec.decode(b)))])) });
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
    const cli = join(repoRoot, 'dist/cli/main.js');
    spawnSync('npx', ['tsc', '-p', '.'], { cwd: repoRoot });
    const out = mkdtempSync(join(tmpdir(), 'a2c-det-'));
    try {
      const run = () => spawnSync(process.execPath, [cli, 'convert', ROLE, '--out', out, '--json'], { encoding: 'utf8' });
      const first = run();
      const snapshot = readTree(out).map(([p, b]) => [p, Buffer.from(b).toString('base64')]);
      const second = run();
      expect(second.status, second.stderr).toBe(first.status);
      expect(JSON.parse(second.stdout).written).toBe(0);
      expect(readTree(out).map(([p, b]) => [p, Buffer.from(b).toString('base64')])).toEqual(snapshot);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
