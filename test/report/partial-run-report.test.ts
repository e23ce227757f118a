// Issue 15 item 17: a `convert --role X` must leave the output consistent. CONVERSION.md, policyfiles/
// and nodes/ describe the whole project; the partial run refreshes them from its full in-memory
// conversion when everything outside the selection is already current, so `check` then passes. When
// other roles changed too, it leaves them and says why.
import { readFileSync, writeFileSync } from 'node:fs';
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

/** A task with a module no table knows: a TODO, so the project report (counts, modules, diagnostics) changes. */
function addTodoTask(input: string, role: string): void {
  const f = join(input, 'roles', role, 'tasks', 'main.yml');
  writeFileSync(f, readFileSync(f, 'utf8') + `- name: Something ${role} needs\n  example.unknown.thing:\n    x: 1\n`);
}

describe('convert --role X, then check', () => {
  it('passes when only X changed: the project report is refreshed from the full conversion', () => {
    const { input, out } = converted();
    addTodoTask(input, 'svc001');
    const before = readFileSync(join(out, 'CONVERSION.md'), 'utf8');
    const r = runCli(['convert', input, '--out', out, '--role', 'svc001']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('left as they were');
    const report = readFileSync(join(out, 'CONVERSION.md'), 'utf8');
    expect(report).not.toBe(before);
    expect(report).toContain('example.unknown.thing');
    const check = runCli(['check', input, '--out', out]);
    expect(check.status, check.stderr).toBe(0);
    // And the manifest's project records match a full run's: a full convert then changes nothing.
    const full = runCli(['convert', input, '--out', out, '--json']);
    expect(JSON.parse(full.stdout).written, full.stderr).toBe(0);
  });

  it('leaves the project report when other roles changed too, and says so', () => {
    const { input, out } = converted();
    addTodoTask(input, 'svc001');
    addTodoTask(input, 'svc002');
    const before = readFileSync(join(out, 'CONVERSION.md'), 'utf8');
    expect(runCli(['diff', input, '--out', out, '--role', 'svc001', '--stat']).stderr).toContain(
      'note: CONVERSION.md, policyfiles/ and nodes/ are not part of this diff',
    );
    const r = runCli(['convert', input, '--out', out, '--role', 'svc001']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: CONVERSION.md, policyfiles/ and nodes/ left as they were');
    expect(r.stderr).toContain('(svc002)');
    expect(readFileSync(join(out, 'CONVERSION.md'), 'utf8')).toBe(before);
    // svc002 and the report are stale; a second partial run for svc002 completes the output.
    expect(runCli(['check', input, '--out', out]).status).toBe(1);
    const second = runCli(['convert', input, '--out', out, '--role', 'svc002']);
    expect(second.stderr).not.toContain('left as they were');
    const check = runCli(['check', input, '--out', out]);
    expect(check.status, check.stderr).toBe(0);
  });
});
