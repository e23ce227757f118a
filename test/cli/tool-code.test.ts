// The tool's code hash (cli/run-digest.ts codeOf): by content, so it changes with any .js file of the
// code or any file of the support cookbook, and taken from a kept record only while every stamp holds.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeOf, keepToolRecord, readToolRecord } from '../../src/cli/run-digest.js';
import type { ToolRecord } from '../../src/workspace/last-run.js';
import { nameTree, stampOf, stampsDigest, type TreeStamps } from '../../src/workspace/stamps.js';

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

  it('keeps a record in place in an existing file only, leaving its directory stamp as it was', () => {
    const dir = tree('keep', { 'tool-code.json': '' });
    const path = join(dir, 'tool-code.json');
    expect(readToolRecord(path)).toBeUndefined();
    const record: ToolRecord = { hash: 'h', code: stampsNow(root, ['main.js']), support: stampsNow(support, []) };
    const before = stampOf(dir);
    keepToolRecord(path, record);
    expect(readToolRecord(path)).toEqual(record);
    // A shorter record: what is left of the longer one is cut off.
    keepToolRecord(path, { hash: 'h2', code: stampsNow(root, []), support: stampsNow(support, []) });
    expect(readToolRecord(path)?.hash).toBe('h2');
    expect(stampOf(dir)).toEqual(before);
    keepToolRecord(join(dir, 'missing.json'), record);
    expect(stampOf(join(dir, 'missing.json'))).toBeUndefined();
    writeFileSync(path, '{"sum": "torn');
    expect(readToolRecord(path)).toBeUndefined();
    // A whole JSON whose record is not the one its sum was taken of (pieces of two writes).
    keepToolRecord(path, record);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"hash":"h"', '"hash":"x"'));
    expect(readToolRecord(path)).toBeUndefined();
  });
});
