// One realistic task per module of mappings/modules.toml (and its interesting branches), converted
// as a single role through convert(); the printed recipe must be exactly the expected Ruby.
import { describe, expect, it } from 'vitest';
import { builtinModuleTable } from '../src/mapping/builtin.js';
import { convertRole, formatDiagnostic, recipeBody } from './helpers/convert-helpers.js';
import { HANDLER_RECIPE, KEYWORD_CASES, MODULE_CASES, type ModuleCase } from './helpers/module-cases.js';

async function check(c: ModuleCase): Promise<void> {
  const result = await convertRole(c.files);
  const loud = result.diagnostics.filter((d) => d.severity !== 'info');
  expect(loud.map((d) => d.code), loud.map(formatDiagnostic).join('\n')).toEqual(c.codes ?? []);
  expect(recipeBody(result, 'demo')).toBe(c.expected);
}

describe('module table coverage', () => {
  it('every module of mappings/modules.toml has at least one case', () => {
    const table = [...builtinModuleTable().modules.keys()].sort();
    const covered = Object.keys(MODULE_CASES).filter((m) => MODULE_CASES[m]!.length > 0).sort();
    expect(table.filter((m) => !covered.includes(m)), 'modules without a test case').toEqual([]);
    expect(covered.filter((m) => !table.includes(m)), 'cases for modules not in the table').toEqual([]);
  });
});

describe('modules', () => {
  for (const [module, cases] of Object.entries(MODULE_CASES)) {
    describe(module, () => {
      for (const c of cases) it(c.title, () => check(c));
    });
  }
});

describe('task keywords on a resource', () => {
  for (const c of KEYWORD_CASES) it(c.title, () => check(c));

  it('the notified handler is a resource with action :nothing', async () => {
    const c = KEYWORD_CASES.find((k) => k.title.startsWith('notify'))!;
    const result = await convertRole(c.files);
    expect(recipeBody(result, 'demo', 'handlers')).toBe(HANDLER_RECIPE);
  });
});

describe('ignored modules report why', () => {
  it('stat without register is an info diagnostic at the task', async () => {
    const result = await convertRole(MODULE_CASES['ansible.builtin.stat']!.find((c) => c.title.startsWith('stat without register'))!.files);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual(['tasks/main.yml:1:3: info A2C-IGNORED-NOOP stat without register has no effect']);
  });

  it('meta: flush_handlers is reported with its consequence', async () => {
    const result = await convertRole(MODULE_CASES['ansible.builtin.meta']![0]!.files);
    expect(result.diagnostics.map((d) => d.code)).toContain('A2C-META-FLUSH');
  });
});
