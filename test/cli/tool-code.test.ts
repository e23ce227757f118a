// The tool's code hash (cli/run-digest.ts codeOf): by content, so it changes with any .js file of the
// code or any file of the support cookbook, and taken from a kept record only while every stamp holds.
// The record beside the code is the build's (scripts/build-data.ts); a run only reads it.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeOf, readToolRecord, toolRecordText } from '../../src/cli/run-digest.js';
import { writeToolRecord } from '../../src/scripts/build-data.js';
import { LAST_RUN_PATH, type LastRun, type ToolRecord } from '../../src/workspace/last-run.js';
import { REPO } from '../helpers/golden.js';
import { removeTempDirs, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';
import { nameTree, stampOf, stampsDigest, type TreeStamps, treeUnchanged } from '../../src/workspace/stamps.js';

const base = mkdtempSync(join(tmpdir(), 'a2c-tool-code-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = join(base, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

/** The stamps of the tree as they are now (recordTree gives none for files this fresh). */
function stampsNow(root: string, paths: string[]): TreeStamps {
  const names = nameTree(paths);
  return { names, dirs: true, digest: stampsDigest(names, true, (rel) => stampOf(rel === '' ? root : join(root, rel))) };
}

describe('tool code hash', () => {
  const root = tree('dist', { 'main.js': 'one();\n', 'cli/x.js': 'two();\n', 'notes.txt': 'not code' });
  const support = tree('support', { 'libraries/a.rb': 'module A; end\n' });
  const first = codeOf(root, support, []).hash;

  it('changes when a .js file of the code changes, and not for another file', () => {
    writeFileSync(join(root, 'notes.txt'), 'still not code');
    expect(codeOf(root, support, []).hash).toBe(first);
    writeFileSync(join(root, 'cli/x.js'), 'three();\n');
    const changed = codeOf(root, support, []).hash;
    expect(changed).not.toBe(first);
    writeFileSync(join(root, 'cli/x.js'), 'two();\n');
    expect(codeOf(root, support, []).hash).toBe(first);
  });

  it('changes when a file of the support cookbook changes', () => {
    writeFileSync(join(support, 'libraries/a.rb'), 'module B; end\n');
    expect(codeOf(root, support, []).hash).not.toBe(first);
    writeFileSync(join(support, 'libraries/a.rb'), 'module A; end\n');
    expect(codeOf(root, support, []).hash).toBe(first);
  });

  it('takes a kept record while every stamp holds, and hashes again once one moved', () => {
    const kept: ToolRecord = {
      hash: 'kept-hash',
      code: stampsNow(root, ['cli/x.js', 'main.js']),
      support: stampsNow(support, ['libraries/a.rb']),
    };
    expect(codeOf(root, support, [undefined, kept]).hash).toBe('kept-hash');
    writeFileSync(join(support, 'libraries/a.rb'), 'module A; end\n'); // same text, new stamp
    expect(codeOf(root, support, [kept]).hash).toBe(first);
  });

  it('reads a whole record only: not an empty or cut file, nor one whose sum is of another record', () => {
    const dir = tree('read', { 'tool-code.json': '' });
    const path = join(dir, 'tool-code.json');
    expect(readToolRecord(path)).toBeUndefined();
    const record: ToolRecord = { hash: 'h', code: stampsNow(root, ['main.js']), support: stampsNow(support, []) };
    writeFileSync(path, toolRecordText(record));
    expect(readToolRecord(path)).toEqual(record);
    writeFileSync(path, '{"sum": "torn');
    expect(readToolRecord(path)).toBeUndefined();
    // A whole JSON whose record is not the one its sum was taken of (pieces of two writes).
    writeFileSync(path, toolRecordText(record).replace('"hash":"h"', '"hash":"x"'));
    expect(readToolRecord(path)).toBeUndefined();
  });
});

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe("the build's tool record", () => {
  it('holds the code hash with stamps that still hold once the file is written', () => {
    const code = tree('built', { 'main.js': 'one();\n', 'cli/x.js': 'two();\n' });
    const support = tree('built-support', { 'libraries/a.rb': 'module A; end\n' });
    const path = join(code, 'tool-code.json');
    const made = writeToolRecord(code, support, path, sleep);
    expect(made.recorded).toBe(true);
    const kept = readToolRecord(path);
    expect(kept?.hash).toBe(codeOf(code, support, []).hash);
    // Written in place after the stamps were taken: the directory holding it kept its stamp.
    expect(treeUnchanged(code, kept!.code)).toBe(true);
    expect(codeOf(code, support, [kept]).record).toBe(kept);
    // A changed tool: the build's record no longer holds, and the hash is the new code's.
    writeFileSync(join(code, 'cli/x.js'), 'three();\n');
    const now = codeOf(code, support, [kept]);
    expect(now.record).not.toBe(kept);
    expect(now.hash).not.toBe(kept!.hash);
  });

  it('is left empty when the code changed while the build waited', () => {
    const code = tree('busy', { 'main.js': 'one();\n' });
    const support = tree('busy-support', { 'libraries/a.rb': 'module A; end\n' });
    const path = join(code, 'tool-code.json');
    const made = writeToolRecord(code, support, path, (ms) => {
      sleep(ms);
      writeFileSync(join(code, 'main.js'), 'two();\n');
    });
    expect(made.recorded).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('');
    expect(made.hash).toBe(codeOf(code, support, []).hash);
  });
});

describe('a run of a built tool', () => {
  const layout = mkdtempSync(join(tmpdir(), 'a2c-tool-build-'));
  afterAll(() => {
    rmSync(layout, { recursive: true, force: true });
    removeTempDirs();
  });

  it("reads the build's record without writing it, and a changed tool changes its run's context", async () => {
    // The real build script on a private copy of the layout (as test/pipeline/install.test.ts).
    for (const name of ['package.json', 'tsconfig.json', 'mappings', 'src', 'node_modules'])
      symlinkSync(join(REPO, name), join(layout, name));
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: layout, encoding: 'utf8' });
    expect(build.stderr + build.stdout).toBe('');
    const dist = join(layout, 'dist');
    const recordFile = join(dist, 'tool-code.json');
    const kept = readToolRecord(recordFile);
    expect(kept?.hash).toBe(codeOf(dist, join(REPO, 'src/support-cookbook/ruby'), []).hash);
    const fileBefore = [readFileSync(recordFile, 'utf8'), stampOf(recordFile), stampOf(dist)];

    const input = tempDir();
    writeTree(input, syntheticProject(1));
    await new Promise((r) => setTimeout(r, 3200)); // past the window in which an input gets no stamps
    const out = tempDir('a2c-out-');
    /** A conversion into `out` with no last run: the code's hash comes from the build's record, or from reading the code. */
    const fresh = (): string | undefined => {
      rmSync(out, { recursive: true, force: true });
      const r = spawnSync(process.execPath, [join(dist, 'cli/main.js'), 'convert', input, '--out', out, '--json'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(readFileSync(join(out, ...LAST_RUN_PATH.split('/')), 'utf8')) as LastRun).context;
    };
    const first = fresh();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(fresh()).toBe(first);
    expect([readFileSync(recordFile, 'utf8'), stampOf(recordFile), stampOf(dist)]).toEqual(fileBefore);
    // The same code, another build: the version number is the same, the record's stamps no longer hold.
    appendFileSync(join(dist, 'cli/version.js'), '// another build\n');
    expect(fresh()).not.toBe(first);
    // Its runs hash the code again each time, and still leave the record beside it as the build wrote it.
    expect([readFileSync(recordFile, 'utf8'), stampOf(recordFile)]).toEqual(fileBefore.slice(0, 2));
  });
});
