// The Ruby check of a re-run parses only the Ruby text the previous run did not record: a file whose
// bytes the manifest records at the same path was checked before it was written. Anything else (a new
// file, a changed one, a path whose recorded hash does not match) is parsed, as on a first run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MANIFEST_PATH } from '../../src/workspace/manifest.js';
import { removeTempDirs, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';

const checked: string[] = [];

vi.mock('../../src/print/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/print/index.js')>();
  return {
    ...real,
    checkRuby: (source: string, path: string) => {
      checked.push(path);
      return real.checkRuby(source, path);
    },
    checkRubyStatements: (source: string, path: string) => {
      checked.push(path);
      return real.checkRubyStatements(source, path);
    },
  };
});

const { runConvert } = await import('../../src/cli/convert-command.js');

afterAll(() => removeTempDirs());
beforeEach(() => {
  checked.length = 0;
});

const manifestFiles = (out: string): Record<string, string> =>
  (JSON.parse(readFileSync(join(out, ...MANIFEST_PATH.split('/')), 'utf8')) as { files: Record<string, string> }).files;

describe('the Ruby check of a re-run', () => {
  it('parses what the previous run did not record, and nothing it did', async () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    writeTree(input, syntheticProject(3, 'v1'));
    expect(await runConvert(input, { out, quiet: true })).toBe(0);
    const first = manifestFiles(out);
    // A first run has no manifest: every generated Ruby file is parsed.
    expect(checked).toContain('svc000/recipes/default.rb');
    expect(checked).toContain('svc001/attributes/default.rb');
    const firstCount = checked.length;

    // One role's task changes: only the Ruby text that changed is parsed again.
    checked.length = 0;
    const project = syntheticProject(3, 'v1');
    project['roles/svc001/tasks/main.yml'] = project['roles/svc001/tasks/main.yml']!.replace('state: started', 'state: stopped');
    writeTree(input, project);
    expect(await runConvert(input, { out, quiet: true })).toBe(0);
    const second = manifestFiles(out);
    const changedRuby = Object.keys(second)
      .filter((p) => p.endsWith('.rb') && second[p] !== first[p])
      .sort();
    expect(changedRuby).toContain('svc001/recipes/default.rb');
    expect([...checked].sort()).toEqual(changedRuby);
    expect(checked.length).toBeLessThan(firstCount);

    // A run that renders everything again with nothing changed parses nothing.
    checked.length = 0;
    expect(await runConvert(input, { out, quiet: true, force: true })).toBe(0);
    expect(checked).toEqual([]);

    // A recorded hash that does not match the text proves nothing: that file is parsed.
    const manifestPath = join(out, ...MANIFEST_PATH.split('/'));
    const text = readFileSync(manifestPath, 'utf8');
    writeFileSync(manifestPath, text.replace(second['svc000/recipes/default.rb']!, '0'.repeat(64)));
    checked.length = 0;
    await runConvert(input, { out, quiet: true, force: true });
    expect(checked).toEqual(['svc000/recipes/default.rb']);

    // A manifest of another release proves nothing about this release's parser: everything is parsed.
    const current = readFileSync(manifestPath, 'utf8');
    expect(current).toMatch(/"toolVersion": "[^"]+"/);
    writeFileSync(manifestPath, current.replace(/"toolVersion": "[^"]+"/, '"toolVersion": "0.0.0-another"'));
    checked.length = 0;
    await runConvert(input, { out, quiet: true, force: true });
    expect(checked.length).toBe(firstCount);
  });
});
