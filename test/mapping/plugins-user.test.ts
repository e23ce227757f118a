// User plugins: type-checked before anything converts, then loaded and used for their module.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { convertLikeCli } from '../helpers/golden.js';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const TASK = { 'tasks/main.yml': '- name: register\n  acme.cmdb.register:\n    host: web1\n    role: web\n' };

function pluginDir(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-plugin-'));
  mkdirSync(join(dir, 'plugins'));
  writeFileSync(join(dir, 'plugins', 'cmdb.ts'), source);
  return dir;
}

describe('user plugins', () => {
  it('reports a type error with its position and converts nothing', async () => {
    const bad = [
      "import type { ModulePlugin } from 'ansible2chef';",
      'const plugin: ModulePlugin = {',
      '  apiVersion: 1,',
      "  module: 'acme.cmdb.register',",
      "  description: 'x',",
      '  params: {},',
      '  translate(task, api) {',
      "    return { stmts: [api.resource('file', 'not-an-expr', [])] };",
      '  },',
      '};',
      'export default plugin;',
    ].join('\n');
    const dir = pluginDir(bad);
    const result = await convertRole(TASK, 'demo', { mappingDirs: [dir] });
    expect(result.files.size).toBe(0);
    const err = result.diagnostics.find((d) => d.code === 'A2C-PLUGIN-TYPE');
    expect(err?.severity).toBe('error');
    expect(err?.span).toEqual({ file: join(dir, 'plugins', 'cmdb.ts'), line: 8, col: 43 });
    expect(err?.message).toMatch(/TS2345/);
  });

  it('refuses a plugin that imports values (helpers come through the api)', async () => {
    const dir = pluginDir("import { convert } from 'ansible2chef';\nexport default { convert };\n");
    const result = await convertRole(TASK, 'demo', { mappingDirs: [dir] });
    expect(result.files.size).toBe(0);
    expect(result.diagnostics.map((d) => d.code)).toContain('A2C-PLUGIN-IMPORT');
  });

  // With its mapping directory the module converts: the golden case test/golden/plugin-user/.
  it('leaves the module of the golden case a TODO without its mapping directory', async () => {
    const plain = await convertLikeCli(join(here, 'golden/plugin-user/input'));
    expect(plain.diagnostics.map((d) => d.code)).toContain('A2C-TODO-MODULE');
    expect(outputText(plain, 'input/recipes/default.rb')).toContain(
      '# TODO(ansible2chef): A2C-TODO-MODULE module acme.cmdb.register is not in the mapping table',
    );
  });

  it('merges a user modules.toml over the built-in table and reports the override', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-map-'));
    writeFileSync(
      join(dir, 'modules.toml'),
      '[module."ansible.builtin.package"]\nresource = "package"\nname = "name"\n[module."ansible.builtin.package".params]\nname = { property = "package_name" }\n',
    );
    const result = await convertRole({ 'tasks/main.yml': '- package:\n    name: curl\n    state: present\n' }, 'demo', {
      mappingDirs: [dir],
    });
    const override = result.diagnostics.find((d) => d.code === 'A2C-MAPPING-OVERRIDE');
    expect(override?.message).toContain('mappings/modules.toml');
    expect(override?.span?.line).toBe(1);
    // The user entry has no `state`: the task is a TODO under the user's table.
    expect(result.diagnostics.map((d) => d.code)).toContain('A2C-TODO-PARAM');
  });
});
