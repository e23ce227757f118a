// The one golden runner. Every test/golden/<case>/ is converted exactly as the CLI would convert its
// input/ (or the repository directory options.json names), and each expectation the case records
// must equal what the tool makes now:
//   expected/          the generated files, minus the support cookbook and manifest every case shares
//   diagnostics.txt    every diagnostic, one formatDiagnostic line each
//   audit.md           `ansible2chef audit` (the findings' markdown; empty when nothing is found)
//   plan.md            `ansible2chef plan --format markdown`
// and, where options.json lists them in `outputs`, audit.json, audit-ipv6-only.md, plan.json, plan.txt.
// options.json (see GoldenCaseOptions) may also name a repository directory as the input and user
// mapping directories. The `example` case is the bundled playbooks/: its generated files are the
// committed cookbooks-out/, which test/pipeline/example-output.test.ts compares, so it records no expected/.
// A case without an expectation it records fails. `UPDATE_GOLDEN=1 npx vitest run test/pipeline/golden.test.ts`
// writes them all; review the diff by eye before committing it (`-t <case>` rewrites one case only).
//
// On every case the runner also checks the invariants that hold for any input: generated Ruby parses,
// a second run is byte-identical, Windows line endings and BOMs change nothing, and each TODO outcome
// is visible as a TODO block.

import { loadMappings } from '../../src/mapping/user.js';
import { CODE_NAMES } from '../../src/translate/code-names.js';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditInput } from '../../src/audit/audit.js';
import { convert, type ConversionResult } from '../../src/convert.js';
import { computePlan } from '../../src/plan/compute.js';
import { planJson, planMarkdown, planTable } from '../../src/plan/format.js';
import { checkRuby, formatRubyErrors } from '../../src/print/prism.js';
import {
  diagnosticsText,
  type FileTree,
  type GoldenCase,
  type GoldenOutput,
  goldenCases,
  goldenView,
  readLikeCli,
  readTree,
  recipeTodoBlocks,
  toBuffer,
  withCrlfAndBom,
  writeTree,
} from '../helpers/golden.js';

const ROOT = resolve(import.meta.dirname, '../golden');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/** Plaintext secrets planted in golden inputs (in vault-encrypted or no_log values): never in any output. */
const CANARY = /CANARY-[A-Z0-9-]+/;

const cases = goldenCases(ROOT);

/** The input and convert() options of a case, as the CLI would read them (--mappings included). */
function caseInput(c: GoldenCase) {
  const { tree, options } = readLikeCli(c.inputDir);
  return {
    tree,
    options: { ...options, ...(c.mappingDirs.length ? { mappingDirs: c.mappingDirs } : {}), ...(c.groups ? { groups: c.groups } : {}) },
  };
}

/** What `ansible2chef audit` reports on the case's input, with the same options as its conversion. */
async function auditOf(c: GoldenCase, ipv6Only: boolean) {
  const { tree, options } = readLikeCli(c.inputDir);
  let mappings: Awaited<ReturnType<typeof loadMappings>>['set'];
  if (c.mappingDirs.length) {
    mappings = (await loadMappings(CODE_NAMES, c.mappingDirs)).set;
    if (!mappings) throw new Error(`${c.name}: its mapping directories do not load`);
  }
  return auditInput(tree, {
    ...options,
    ...(ipv6Only ? { ipv6Only } : {}),
    ...(mappings ? { mappings } : {}),
    ...(c.groups ? { groups: c.groups } : {}),
  }).findings;
}

/** The text of one recorded expectation (all but expected/, which is a tree). */
async function outputText(c: GoldenCase, name: Exclude<GoldenOutput, 'expected'>, result: ConversionResult): Promise<string> {
  switch (name) {
    case 'diagnostics.txt':
      return diagnosticsText(result);
    case 'audit.md':
      return (await auditOf(c, false)).markdown;
    case 'audit.json':
      return JSON.stringify((await auditOf(c, false)).json, null, 2) + '\n';
    case 'audit-ipv6-only.md':
      return (await auditOf(c, true)).markdown;
    case 'plan.md':
      return planMarkdown(computePlan(result));
    case 'plan.json':
      return planJson(computePlan(result));
    case 'plan.txt':
      return planTable(computePlan(result));
  }
}

