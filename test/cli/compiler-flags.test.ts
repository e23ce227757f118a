// The command line turns TurboFan's inlining off before the converter loads (cli/compiler-flags.ts).
// V8 reports every inlining it makes under --trace-turbo-inlining: a hot call site that a plain
// process inlines is not inlined once tuneCompiler has run, and the CLI runs it. Nothing is timed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, REPO } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt(), 600_000);
const tmp = mkdtempSync(join(tmpdir(), 'a2c-compiler-flags-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The inlinings V8 traces in a process that runs one hot call site, with or without tuneCompiler. */
function inlinings(tune: boolean): number {
  const url = pathToFileURL(join(dirname(CLI), 'compiler-flags.js')).href;
  const script = join(tmp, `hot-${tune}.mjs`);
  writeFileSync(
    script,
    [
      `const { tuneCompiler } = await import(${JSON.stringify(url)});`,
      tune ? 'tuneCompiler();' : '',
      'function add(a, b) { return a + b; }',
      'function sum(n) { let s = 0; for (let i = 0; i < n; i++) s = add(s, i); return s; }',
      'let t = 0;',
      'for (let k = 0; k < 2000; k++) t += sum(10000);',
      'console.log(t);',
    ].join('\n'),
  );
  const r = spawnSync(process.execPath, ['--trace-turbo-inlining', script], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  // Σ k<2000 Σ i<10000 i: the call site ran (and was optimized) either way.
  expect(r.stdout).toContain(String(2000 * 49_995_000));
  return r.stdout.split('\n').filter((l) => l.startsWith('Inlining ')).length;
}

describe('tuneCompiler', () => {
  it('stops TurboFan inlining a hot call site that a plain process inlines', () => {
    expect(inlinings(false)).toBeGreaterThan(0);
    expect(inlinings(true)).toBe(0);
  }, 120_000);

  it('is run by the command line: a convert optimizes functions and inlines none', () => {
    const r = spawnSync(
      process.execPath,
      ['--trace-turbo-inlining', '--trace-opt', CLI, 'convert', join(REPO, 'playbooks'), '--out', join(tmp, 'out'), '-q'],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    // Without tuneCompiler this convert inlines some 90 call sites into the functions it optimizes.
    expect(lines.filter((l) => l.startsWith('[completed compiling ') && l.includes('TURBOFAN')).length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.startsWith('Inlining '))).toEqual([]);
  }, 300_000);
});
