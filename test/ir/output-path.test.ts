// isSafeOutputPath (src/ir/output-path.ts) is a one-pass scan for speed; its definition is the rule
// written as a regular expression and a split, kept here as the oracle it must agree with.
import { describe, expect, it } from 'vitest';
import { isSafeOutputPath } from '../../src/ir/output-path.js';

const byDefinition = (rel: string): boolean =>
  !(/[\p{Cc}\\]/u.test(rel) || rel.startsWith('/') || rel.split('/').some((s) => s === '..' || s === '' || s === '.'));

// Units that decide the answer and neighbours that must not: the edges of both control
// ranges, NBSP, a line separator (not Cc), both halves of a surrogate pair and a lone one.
const UNITS = [
  'a',
  'b',
  '.',
  '/',
  '\\',
  '\u0000',
  '\u001f',
  ' ',
  '~',
  '\u007f',
  '\u0080',
  '\u009f',
  '\u00a0',
  '\u2028',
  '\ud83d',
  '\ude00',
  '[',
];

describe('isSafeOutputPath', () => {
  it('agrees with its definition on every path of up to four units from the listed ones', () => {
    let paths = [''];
    let all = [''];
    for (let len = 1; len <= 4; len++) {
      paths = paths.flatMap((p) => UNITS.map((u) => p + u));
      all = all.concat(paths);
    }
    const disagree = all.filter((p) => isSafeOutputPath(p) !== byDefinition(p));
    expect(disagree.map((p) => JSON.stringify(p))).toEqual([]);
    // Both answers occur often: the comparison tests something.
    expect(all.filter(isSafeOutputPath).length).toBeGreaterThan(1000);
    expect(all.filter((p) => !isSafeOutputPath(p)).length).toBeGreaterThan(1000);
  });

  it('agrees on the paths a conversion writes and on climbing ones', () => {
    for (const p of [
      'svc0000/recipes/default.rb',
      'nodes/[::1].json',
      '.ansible2chef/manifest.json',
      'a/..b/c',
      'a/b/',
      'a/./b',
      '../a',
      'a/..',
    ])
      expect(isSafeOutputPath(p), p).toBe(byDefinition(p));
  });
});
