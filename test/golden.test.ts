// Golden tests: every test/golden/<case>/input is converted exactly as the CLI would, and the output
// (minus the support cookbook and manifest, which every case shares) must equal <case>/expected,
// including expected/diagnostics.txt. `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts` rewrites
// expected/ — review the diff by eye before committing it; add `-t <case>` to rewrite one case only.
//
// On every case the runner also checks the invariants that hold for any input: generated Ruby parses,
// a second run is byte-identical, Windows line endings and BOMs change nothing, and each TODO outcome
// is visible as a TODO block.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, type ConversionResult } from '../src/convert.js';
import { checkRuby, formatRubyErrors } from '../src/ruby/prism.js';
import { goldenCases, goldenView, readLikeCli, readTree, recipeTodoBlocks, toBuffer, withCrlfAndBom, writeTree } from './helpers/golden.js';

const ROOT = resolve(import.meta.dirname, 'golden');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/** Plaintext secrets planted in golden inputs (in vault-encrypted or no_log values): never in any output. */
const CANARY = /CANARY-[A-Z0-9-]+/;

const cases = goldenCases(ROOT);

describe('golden cases', () => {
  it('exist', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  describe.each(cases)('%s', (name) => {
    const inputDir = join(ROOT, name, 'input');
    const expectedDir = join(ROOT, name, 'expected');
    let first: Promise<ConversionResult> | undefined;
    const result = () => (first ??= (async () => {
      const { tree, options } = readLikeCli(inputDir);
      return convert(tree, options);
    })());

    it('matches expected/', async () => {
      const actual = goldenView(await result());
      if (UPDATE) writeTree(expectedDir, actual);
      expect(existsSync(expectedDir), `${expectedDir} is missing; run UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts`).toBe(true);
      const expected = readTree(expectedDir);
      // Paths first, so a missing or extra file is reported as such, not as a content diff.
      expect([...actual.keys()].sort()).toEqual([...expected.keys()]);
      for (const [path, content] of actual) {
        expect(toBuffer(content).toString('utf8'), `${name}/expected/${path}`).toBe(expected.get(path)!.toString('utf8'));
        expect(toBuffer(content).equals(expected.get(path)!), `${name}/expected/${path} (bytes)`).toBe(true);
      }
    });

    it('produces Ruby that Prism parses, and no internal errors', async () => {
      const r = await result();
      for (const [path, content] of r.files) {
        if (!path.endsWith('.rb')) continue;
        const check = await checkRuby(toBuffer(content).toString('utf8'), path);
        expect(check.ok ? '' : formatRubyErrors(path, check.errors)).toBe('');
      }
      expect(r.diagnostics.filter((d) => d.code.startsWith('A2C-INTERNAL'))).toEqual([]);
    });

    it('converts byte-identically a second time', async () => {
      const a = await result();
      const { tree, options } = readLikeCli(inputDir);
      const b = await convert(tree, options);
      expect([...b.files.keys()]).toEqual([...a.files.keys()]);
      for (const [path, content] of a.files) expect(toBuffer(b.files.get(path)!).equals(toBuffer(content)), path).toBe(true);
      expect(b.diagnostics).toEqual(a.diagnostics);
    });

    it('gives the same output for CRLF line endings and a UTF-8 BOM', async () => {
      const a = await result();
      const { tree, options } = readLikeCli(inputDir);
      const b = await convert(withCrlfAndBom(tree), options);
      expect([...b.files.keys()]).toEqual([...a.files.keys()]);
      for (const [path, content] of a.files) {
        expect(toBuffer(b.files.get(path)!).toString('utf8'), path).toBe(toBuffer(content).toString('utf8'));
      }
      expect(b.diagnostics).toEqual(a.diagnostics);
    });

    // A TODO block holds one task, except a block's rescue or always section: Chef has neither, so the
    // whole section becomes ONE TODO block while each of its tasks counts as a TODO outcome. Its paired
    // diagnostic states how many tasks the section holds, so the relation stays exact:
    //   stats.todo === sum over TODO blocks of (tasks held by the block).
    it('shows every TODO outcome in a TODO block paired with its diagnostic', async () => {
      const r = await result();
      const unpaired = r.diagnostics.filter((d) => d.code.startsWith('A2C-TODO-'));
      let held = 0;
      for (const block of recipeTodoBlocks(r.files)) {
        // The diagnostic carries the block's code and points at the task or at a keyword inside it.
        const i = unpaired.findIndex((d) => d.code === block.code && d.span?.file === block.file && d.span.line >= block.line);
        expect(i, `${block.recipe}: TODO ${block.code} at ${block.file}:${block.line} has no diagnostic`).toBeGreaterThanOrEqual(0);
        const [d] = unpaired.splice(i, 1);
        const section = /^A2C-TODO-BLOCK-(RESCUE|ALWAYS)$/.test(block.code) ? /its (\d+) task\(s\)/.exec(d!.message) : null;
        held += section ? Number(section[1]) : 1;
      }
      expect(held).toBe(r.stats.todo);
    });

    it('never writes a planted secret', async () => {
      const r = await result();
      for (const [path, content] of goldenView(r)) expect(toBuffer(content).toString('utf8'), path).not.toMatch(CANARY);
    });
  });
});
