// A cookbook that reads another role's registered result (cross-role-register.ts) is converted from
// that role's translation: it depends on it, so its input hash covers that role, and a change to the
// registering role alone re-renders the reader instead of skipping it as unchanged.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTempDirs, runCli, tempDir, writeTree } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

const REGISTER = '- name: selinux state\n  command: getenforce\n  register: sestatus\n  changed_when: false\n';
const READ = "only_if { A2C::Tasks.registered(node.run_state, 'sestatus')['rc'] != 0 }";

function converted(): { input: string; out: string } {
  const dir = tempDir();
  const input = join(dir, 'in');
  const out = join(dir, 'out');
  writeTree(input, {
    'site.yml': '- hosts: web\n  roles: [common, web]\n',
    hosts: '[web]\nweb1\n',
    'roles/common/tasks/main.yml': REGISTER,
    'roles/web/tasks/main.yml': '- file: {path: /tmp/a, state: touch}\n  when: sestatus.rc != 0\n',
  });
  const r = runCli(['convert', input, '--out', out, '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  expect(readFileSync(join(out, 'web/recipes/default.rb'), 'utf8')).toContain(READ);
  return { input, out };
}

describe('a reader of another role’s registered result, converted again', () => {
  it.each([
    ['a whole run', [] as string[]],
    ['a --role run of the reader', ['--role', 'web']],
  ])('is re-rendered by %s when only the registering role changed', (_what, args) => {
    const { input, out } = converted();
    // The registering task becomes a TODO: the reader can no longer read its result.
    writeFileSync(join(input, 'roles/common/tasks/main.yml'), REGISTER.replace('command: getenforce', 'frobnicate: {x: 1}'));
    const r = runCli(['convert', input, '--out', out, '--json', ...args]);
    expect(JSON.parse(r.stdout).rendered).toContain('web');
    const web = readFileSync(join(out, 'web/recipes/default.rb'), 'utf8');
    expect(web).not.toContain(READ);
    expect(web).toContain("'sestatus' is registered only by tasks of other roles or plays");
  });
});
