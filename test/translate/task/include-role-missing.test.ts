// include_role / import_role: the k=v form names the role as the mapping form does, and a role the
// input does not hold is an error, as it is in a play's `roles:` or in meta dependencies.
import { describe, expect, it } from 'vitest';
import { convertProject, formatDiagnostic, recipeBody } from '../../helpers/convert-helpers.js';
import { NEEDS, todoNeed } from '../../../src/report/needs.js';

const OTHER = { 'roles/other/tasks/main.yml': '- debug: msg=other\n' };
const loud = (r: Awaited<ReturnType<typeof convertProject>>) => r.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic);

describe('include_role and import_role', () => {
  it.each(['include_role', 'import_role', 'ansible.builtin.include_role'])(
    '%s: name=other (k=v) includes that role like the mapping form',
    async (mod) => {
      const kv = await convertProject({ 'roles/r/tasks/main.yml': `- ${mod}: name=other\n`, ...OTHER });
      const map = await convertProject({ 'roles/r/tasks/main.yml': `- ${mod}:\n    name: other\n`, ...OTHER });
      expect(loud(kv)).toEqual([]);
      expect(recipeBody(kv, 'r')).toBe("# roles/r/tasks/main.yml:1\ninclude_recipe 'other::default'");
      expect(recipeBody(kv, 'r')).toBe(recipeBody(map, 'r'));
    },
  );

  it('k=v tasks_from picks that recipe', async () => {
    const r = await convertProject({
      'roles/r/tasks/main.yml': '- import_role: name=other tasks_from=extra.yml\n',
      'roles/other/tasks/extra.yml': '- debug: msg=x\n',
      ...OTHER,
    });
    expect(recipeBody(r, 'r')).toBe("# roles/r/tasks/main.yml:1\ninclude_recipe 'other::extra'");
  });

  it('free-form text without name= is a TODO that says so', async () => {
    const r = await convertProject({ 'roles/r/tasks/main.yml': '- include_role: other\n', ...OTHER });
    expect(loud(r)).toEqual(['roles/r/tasks/main.yml:1:17: warning A2C-TODO-INCLUDE include_role takes name=<role>, not free-form text']);
  });

  it.each([
    ['include_role (mapping)', '- include_role:\n    name: nope\n', 'roles/r/tasks/main.yml:2:11'],
    ['import_role (mapping)', '- import_role:\n    name: nope\n', 'roles/r/tasks/main.yml:2:11'],
    ['include_role (k=v)', '- include_role: name=nope\n', 'roles/r/tasks/main.yml:1:17'],
  ])('a missing role through %s is an error, a TODO, and no dependency', async (_t, task, at) => {
    const r = await convertProject({ 'roles/r/tasks/main.yml': task, ...OTHER });
    expect(loud(r)).toEqual([`${at}: error A2C-MISSING-ROLE role nope not found in the input`]);
    expect(recipeBody(r, 'r')).toMatch(/^# TODO\(ansible2chef\): A2C-MISSING-ROLE role nope not found in the input\n/);
    expect(r.cookbooks.find((c) => c.name === 'r')!.depends).not.toContain('nope');
  });

  it('the same missing role is an error in roles:, meta dependencies and include_role alike', async () => {
    const r = await convertProject({
      'site.yml': '- hosts: all\n  roles: [r, nope]\n',
      'roles/r/meta/main.yml': 'dependencies: [nope]\n',
      'roles/r/tasks/main.yml': '- include_role: name=nope\n',
    });
    const missing = r.diagnostics.filter((d) => d.code === 'A2C-MISSING-ROLE');
    expect(missing.map((d) => d.severity)).toEqual(['error', 'error', 'error']);
  });

  it('a TODO for a missing role counts as needing that role, not as work left in the converter', async () => {
    const r = await convertProject({ 'roles/r/tasks/main.yml': '- include_role: name=nope\n', ...OTHER });
    expect(r.tasks.filter((t) => t.outcome === 'todo').map((t) => t.code)).toEqual(['A2C-MISSING-ROLE']);
    expect(todoNeed('A2C-MISSING-ROLE')).toBe(NEEDS['missing-role']);
    expect(r.stats.todoByNeed[NEEDS['missing-role']]).toBe(1);
    expect(r.stats.todoByNeed[NEEDS['work-left']]).toBe(0);
  });
  it('a templated name no role of the input can take is a missing role, not a converter gap', async () => {
    const r = await convertProject({
      'roles/r/tasks/main.yml': '- include_role:\n    name: "osa.{{ tech | default(\'lxc\') }}_setup"\n',
      ...OTHER,
    });
    expect(loud(r)).toEqual([
      "roles/r/tasks/main.yml:2:11: error A2C-MISSING-ROLE include_role name 'osa.{{ tech | default('lxc') }}_setup' names no role of the input, whatever it evaluates to",
    ]);
    expect(r.stats.todoByNeed[NEEDS['missing-role']]).toBe(1);
  });

  it('a templated name some role of the input fits stays a TODO of the include', async () => {
    const r = await convertProject({ 'roles/r/tasks/main.yml': '- include_role:\n    name: "ot{{ x }}"\n', ...OTHER });
    expect(loud(r)).toEqual(['roles/r/tasks/main.yml:2:11: warning A2C-TODO-INCLUDE-ROLE include_role needs a static role name']);
  });

  it.each([
    ['defaults_from', '    defaults_from: other.yml\n', "include_role argument 'defaults_from' is not converted"],
    ['a templated tasks_from', '    tasks_from: "{{ f }}"\n', 'tasks_from must be static'],
    ['a loop', '  loop: "{{ mounts }}"\n', 'include_role in a loop: include_recipe runs a recipe once per Chef run'],
  ])('a missing role with %s: the missing role first, then what the include would still need', async (_t, extra, still) => {
    // Arguments sit under include_role:, keywords beside it; either follows the name line.
    const task = (role: string) => `- include_role:\n    name: ${role}\n${extra}`;
    const missing = await convertProject({ 'roles/r/tasks/main.yml': task('nope'), ...OTHER });
    expect(loud(missing)).toEqual([
      `roles/r/tasks/main.yml:2:11: error A2C-MISSING-ROLE role nope not found in the input; with the role, this include would still need: ${still}`,
    ]);
    const present = await convertProject({ 'roles/r/tasks/main.yml': task('other'), ...OTHER });
    expect(present.tasks.filter((t) => t.outcome === 'todo').map((t) => [t.code, t.reason])).toEqual([['A2C-TODO-INCLUDE-ROLE', still]]);
  });
});
