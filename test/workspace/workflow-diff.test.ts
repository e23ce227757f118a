// The unified diff behind `ansible2chef diff`: the edit script is correct and minimal, hunks and
// headers follow the unified format, a missing final newline is marked as git marks it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, lineCounts, unifiedDiff } from '../../src/workspace/unified-diff.js';

function lcs(a: string[], b: string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  return t[0]![0]!;
}

describe('diffLines', () => {
  it('reconstructs both sides and is minimal (keeps a longest common subsequence)', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 14 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const e = diffLines(a, b);
        expect(e.filter((x) => x.op !== '+').map((x) => x.line)).toEqual(a);
        expect(e.filter((x) => x.op !== '-').map((x) => x.line)).toEqual(b);
        expect(e.filter((x) => x.op === ' ').length).toBe(lcs(a, b));
      }),
      { numRuns: 500 },
    );
  });
});

describe('unifiedDiff', () => {
  it('prints headers and hunks with 3 lines of context', () => {
    const before = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 6\n', 'line six\n');
    expect(unifiedDiff('x.rb', before, after)).toBe(
      [
        '--- a/x.rb',
        '+++ b/x.rb',
        '@@ -3,7 +3,7 @@',
        ' line 3',
        ' line 4',
        ' line 5',
        '-line 6',
        '+line six',
        ' line 7',
        ' line 8',
        ' line 9',
        '',
      ].join('\n'),
    );
    expect(unifiedDiff('x.rb', before, before)).toBe('');
  });

  it('uses /dev/null for created and removed files', () => {
    expect(unifiedDiff('n.rb', undefined, 'a\n')).toBe('--- /dev/null\n+++ b/n.rb\n@@ -0,0 +1,1 @@\n+a\n');
    expect(unifiedDiff('n.rb', 'a\nb\n', undefined)).toBe('--- a/n.rb\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n');
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('f', 'a\n', 'a')).toBe('--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-a\n+a\n\\ No newline at end of file\n');
    expect(lineCounts('a\nb\n', 'a\nc\nd\n')).toEqual({ added: 2, removed: 1 });
  });

  it('paints through the given style only', () => {
    const style = { paint: (k: string, t: string) => `<${k}>${t}` };
    expect(unifiedDiff('f', 'a\n', 'b\n', style)).toBe('<header>--- a/f\n<header>+++ b/f\n<hunk>@@ -1,1 +1,1 @@\n<->-a\n<+>+b\n');
  });
});
