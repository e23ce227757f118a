// One realistic task per module of mappings/modules.toml (and its interesting branches), converted
// as a single role through convert(); the printed recipe must be exactly the expected Ruby and the
// warnings and errors exactly the expected codes. The cases are files under test/module-cases/ (see
// test/helpers/module-cases.ts); `UPDATE_GOLDEN=1 npx vitest run test/mapping/modules.test.ts` rewrites their
// expected .rb files (review the diff by eye); without it a missing expected file fails.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinModuleTable } from '../../src/mapping/builtin.js';
import { convertRole, formatDiagnostic, recipeBody } from '../helpers/convert-helpers.js';
import {
  KEYWORD_CASES,
  MODULE_CASES,
  MODULE_CASES_DIR,
  moduleCase,
  type ModuleCase,
  parseExpected,
  parseHandlers,
  writeExpected,
  writeHandlers,
} from '../helpers/module-cases.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const missing = (file: string) => `${file} is missing; run UPDATE_GOLDEN=1 npx vitest run test/mapping/modules.test.ts and review it`;

async function check(c: ModuleCase): Promise<void> {
  const result = await convertRole(c.files);
  const loud = result.diagnostics.filter((d) => d.severity !== 'info');
  const codes = loud.map((d) => d.code);
  const body = recipeBody(result, 'demo');
  if (UPDATE) writeExpected(c.expectedFile, c.title, codes, body);
  expect(existsSync(c.expectedFile), missing(c.expectedFile)).toBe(true);
  const expected = parseExpected(readFileSync(c.expectedFile, 'utf8'), c.expectedFile);
  expect(codes, loud.map(formatDiagnostic).join('\n')).toEqual(expected.codes);
  expect(body).toBe(expected.body);
  if (c.handlersFile) {
    const handlers = recipeBody(result, 'demo', 'handlers');
    if (UPDATE) writeHandlers(c, handlers);
    expect(existsSync(c.handlersFile), missing(c.handlersFile)).toBe(true);
    expect(handlers).toBe(parseHandlers(readFileSync(c.handlersFile, 'utf8'), c.handlersFile));
  }
}

describe('module table coverage', () => {
  it('every module of mappings/modules.toml has at least one case', () => {
    const table = [...builtinModuleTable().modules.keys()].sort();
    const covered = Object.keys(MODULE_CASES)
      .filter((m) => MODULE_CASES[m]!.length > 0)
      .sort();
    expect(
      table.filter((m) => !covered.includes(m)),
      'modules without a test case',
    ).toEqual([]);
    expect(
      covered.filter((m) => !table.includes(m)),
      `folders of ${MODULE_CASES_DIR} named after no module`,
    ).toEqual([]);
  });

  it('every file of a case folder belongs to a case', () => {
    // A leftover expectation (a case renamed, handlers dropped) would never be read.
    const owned = new Map<string, string[]>();
    for (const c of [...Object.values(MODULE_CASES).flat(), ...KEYWORD_CASES]) {
      const own = [
        `${c.name}.yml`,
        `${c.name}.rb`,
        ...(c.handlersFile ? [`${c.name}.handlers.rb`] : []),
        ...(Object.keys(c.files).length > 1 ? [`${c.name}.files`] : []),
      ];
      owned.set(c.group, [...(owned.get(c.group) ?? []), ...own]);
    }
    for (const group of readdirSync(MODULE_CASES_DIR)) {
      expect(
        readdirSync(join(MODULE_CASES_DIR, group)).filter((f) => !owned.get(group)?.includes(f)),
        group,
      ).toEqual([]);
    }
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
  // A case with handlers also checks the handlers recipe (<case>.handlers.rb): a notified handler
  // is a resource with action :nothing.
  for (const c of KEYWORD_CASES) it(c.title, () => check(c));
});

describe('ignored modules report why', () => {
  it('stat without register is an info diagnostic at the task', async () => {
    const result = await convertRole(moduleCase('ansible.builtin.stat', 'stat-without-register-has-no-effect-ignored-with-a').files);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'tasks/main.yml:1:3: info A2C-IGNORED-NOOP stat without register has no effect',
    ]);
  });

  it('meta: flush_handlers is reported with its consequence', async () => {
    const result = await convertRole(moduleCase('ansible.builtin.meta', 'flush-handlers-is-reported-nothing-printed').files);
    expect(result.diagnostics.map((d) => d.code)).toContain('A2C-META-FLUSH');
  });
});
