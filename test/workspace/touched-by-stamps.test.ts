// A re-run knows a cookbook's files are unedited without reading them when the last clean run left
// them as the manifest records and no output has moved since. A cookbook that run did not render or
// skip (frozen, excluded) may hold hand edits it carried over: its files are still read, so an edit
// made while it was frozen is reported once it is no longer frozen.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTempDirs, runCli, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

const CONFIG = 'input = "in"\noutput = "out"\n';

describe('unedited cookbooks found by stamps', () => {
  it('reports an edit made while the cookbook was frozen once it is no longer frozen', () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    writeTree(input, syntheticProject(3));
    writeFileSync(join(dir, 'ansible2chef.toml'), CONFIG);
    let r = runCli(['convert', '-q'], dir);
    expect(r.status, r.stderr).toBe(0);
    const task = join(input, 'roles', 'svc000', 'tasks', 'main.yml');
    const edit = (from: string, to: string) => writeFileSync(task, readFileSync(task, 'utf8').replace(from, to));

    // Frozen, then finished by hand; another role changes: a clean run that leaves svc001 alone.
    writeFileSync(join(dir, 'ansible2chef.toml'), `${CONFIG}[roles]\nfrozen = ["svc001"]\n`);
    const file = join(out, 'svc001', 'recipes', 'default.rb');
    const edited = readFileSync(file, 'utf8') + '# finished by hand\n';
    writeFileSync(file, edited);
    edit('state: started', 'state: stopped');
    r = runCli(['convert', '--json'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).frozen).toEqual(['svc001']);

    // Unfrozen; its input did not change, and no output moved since that clean run. The edit is
    // still found, by content.
    writeFileSync(join(dir, 'ansible2chef.toml'), CONFIG);
    edit('state: stopped', 'state: restarted');
    r = runCli(['convert'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('edited: svc001/recipes/default.rb');
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('skips the unchanged roles of a re-run after a clean one, and re-renders one whose file was edited since', () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    writeTree(input, syntheticProject(3));
    writeFileSync(join(dir, 'ansible2chef.toml'), CONFIG);
    expect(runCli(['convert', '-q'], dir).status).toBe(0);
    const task = join(input, 'roles', 'svc000', 'tasks', 'main.yml');
    writeFileSync(task, readFileSync(task, 'utf8').replace('state: started', 'state: stopped'));
    let r = runCli(['convert', '--json'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).skipped).toEqual(['svc001', 'svc002']);

    const file = join(out, 'svc002', 'recipes', 'default.rb');
    writeFileSync(file, readFileSync(file, 'utf8') + '# by hand\n');
    writeFileSync(task, readFileSync(task, 'utf8').replace('state: stopped', 'state: started'));
    r = runCli(['convert', '--json'], dir);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).skipped).toEqual(['svc001']);
    expect(JSON.parse(r.stdout).edited).toEqual(['svc002/recipes/default.rb']);
  });
});
