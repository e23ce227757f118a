// The Ruby ansible2chef writes passes RuboCop with the Cookstyle-like configuration committed in
// test/rubocop/cookstyle.yml: every .rb file of the bundled example's output (cookbooks, Policyfiles, the support
// cookbook) and of every corpus entry's output. RuboCop starts slowly, so it runs once over all files; a corpus
// file identical to one already written (the support cookbook, repeated per entry) is checked once.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { inputOptions, readInput } from '../../src/cli/read-input.js';
import { corpusEntries } from '../../src/scripts/corpus.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { CORPUS, REPO_ROOT } from '../helpers/shared.js';

const CONFIG = join(REPO_ROOT, 'test/rubocop/cookstyle.yml');
const EXAMPLE = join(REPO_ROOT, 'cookbooks-out');

interface Offense {
  cop_name: string;
  message: string;
  location: { line: number; column: number };
}
interface Report {
  files: Array<{ path: string; offenses: Offense[] }>;
  summary: { inspected_file_count: number };
}

/** The .rb files under dir, except a cookbook's files/ (copied as they are; Cookstyle leaves them out too). */
function rubyFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'files' ? [] : rubyFiles(full);
    return e.name.endsWith('.rb') ? [full] : [];
  });
}

/** Every corpus entry converted as `ansible2chef convert` does, its .rb files written under root/<entry>/. */
async function writeCorpusOutputs(root: string): Promise<number> {
  const seen = new Set<string>();
  let written = 0;
  for (const [name, dir] of corpusEntries(CORPUS)) {
    const input = readInput(dir);
    const r = await convert(input.tree, inputOptions(input));
    for (const [path, content] of r.files) {
      if (!path.endsWith('.rb') || path.split('/').includes('files')) continue;
      // The key keeps the path inside the cookbook: cops are chosen by it (metadata.rb, recipes/...).
      const key = `${path.split('/').slice(1).join('/')}\0${createHash('sha256').update(content).digest('hex')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const out = join(root, name.replace(/\//g, '__'), path);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, content);
      written++;
    }
  }
  return written;
}

const available = requireOrSkip('rubocop', hasTool('rubocop'));
const withCorpus = existsSync(CORPUS);
const tmp = mkdtempSync(join(tmpdir(), 'a2c-rubocop-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!available)('RuboCop with the Cookstyle-like configuration', () => {
  it('reports what Cookstyle reports (the configuration is in force)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-rubocop-bad-'));
    try {
      const file = join(dir, 'recipes/default.rb');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, ['pkgs = ["a", "b"]', 'package pkgs', 'x = {', "  'k' => 1", '}', 'puts x', ''].join('\n'));
      const r = spawnSync('rubocop', ['--config', CONFIG, '--format', 'json', '--cache', 'false', file], { encoding: 'utf8' });
      const cops = (JSON.parse(r.stdout) as Report).files.flatMap((f) => f.offenses.map((o) => o.cop_name));
      expect(new Set(cops)).toEqual(new Set(['Style/StringLiterals', 'Style/WordArray', 'Style/TrailingCommaInHashLiteral']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`finds no offense in the bundled example${withCorpus ? ' and the corpus outputs' : ''}`, { timeout: 600_000 }, async () => {
    const exampleFiles = rubyFiles(EXAMPLE);
    expect(exampleFiles.some((f) => f.endsWith('/metadata.rb'))).toBe(true);
    expect(exampleFiles.some((f) => f.includes('/policyfiles/'))).toBe(true);
    expect(exampleFiles.some((f) => f.includes('/ansible2chef_support/libraries/'))).toBe(true);
    const corpusCount = withCorpus ? await writeCorpusOutputs(tmp) : 0;
    if (withCorpus) expect(corpusCount).toBeGreaterThan(100);
    const targets = [...exampleFiles, ...(withCorpus ? rubyFiles(tmp) : [])];
    const r = spawnSync('rubocop', ['--config', CONFIG, '--format', 'json', '--cache', 'false', '--force-exclusion', ...targets], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    // Exit 0: no offense; 1: offenses; 2: RuboCop itself failed (bad configuration, crash).
    expect(r.status, r.stderr).not.toBe(2);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.summary.inspected_file_count).toBe(targets.length);
    const label = (p: string) => (p.startsWith(tmp) ? `corpus/${relative(tmp, p)}` : relative(REPO_ROOT, p));
    const offenses = report.files.flatMap((f) =>
      f.offenses.map((o) => `${label(f.path)}:${o.location.line}:${o.location.column}: ${o.cop_name}: ${o.message}`),
    );
    expect(offenses, offenses.join('\n')).toEqual([]);
    // A warning on stderr (an unknown cop, an obsolete setting) means the configuration is not what it says.
    expect(r.stderr.trim()).toBe('');
  });
});