const missing = (path: string) =>
  `${path} is missing; run UPDATE_GOLDEN=1 npx vitest run test/pipeline/golden.test.ts -t <case> and review it`;

function expectTree(c: GoldenCase, actual: FileTree): void {
  const dir = join(c.dir, 'expected');
  if (UPDATE) writeTree(dir, actual);
  expect(existsSync(dir), missing(dir)).toBe(true);
  const expected = readTree(dir);
  // Paths first, so a missing or extra file is reported as such, not as a content diff.
  expect([...actual.keys()].sort()).toEqual([...expected.keys()]);
  for (const [path, content] of actual) {
    expect(toBuffer(content).toString('utf8'), `${c.name}/expected/${path}`).toBe(expected.get(path)!.toString('utf8'));
    expect(toBuffer(content).equals(expected.get(path)!), `${c.name}/expected/${path} (bytes)`).toBe(true);
  }
}

function expectFile(c: GoldenCase, name: string, actual: string): void {
  const file = join(c.dir, name);
  if (UPDATE) {
    mkdirSync(c.dir, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(existsSync(file), missing(file)).toBe(true);
  expect(actual, `${c.name}/${name}`).toBe(readFileSync(file, 'utf8'));
}

describe('golden cases', () => {
  it('exist, each with its input and nothing beside what it records', () => {
    expect(cases.length).toBeGreaterThanOrEqual(27);
    for (const c of cases) {
      expect(existsSync(c.inputDir), `${c.name}: no input at ${c.inputDir}`).toBe(true);
      // A file left from an expectation the case no longer records would pass for a checked one.
      const allowed = new Set<string>([
        'input',
        'options.json',
        ...c.mappingDirs.map((d) => relative(c.dir, d).split(sep)[0]!),
        ...c.outputs,
      ]);
      expect(
        readdirSync(c.dir).filter((f) => !allowed.has(f)),
        `${c.name}: files no check reads`,
      ).toEqual([]);
    }
  });

  it.skipIf(UPDATE)('fail when an expectation is missing, and write none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-golden-'));
    try {
      const c: GoldenCase = {
        name: 'no-expectations',
        dir,
        inputDir: join(dir, 'input'),
        mappingDirs: [],
        outputs: ['expected', 'audit.md'],
      };
      expect(() => expectFile(c, 'audit.md', 'x')).toThrow(/audit\.md is missing/);
      expect(() => expectTree(c, new Map([['a/recipes/default.rb', 'x']]))).toThrow(/expected is missing/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let first: Promise<ConversionResult> | undefined;
    const result = () =>
      (first ??= (async () => {
        const { tree, options } = caseInput(c);
        return convert(tree, options);
      })());

    it.each(c.outputs.map((o) => [o]))('matches %s', async (output) => {
      const r = await result();
      if (output === 'expected') expectTree(c, goldenView(r));
      else expectFile(c, output, await outputText(c, output, r));
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
      const { tree, options } = caseInput(c);
      const b = await convert(tree, options);
      expect([...b.files.keys()]).toEqual([...a.files.keys()]);
      for (const [path, content] of a.files) expect(toBuffer(b.files.get(path)!).equals(toBuffer(content)), path).toBe(true);
      expect(b.diagnostics).toEqual(a.diagnostics);
      expect(b.stats).toEqual(a.stats);
    });

    it('gives the same output for CRLF line endings and a UTF-8 BOM', async () => {
      const a = await result();
      const { tree, options } = caseInput(c);
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
      for (const [path, content] of r.files) expect(toBuffer(content).toString('utf8'), path).not.toMatch(CANARY);
      expect(diagnosticsText(r)).not.toMatch(CANARY);
    });
  });
});
