// An input whose root holds no playbook and no role (a repository with its Ansible in `ansible/`,
// several playbook folders side by side) used to convert 0 tasks with exit 0 and no word; `plan`
// called that a native share of 100%. Now both say there is nothing to convert and name the project
// folders below. And `plan` on a single role counts its tasks under the role, not `(project)`.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePlan } from '../../src/plan/compute.js';
import { convertProject, convertRole } from '../helpers/convert-helpers.js';
import { ensureBuilt, removeTempDirs, runCli, tempDir, writeTree } from '../helpers/workflow.js';

const SEVERAL_PROJECTS = {
  'ansible/site.yml': '- hosts: all\n  roles: [web]\n',
  'ansible/roles/web/tasks/main.yml': '- ansible.builtin.debug: msg=web\n',
  'deploy/playbooks/app.yml': '- hosts: all\n  tasks:\n    - ansible.builtin.debug: msg=app\n',
  'ops/roles/db/tasks/main.yml': '- ansible.builtin.debug: msg=db\n',
  'docs/readme.md': 'not a project\n',
  'docs/example.yml': '- not: [a playbook\n',
};

describe('an input with nothing to convert at its root', () => {
  it('is an error naming the project folders below (library)', async () => {
    const result = await convertProject(SEVERAL_PROJECTS);
    const d = result.diagnostics.filter((x) => x.code === 'A2C-NOTHING-TO-CONVERT');
    expect(d.map((x) => x.severity)).toEqual(['error']);
    expect(d[0]!.message).toContain('project folders below it: ansible/, deploy/, ops/.');
    // The broken YAML under docs/ is not part of any conversion: scanning it reports nothing.
    expect(result.diagnostics.filter((x) => x.code.startsWith('A2C-YAML'))).toEqual([]);
  });

  it('is a warning when an inventory still converts', async () => {
    const result = await convertProject({ ...SEVERAL_PROJECTS, 'inventory.ini': 'web1 ansible_host=10.0.0.1\n' });
    expect(result.diagnostics.filter((x) => x.code === 'A2C-NOTHING-TO-CONVERT').map((x) => x.severity)).toEqual(['warning']);
  });

  it('is not reported when the root holds a project', async () => {
    const result = await convertProject({ 'site.yml': '- hosts: all\n  tasks:\n    - ansible.builtin.debug: msg=x\n' });
    expect(result.diagnostics.filter((x) => x.code === 'A2C-NOTHING-TO-CONVERT')).toEqual([]);
  });
});

describe('the CLI on an input with nothing to convert', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = tempDir('a2c-nothing-');
    writeTree(join(dir, 'in'), SEVERAL_PROJECTS);
  });
  afterAll(() => removeTempDirs());

  it('convert exits non-zero and says which folders to convert', () => {
    const r = runCli(['convert', join(dir, 'in'), '-o', join(dir, 'out'), '-q']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error A2C-NOTHING-TO-CONVERT');
    expect(r.stderr).toContain('ansible/, deploy/, ops/');
  });

  it('plan exits non-zero and shows no native share for no tasks', () => {
    const r = runCli(['plan', join(dir, 'in')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('A2C-NOTHING-TO-CONVERT');
    expect(r.stdout).toMatch(/^total\s+0\s+—\s/m);
    expect(r.stdout).not.toContain('100%');
  });
});

describe('plan on a single role', () => {
  it('counts the tasks under the role, not (project)', async () => {
    const result = await convertRole({ 'tasks/main.yml': '- ansible.builtin.debug: msg=a\n- ansible.builtin.unknown_thing: x=1\n' }, 'web');
    const plan = computePlan(result);
    expect(plan.roles.map((r) => [r.cookbook, r.tasks, r.native])).toEqual([['web', 2, 1]]);
  });
});
