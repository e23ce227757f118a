// The command line turns TurboFan's inlining off and raises V8's interrupt budget before the converter
// loads (cli/compiler-flags.ts). V8 reports every inlining it makes under --trace-turbo-inlining and
// every function it marks for optimization under --trace-opt: what a plain process inlines and marks
// is not once tuneCompiler has run, and the CLI runs it. Nothing is timed: V8 counts the budget in
// bytecode run, not in time.
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

/**
 * The generated functions V8 marks for optimization in a process that calls each of 50 small
 * functions (no loop: no on-stack replacement) the same number of times, with or without tuneCompiler.
 */
function marked(tune: boolean, calls: number): number {
  const url = pathToFileURL(join(dirname(CLI), 'compiler-flags.js')).href;
  const script = join(tmp, `calls-${tune}-${calls}.mjs`);
  writeFileSync(
    script,
    [
      `const { tuneCompiler } = await import(${JSON.stringify(url)});`,
      tune ? 'tuneCompiler();' : '',
      'const fns = [];',
      'for (let i = 0; i < 50; i++) fns.push(new Function("a", "b", "return (a * " + i + " + b) % 7 + (a ^ b) - " + i + ";"));',
      'let t = 0;',
      `for (const f of fns) for (let k = 0; k < ${calls}; k++) t += f(k, t & 1023);`,
      'console.log(t);',
    ].join('\n'),
  );
  const r = spawnSync(process.execPath, ['--trace-opt', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.status).toBe(0);
  // `new Function` makes anonymous functions, each of its own shared function info.
  const sfis = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('[marking ') && l.includes('<JSFunction (sfi'))
    .map((l) => /sfi = (0x[0-9a-f]+)/.exec(l)?.[1]);
  return new Set(sfis).size;
}

describe('tuneCompiler', () => {
  it('leaves a function that ran a few thousand times unoptimized, and optimizes it when it stays hot', () => {
    expect(marked(false, 6000)).toBeGreaterThanOrEqual(50);
    expect(marked(true, 6000)).toBeLessThan(10);
    expect(marked(true, 40_000)).toBeGreaterThanOrEqual(50);
  }, 120_000);

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
