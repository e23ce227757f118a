// Item 15 of issue 15: what the file system refuses (output path a file, a read-only or full file
// system, init into a missing directory, a missing --mappings directory) is one line,
// `ansible2chef: error: ...` with the path and the OS's reason, exit 2: no stack trace, no TypeError,
// no "ok" about a directory that is not there.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTempDirs, runCli, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

const isRoot = process.getuid?.() === 0;

function project(): string {
  const dir = tempDir();
  writeTree(join(dir, 'in'), syntheticProject(2));
  return dir;
}

/** One line on stderr, the given one, and no trace of an internal error. */
function oneLine(stderr: string, line: RegExp): void {
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
  expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(stderr.trimEnd()).toMatch(line);
}

describe('output path problems', () => {
  it('an output path that is a file: usage error before anything is converted', () => {
    const dir = project();
    writeFileSync(join(dir, 'outfile'), 'file\n');
    const r = runCli(['convert', 'in', '-o', 'outfile', '-q'], dir);
    expect(r.status).toBe(2);
    oneLine(r.stderr, /^ansible2chef: error: outfile: not a directory/);
    // check would otherwise report every file "missing" under a file.
    expect(runCli(['check', 'in', '-o', 'outfile'], dir).status).toBe(2);
  });

  it('an output below a file: the OS refusal, named, exit 2 (means the same as root)', () => {
    const dir = project();
    writeFileSync(join(dir, 'afile'), 'file\n');
    const r = runCli(['convert', 'in', '-o', 'afile/out', '-q'], dir);
    expect(r.status).toBe(2);
    oneLine(r.stderr, /^ansible2chef: error: cannot create directory afile\/out: not a directory \(ENOTDIR\)$/);
  });

  // As root (CI) a chmod-ed directory does not stop a write: mount a read-only tmpfs instead.
  it('a read-only output: the OS refusal, named, exit 2', () => {
    const dir = project();
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    const mounted = isRoot && mount(['-o', 'ro,size=1m'], ro);
    if (!mounted) {
      if (isRoot) return expect.fail('as root the read-only tmpfs must mount');
      chmodSync(ro, 0o555);
    }
    try {
      const r = runCli(['convert', 'in', '-o', 'ro/out', '-q'], dir);
      expect(r.status).toBe(2);
      oneLine(
        r.stderr,
        mounted
          ? /^ansible2chef: error: cannot create directory ro\/out: read-only file system \(EROFS\)$/
          : /^ansible2chef: error: cannot create directory ro\/out: permission denied \(EACCES\)$/,
      );
    } finally {
      if (mounted) umount(ro);
      else chmodSync(ro, 0o755);
    }
  });

  it.skipIf(!isRoot)('a full file system: the file that could not be written, named, exit 2 (root: tmpfs)', () => {
    const dir = project();
    const small = join(dir, 'small');
    mkdirSync(small);
    // Two cookbooks take some 20 files of at least one 4 KiB page each: more than 32 KiB.
    expect(mount(['-o', 'size=32k'], small)).toBe(true);
    try {
      const r = runCli(['convert', 'in', '-o', 'small/out', '-q'], dir);
      expect(r.status).toBe(2);
      oneLine(r.stderr, /^ansible2chef: error: cannot write small\/out\/\S+: no space left on device \(ENOSPC\)$/);
    } finally {
      umount(small);
    }
  });
});

describe('init into a directory that is not there', () => {
  it('is a usage error naming it', () => {
    const dir = tempDir();
    const r = runCli(['init', 'does/not/exist'], dir);
    expect(r.status).toBe(2);
    oneLine(r.stderr, /^ansible2chef: error: does\/not\/exist: no such directory$/);
  });
});

describe('mapping directories that are not there', () => {
  it('convert --mappings /nonexistent without a config: A2C-CONFIG-PATH, exit 2', () => {
    const dir = project();
    const r = runCli(['convert', 'in', '-o', 'out', '--mappings', 'nonexistent', '-q'], dir);
    expect(r.status).toBe(2);
    oneLine(r.stderr, /^ansible2chef: error A2C-CONFIG-PATH nonexistent: no such file or directory \(from --mappings\)$/);
  });

  it('mappings lint /nonexistent: an error, not "ok"', () => {
    const dir = tempDir();
    const r = runCli(['mappings', 'lint', 'nonexistent'], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    oneLine(r.stderr, /^ansible2chef: error: nonexistent: no such directory$/);
  });
});

function mount(opts: string[], dir: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', ...opts, 'tmpfs', dir]).status === 0;
}

function umount(dir: string): void {
  spawnSync('umount', [dir]);
}
