// Item 14 of issue 15: a file the input walk cannot take (a name that is not UTF-8, a symlink back
// to a directory that contains it) is skipped with a warning naming it; the run completes. Before,
// every command died with `internal error: ENOENT` / `ELOOP` though no task referenced the file.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../src/cli/read-input.js';
import { ensureBuilt, removeTempDirs, runCli, tempDir, writeTree } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

const ROLE = { 'roles/r/tasks/main.yml': '- ansible.builtin.debug: msg=hi\n' };

/** A role whose files/ holds a Latin-1 name (the bytes "caf\xe9.txt"). */
function latin1Name(): string {
  const dir = tempDir();
  writeTree(dir, ROLE);
  mkdirSync(join(dir, 'roles/r/files'));
  writeFileSync(
    Buffer.concat([Buffer.from(join(dir, 'roles/r/files') + '/'), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from('.txt')]),
    'x',
  );
  return dir;
}

/** A role with a symlink to its parent directory (roles/r/loop -> ..), a cycle for a naive walk. */
function ancestorLink(): string {
  const dir = tempDir();
  writeTree(dir, ROLE);
  symlinkSync('..', join(dir, 'roles/r/loop'));
  return dir;
}

describe('readInput', () => {
  it('skips a non-UTF-8 file name with a warning that shows its bytes, and reads the rest', () => {
    const dir = latin1Name();
    const r = readInput(dir);
    expect([...r.tree.files.keys()]).toEqual(['roles/r/tasks/main.yml']);
    expect(r.warnings).toEqual(['roles/r/files/caf\\xe9.txt: file name is not UTF-8; skipped']);
  });

  it('does not follow a symlink to a directory that contains it, and says so', () => {
    const r = readInput(ancestorLink());
    expect([...r.tree.files.keys()]).toEqual(['roles/r/tasks/main.yml']);
    expect(r.warnings).toEqual(['roles/r/loop: symlink to roles, a directory that contains it; not followed']);
  });

  it('still reads a symlink to a sibling directory (no cycle)', () => {
    const dir = tempDir();
    writeTree(dir, { ...ROLE, 'shared/x.yml': 'a: 1\n' });
    symlinkSync('../../shared', join(dir, 'roles/r/vars'));
    const r = readInput(dir);
    expect(r.tree.files.has('roles/r/vars/x.yml')).toBe(true);
    expect(r.warnings).toEqual([]);
  });
});

describe('every command completes on such an input', () => {
  for (const [what, make, path] of [
    ['a non-UTF-8 file name', latin1Name, 'roles/r/files/caf\\xe9.txt'],
    ['a symlink to an ancestor', ancestorLink, 'roles/r/loop'],
  ] as const) {
    it(`${what}: convert, check and plan warn and exit 0`, () => {
      const dir = make();
      const out = join(tempDir(), 'out');
      const conv = runCli(['convert', dir, '-o', out]);
      expect(conv.stderr).not.toContain('internal error');
      expect(conv.stderr).toContain(`warning: ${path}`);
      expect(conv.status, conv.stderr).toBe(0);
      expect(conv.stdout).toContain('1 cookbooks');
      const check = runCli(['check', dir, '-o', out]);
      expect(check.status, check.stderr).toBe(0);
      expect(check.stderr).toContain(`warning: ${path}`);
      const plan = runCli(['plan', dir]);
      expect(plan.status, plan.stderr).toBe(0);
      expect(plan.stderr).toContain(`warning: ${path}`);
    });
  }
});
