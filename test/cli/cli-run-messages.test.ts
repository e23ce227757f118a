// Issue 15 item 20, the command-line messages: a --playbook typo lists the playbooks, a --keep-edits
// run does not advise --keep-edits, and a --role run prints the selected roles' totals (and their
// warnings), and says so.
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTempDirs, runCli, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

function converted(): { input: string; out: string } {
  const dir = tempDir();
  const input = join(dir, 'in');
  const out = join(dir, 'out');
  writeTree(input, syntheticProject(3));
  const r = runCli(['convert', input, '--out', out, '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  return { input, out };
}

describe('convert messages', () => {
  it('an unknown --playbook lists the playbooks (and the roles apart)', () => {
    const { input, out } = converted();
    for (const cmd of ['convert', 'diff']) {
      const r = runCli([cmd, input, '--out', out, '--playbook', 'sit.yml']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('not in the input: sit.yml (roles: svc000, svc001, svc002; playbooks: site.yml)');
    }
  });

  it('--keep-edits says where the new version is instead of advising --keep-edits', () => {
    const { input, out } = converted();
    const file = join(out, 'svc001', 'recipes', 'default.rb');
    writeFileSync(file, readFileSync(file, 'utf8') + '# finished by hand\n');
    const task = join(input, 'roles', 'svc001', 'tasks', 'main.yml');
    writeFileSync(task, readFileSync(task, 'utf8').replace('state: started', 'state: stopped'));
    const r = runCli(['convert', input, '--out', out, '--keep-edits']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('edited: svc001/recipes/default.rb');
    expect(r.stderr).toContain('the new version is in svc001/recipes/default.rb.new');
    expect(r.stderr).not.toContain('--keep-edits');
    // Without --keep-edits the advice is still there.
    expect(runCli(['convert', input, '--out', out]).stderr).toContain('or --keep-edits for svc001/recipes/default.rb.new');
  });

  it('a --role run counts the selected roles only, and says so', () => {
    const { input, out } = converted();
    const whole = JSON.parse(runCli(['convert', input, '--out', out, '--force', '--json']).stdout);
    const task = join(input, 'roles', 'svc001', 'tasks', 'main.yml');
    writeFileSync(task, readFileSync(task, 'utf8') + '- name: Extra\n  example.unknown.thing: {}\n');
    const r = runCli(['convert', input, '--out', out, '--role', 'svc001', '--json']);
    const one = JSON.parse(r.stdout);
    expect(one.selection).toEqual(['svc001']);
    expect(one.cookbooks).toBe(1);
    expect(one.tasks).toBe(whole.tasks / 3 + 1);
    expect(one.todo).toBe(1);
    writeFileSync(task, readFileSync(task, 'utf8') + '- name: Extra 2\n  example.unknown.thing: {}\n');
    // Another role's warning is not the selection's: not counted, not printed.
    const other = join(input, 'roles', 'svc000', 'tasks', 'main.yml');
    writeFileSync(other, readFileSync(other, 'utf8') + '- name: Other\n  example.other.thing: {}\n');
    const text = runCli(['convert', input, '--out', out, '--role', 'svc001']);
    expect(text.stderr).toContain('roles/svc001/tasks/main.yml');
    expect(text.stderr).not.toContain('example.other.thing');
    expect(text.stdout).toContain('Diagnostics: 0 errors, 2 warnings');
    expect(text.stdout).toContain(
      `Converted ${whole.tasks / 3 + 2} tasks into 1 cookbooks in ${out}/ (the selected cookbooks only: svc001): `,
    );
    expect(text.stdout).toContain(', 2 TODO,');
  });

  it('a warning quoting an input path with a line break stays on one line', () => {
    const { input, out } = converted();
    symlinkSync(join(input, 'nowhere'), join(input, 'bad\nlink'));
    const r = runCli(['convert', input, '--out', out]);
    expect(r.stderr).toContain('warning: bad\\nlink: broken symlink skipped\n');
  });
});
