// The shared binary searches agree with a linear scan on any sorted input, duplicates and empty arrays
// included (line starts and sorted names rely on them for every span and prefix lookup).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lastAtMost, lowerBound } from '../../src/base/sorted-search.js';

describe('sorted search', () => {
  it('lowerBound is the first index not below the key, for numbers and strings', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (xs, k) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const want = sorted.findIndex((x) => x >= k);
        expect(lowerBound(sorted, k)).toBe(want === -1 ? sorted.length : want);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 })), fc.string({ maxLength: 3 }), (xs, k) => {
        const sorted = [...xs].sort();
        const want = sorted.findIndex((x) => x >= k);
        expect(lowerBound(sorted, k)).toBe(want === -1 ? sorted.length : want);
      }),
    );
  });

  it('lastAtMost is the last index not above the key, -1 when there is none', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (xs, k) => {
        const sorted = [...xs].sort((a, b) => a - b);
        let want = -1;
        sorted.forEach((x, i) => {
          if (x <= k) want = i;
        });
        expect(lastAtMost(sorted, k)).toBe(want);
      }),
    );
    expect(lastAtMost([0, 5, 9], 5)).toBe(1);
    expect(lastAtMost([0, 5, 9], 4)).toBe(0);
    expect(lastAtMost([], 4)).toBe(-1);
  });
});
