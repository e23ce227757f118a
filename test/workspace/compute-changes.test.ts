// computeChanges reads each output file and encodes each new content into buffers it reuses across
// files (issue 17): a change that keeps the old bytes must hold its own copy, not a view that the
// next file's read overwrites, and every kind must be decided on the file's own bytes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Change, computeChanges } from '../../src/workspace/changes.js';
import { emptyManifest, sha256 } from '../../src/workspace/manifest.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function outDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-changes-'));
  dirs.push(dir);
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  return dir;
}

function changes(
  dir: string,
  files: Record<string, string | Uint8Array>,
  recorded: Record<string, string>,
  force = false,
): Map<string, Change> {
  const list = computeChanges({
    outDir: dir,
    files: new Map(Object.entries(files)),
    removable: () => true,
    cookbookOf: (p) => p.split('/')[0],
    previous: { ...emptyManifest('test'), files: recorded },
    pending: {},
    force,
  });
  return new Map(list.map((c) => [c.path, c]));
}

describe('computeChanges', () => {
  it('keeps each changed file its own old bytes, read before a larger and after a smaller file', () => {
    const big = 'x'.repeat(100_000) + '\n';
    const onDisk = { 'a/big.rb': big, 'a/edited.rb': 'hand edit\n', 'a/small.rb': 'old small\n', 'a/same.rb': 'same ü\n' };
    const dir = outDir(onDisk);
    const recorded = {
      'a/big.rb': sha256(big),
      'a/edited.rb': sha256('generated\n'),
      'a/small.rb': sha256('old small\n'),
      'a/same.rb': sha256('same ü\n'),
    };
    const got = changes(
      dir,
      {
        'a/big.rb': big.replace('x', 'y'),
        'a/edited.rb': 'new\n',
        'a/small.rb': 'new small\n',
        'a/same.rb': 'same ü\n',
        'a/new.rb': 'n\n',
      },
      recorded,
    );
    expect(got.get('a/big.rb')?.kind).toBe('update');
    expect(got.get('a/big.rb')?.old?.toString('utf8')).toBe(big);
    expect(got.get('a/edited.rb')?.kind).toBe('conflict');
    expect(got.get('a/edited.rb')?.reason).toBe('edited by hand');
    expect(got.get('a/edited.rb')?.old?.toString('utf8')).toBe('hand edit\n');
    expect(got.get('a/small.rb')?.kind).toBe('update');
    expect(got.get('a/small.rb')?.old?.toString('utf8')).toBe('old small\n');
    expect(got.get('a/same.rb')?.kind).toBe('unchanged');
    expect(got.get('a/new.rb')?.kind).toBe('create');
  });

  it('tells a file that only shares a prefix with the new content from an unchanged one, bytes and text alike', () => {
    const dir = outDir({ 'a/long.rb': 'abcdef\n', 'a/short.rb': 'abc\n', 'a/bin': 'AB' });
    const recorded = { 'a/long.rb': sha256('abcdef\n'), 'a/short.rb': sha256('abc\n'), 'a/bin': sha256('AB') };
    // Read after a longer file, the shorter one must not compare the longer one's tail.
    const got = changes(dir, { 'a/long.rb': 'abcdef\n', 'a/short.rb': 'abc\nde', 'a/bin': new Uint8Array([65, 66]) }, recorded);
    expect(got.get('a/long.rb')?.kind).toBe('unchanged');
    expect(got.get('a/short.rb')?.kind).toBe('update');
    expect(got.get('a/bin')?.kind).toBe('unchanged');
  });

  it('reports an edit whose conversion did not change as such (the new content hashed, not a stale buffer)', () => {
    const dir = outDir({ 'a/x.rb': 'edited\n', 'a/y.rb': 'zzzzzzzzzzzzzzzz\n' });
    const recorded = { 'a/x.rb': sha256('generated\n'), 'a/y.rb': sha256('zzzzzzzzzzzzzzzz\n') };
    const got = changes(dir, { 'a/y.rb': 'zzzzzzzzzzzzzzzz\n', 'a/x.rb': 'generated\n' }, recorded);
    expect(got.get('a/x.rb')?.kind).toBe('conflict');
    expect(got.get('a/x.rb')?.reason).toBe('edited by hand (the conversion of it did not change)');
  });
});
