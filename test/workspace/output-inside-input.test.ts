// Item 16 of issue 15: an output directory inside the input (`input = "."` with cookbooks-out/, the
// natural layout) is not read as input, so re-runs skip unchanged roles and leave the manifest
// alone; an output that is the input, or contains it, is a usage error (exit 2).
import { type Dirent, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTempDirs, runCli, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

/** Every file under dir, relative, sorted. */
function listing(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

function project(): string {
  const dir = tempDir();
  writeTree(dir, syntheticProject(2));
  return dir;
}

describe('output inside the input', () => {
  it('is left out of the input: a re-run is up to date, a changed role is the only one rendered', () => {
    const dir = project();
    const first = runCli(['convert', '.', '-o', 'cookbooks-out', '--json'], dir);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).rendered).toEqual(['svc000', 'svc001']);
    const manifest = readFileSync(join(dir, 'cookbooks-out/.ansible2chef/manifest.json'), 'utf8');

    const again = runCli(['convert', '.', '-o', 'cookbooks-out', '--json'], dir);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).upToDate).toBe(true);
    expect(readFileSync(join(dir, 'cookbooks-out/.ansible2chef/manifest.json'), 'utf8')).toBe(manifest);

    // A note of the user's own in the output is not input either.
    writeFileSync(join(dir, 'cookbooks-out/NOTES.txt'), '# hand note\n');
    const task = join(dir, 'roles/svc000/tasks/main.yml');
    writeFileSync(task, readFileSync(task, 'utf8').replace('state: started', 'state: stopped'));
    const changed = runCli(['convert', '.', '-o', 'cookbooks-out', '--json'], dir);
    expect(changed.status, changed.stderr).toBe(0);
    const summary = JSON.parse(changed.stdout);
    expect(summary.rendered).toEqual(['svc000']);
    expect(summary.skipped).toEqual(['svc001']);
  });

  it('check and plan work with the output inside the input (a guard: they passed before too)', () => {
    const dir = project();
    expect(runCli(['convert', '.', '-o', 'cookbooks-out', '-q'], dir).status).toBe(0);
    const check = runCli(['check', '.', '-o', 'cookbooks-out'], dir);
    expect(check.status, check.stderr).toBe(0);
    const plan = runCli(['plan', '.', '--json'], dir);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).not.toContain('cookbooks-out');
  });
});

describe('output that is the input or contains it', () => {
  const cases: Array<[string, string[], string]> = [
    ['convert . -o .', ['convert', '.', '-o', '.'], 'the output directory . is the input directory'],
    ['convert roles -o roles', ['convert', 'roles', '-o', 'roles'], 'the output directory roles is the input directory'],
    [
      'convert roles/svc000 -o roles',
      ['convert', 'roles/svc000', '-o', 'roles'],
      'the output directory roles contains the input roles/svc000',
    ],
    ['convert site.yml -o .', ['convert', 'site.yml', '-o', '.'], 'the output directory . is the input directory'],
    ['check . -o .', ['check', '.', '-o', '.'], 'the output directory . is the input directory'],
    ['diff roles -o .', ['diff', 'roles', '-o', '.'], 'the output directory . contains the input roles'],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: usage error, nothing written`, () => {
      const dir = project();
      const r = runCli(args, dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `ansible2chef: error: ${message}: generated cookbooks would mix with the Ansible files; choose an --out outside the input, or a new directory inside it (e.g. cookbooks-out)\n`,
      );
      expect(listing(dir)).toEqual(Object.keys(syntheticProject(2)).sort());
    });
  }

  it('plan, which writes nothing, still reads the whole input when the configured output is the input', () => {
    const dir = project();
    writeFileSync(join(dir, 'ansible2chef.toml'), 'input = "."\noutput = "."\n');
    const r = runCli(['plan', '--json'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('svc000');
    expect(r.stdout).toContain('svc001');
    expect(runCli(['convert'], dir).status).toBe(2);
  });

  it('a symlink to the input counts as the input', () => {
    const dir = project();
    const link = join(tempDir(), 'link');
    symlinkSync(dir, link);
    const r = runCli(['convert', '.', '-o', link], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is the input directory');
    expect(listing(dir)).toEqual(Object.keys(syntheticProject(2)).sort());
  });
});
