// The migration workflows end to end through the built CLI: per-role conversion, skipping unchanged
// roles, hand-edit safety, frozen cookbooks, removals, check, diff and the PR report.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookbookFiles, ensureBuilt, removeTempDirs, runCli, snapshot, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

/** A fresh project of three roles converted once; returns its paths. */
function converted(roles = 3): { dir: string; input: string; out: string } {
  const dir = tempDir();
  const input = join(dir, 'in');
  const out = join(dir, 'out');
  writeTree(input, syntheticProject(roles));
  const r = runCli(['convert', input, '--out', out, '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  return { dir, input, out };
}

const task = (input: string, role: string) => join(input, 'roles', role, 'tasks', 'main.yml');

describe('convert --role / --playbook', () => {
  it('leaves the other cookbooks untouched: bytes and mtimes', () => {
    const { input, out } = converted();
    // Change every role's input, then convert only svc001.
    for (const r of ['svc000', 'svc001', 'svc002'])
      writeFileSync(task(input, r), readFileSync(task(input, r), 'utf8').replace('state: started', 'state: stopped'));
    const before = snapshot(out);
    const r = runCli(['convert', input, '--out', out, '--role', 'svc001', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).rendered).toEqual(['svc001']);
    const after = snapshot(out);
    for (const p of [...before.bytes.keys()].filter((p) => !p.startsWith('svc001/') && !p.startsWith('.ansible2chef/'))) {
      expect(after.bytes.get(p)?.equals(before.bytes.get(p)!), p).toBe(true);
      expect(after.mtimes.get(p), p).toBe(before.mtimes.get(p));
    }
    expect(after.bytes.get('svc001/recipes/default.rb')!.toString()).toContain(':stop');
    expect(after.bytes.get('svc000/recipes/default.rb')!.toString()).not.toContain(':stop');
  });

  it('--playbook converts the roles that playbook uses', () => {
    const { input, out } = converted();
    writeFileSync(join(input, 'other.yml'), '---\n- name: Only one\n  hosts: all\n  roles:\n    - svc002\n');
    for (const r of ['svc000', 'svc002'])
      writeFileSync(task(input, r), readFileSync(task(input, r), 'utf8').replace('state: started', 'state: stopped'));
    const r = runCli(['convert', input, '--out', out, '--playbook', 'other.yml', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).rendered).toEqual(['svc002']);
    expect(readFileSync(join(out, 'svc000/recipes/default.rb'), 'utf8')).not.toContain(':stop');
    expect(readFileSync(join(out, 'svc002/recipes/default.rb'), 'utf8')).toContain(':stop');
  });

  it('an unknown role is a usage error', () => {
    const { input, out } = converted(1);
    const r = runCli(['convert', input, '--out', out, '--role', 'nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nope');
  });
});

describe('re-runs', () => {
  it('skip roles whose inputs did not change, and say so; --force re-renders', () => {
    const { input, out } = converted();
    writeFileSync(task(input, 'svc001'), readFileSync(task(input, 'svc001'), 'utf8').replace('state: started', 'state: stopped'));
    const r = runCli(['convert', input, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Skipped, inputs unchanged.*\(2\): svc000, svc002/);
    const j = JSON.parse(runCli(['convert', input, '--out', out, '--json']).stdout);
    expect(j.skipped).toEqual(['svc000', 'svc001', 'svc002']);
    const f = JSON.parse(runCli(['convert', input, '--out', out, '--json', '--force']).stdout);
    expect(f.skipped).toEqual([]);
    expect(f.rendered).toEqual(['svc000', 'svc001', 'svc002']);
  });

  it('a changed mapping table or option re-renders every role', () => {
    const { input, out } = converted(2);
    const j = JSON.parse(runCli(['convert', input, '--out', out, '--json', '--namespace', 'site']).stdout);
    expect(j.skipped).toEqual([]);
  });
});

describe('hand-edit safety', () => {
  it('an edited generated file survives every re-run byte for byte, reported with exit 1', () => {
    const { input, out } = converted();
    const file = join(out, 'svc001/recipes/default.rb');
    const edited = readFileSync(file, 'utf8') + '# finished by hand\n';
    writeFileSync(file, edited);
    // Another role converted: the edited cookbook is not touched at all.
    let r = runCli(['convert', input, '--out', out, '--force', '--role', 'svc000']);
    expect(r.status, r.stderr).toBe(0);
    // Whole project, role unchanged: the edit is kept and reported (finished cookbooks are marked frozen).
    r = runCli(['convert', input, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('edited: svc001/recipes/default.rb');
    expect(readFileSync(file, 'utf8')).toBe(edited);
    // Changed role: the edit is in the way: reported, exit 1, file untouched.
    writeFileSync(task(input, 'svc001'), readFileSync(task(input, 'svc001'), 'utf8').replace('state: started', 'state: stopped'));
    r = runCli(['convert', input, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('edited: svc001/recipes/default.rb');
    expect(readFileSync(file, 'utf8')).toBe(edited);
    // And again: the manifest still knows it was edited.
    r = runCli(['convert', input, '--out', out]);
    expect(r.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    // --keep-edits writes the new version beside it.
    r = runCli(['convert', input, '--out', out, '--keep-edits']);
    expect(r.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(readFileSync(file + '.new', 'utf8')).toContain(':stop');
    // --force overwrites.
    r = runCli(['convert', input, '--out', out, '--force']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(':stop');
    expect(readFileSync(file, 'utf8')).not.toContain('finished by hand');
  });

  it('a frozen cookbook is never touched, not even with --force', () => {
    const { dir, input, out } = converted();
    writeFileSync(join(dir, 'ansible2chef.toml'), `input = "in"\noutput = "out"\n[roles]\nfrozen = ["svc001"]\n`);
    for (const r of ['svc000', 'svc001'])
      writeFileSync(task(input, r), readFileSync(task(input, r), 'utf8').replace('state: started', 'state: stopped'));
    const before = snapshot(out);
    const r = runCli(['convert', '--force', '--json'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).frozen).toEqual(['svc001']);
    const after = snapshot(out);
    for (const p of cookbookFiles(before, 'svc001')) {
      expect(after.bytes.get(p)!.equals(before.bytes.get(p)!), p).toBe(true);
      expect(after.mtimes.get(p), p).toBe(before.mtimes.get(p));
    }
    expect(after.bytes.get('svc000/recipes/default.rb')!.toString()).toContain(':stop');
  });

  it('a task removed from the input removes its resource', () => {
    const { input, out } = converted(1);
    const text = readFileSync(task(input, 'svc000'), 'utf8');
    writeFileSync(task(input, 'svc000'), text.slice(0, text.indexOf('- name: Start')));
    expect(runCli(['convert', input, '--out', out, '-q']).status).toBe(0);
    expect(readFileSync(join(out, 'svc000/recipes/default.rb'), 'utf8')).not.toMatch(
      /service 'svc000' do\n(?:.*\n)*?\s+action \[:enable, :start\]|action :start/,
    );
    expect(readFileSync(join(out, 'svc000/recipes/default.rb'), 'utf8')).not.toContain('Start svc000');
  });

  it('a role removed from the input removes its cookbook, unless a file of it was edited', () => {
    const { input, out } = converted();
    const site = join(input, 'site.yml');
    writeFileSync(site, readFileSync(site, 'utf8').replace('    - svc002\n', '').replace('    - svc001\n', ''));
    rmSync(join(input, 'roles/svc001'), { recursive: true });
    rmSync(join(input, 'roles/svc002'), { recursive: true });
    const kept = join(out, 'svc002/attributes/default.rb');
    writeFileSync(kept, readFileSync(kept, 'utf8') + '# mine\n');
    const r = runCli(['convert', input, '--out', out]);
    expect(r.status).toBe(1);
    expect(existsSync(join(out, 'svc001'))).toBe(false);
    const left = snapshot(out);
    expect(cookbookFiles(left, 'svc002').length).toBeGreaterThan(3);
    expect(left.bytes.get('svc002/attributes/default.rb')!.toString()).toContain('# mine');
    expect(r.stderr).toContain('svc002/attributes/default.rb');
    // --force removes it.
    expect(runCli(['convert', input, '--out', out, '-q', '--force']).status).toBe(0);
    expect(existsSync(join(out, 'svc002'))).toBe(false);
  });

  it('a file that was not generated by ansible2chef is never overwritten', () => {
    const dir = tempDir();
    writeTree(join(dir, 'in'), syntheticProject(1));
    writeTree(join(dir, 'out'), { 'svc000/metadata.rb': "name 'mine'\n" });
    const r = runCli(['convert', join(dir, 'in'), '--out', join(dir, 'out'), '-q']);
    expect(r.status).toBe(1);
    expect(readFileSync(join(dir, 'out/svc000/metadata.rb'), 'utf8')).toBe("name 'mine'\n");
  });
});

describe('check, diff and the report', () => {
  it('check fails after an input change, listing the files, and passes after convert', () => {
    const { input, out } = converted();
    expect(runCli(['check', input, '--out', out]).status).toBe(0);
    writeFileSync(task(input, 'svc002'), readFileSync(task(input, 'svc002'), 'utf8').replace('state: started', 'state: stopped'));
    const r = runCli(['check', input, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('changed  svc002/recipes/default.rb');
    const j = JSON.parse(runCli(['check', input, '--out', out, '--json']).stdout);
    expect(j.stale.map((s: { path: string }) => s.path)).toContain('svc002/recipes/default.rb');
    expect(runCli(['convert', input, '--out', out, '-q']).status).toBe(0);
    expect(runCli(['check', input, '--out', out]).status).toBe(0);
  });

  it('diff prints a unified diff (plain without a TTY, NO_COLOR honoured) and --stat', () => {
    const { input, out } = converted();
    writeFileSync(task(input, 'svc002'), readFileSync(task(input, 'svc002'), 'utf8').replace('state: started', 'state: stopped'));
    const r = runCli(['diff', input, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('--- a/svc002/recipes/default.rb\n+++ b/svc002/recipes/default.rb\n@@ -');
    expect(r.stdout).toMatch(/^-.*:start/m);
    expect(r.stdout).toMatch(/^\+.*:stop/m);
    expect(r.stdout).not.toContain('\x1b[');
    const s = runCli(['diff', input, '--out', out, '--stat']);
    expect(s.stdout).toMatch(/svc002\/recipes\/default\.rb \| +\d+ \+*-+/);
    expect(s.stdout).toMatch(/\d+ files? changed, \d+ insertions?\(\+\), \d+ deletions?\(-\)/);
    // Nothing was written.
    expect(runCli(['check', input, '--out', out]).status).toBe(1);
  });

  it('--report markdown names changed files, new TODOs per role', () => {
    const { input, out } = converted();
    writeFileSync(
      task(input, 'svc001'),
      readFileSync(task(input, 'svc001'), 'utf8') + '- name: Something odd\n  example.collection.frobnicate:\n    level: 3\n',
    );
    const check = runCli(['check', input, '--out', out, '--report', 'markdown']);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('### `svc001`');
    expect(check.stdout).toContain('| `svc001/recipes/default.rb` | changed (+');
    expect(check.stdout).toMatch(/New TODOs:\n\n- `A2C-TODO-MODULE` roles\/svc001\/tasks\/main\.yml:\d+:\d+/);
    expect(check.stdout).not.toContain('### `svc000`');
    const conv = runCli(['convert', input, '--out', out, '--report', 'markdown']);
    expect(conv.stdout).toContain('A2C-TODO-MODULE');
    // Recorded: the next report has nothing new.
    const again = runCli(['check', input, '--out', out, '--report', 'markdown']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Nothing changes');
  });
});
