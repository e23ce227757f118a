// A cookbook's libraries/input_contracts.rb (translate/input-checks.ts, print/print-contracts.ts): the
// table of the outside variables its reads rely on, in a module named for the cookbook, which a recipe
// hands to A2C::Inputs.check! in one line. The converted golden case input-contracts is the fixture:
// the library parses with Prism and passes RuboCop with the Cookstyle-like configuration, and real Ruby
// running the recipe's line over the library and the support cookbook's check accepts values of the
// types and fails the run on any other, naming the variable, the type and where the type comes from.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cookbook } from '../../src/ir/chef-ir.js';
import { checkRuby } from '../../src/print/prism.js';
import { moduleNames } from '../../src/translate/input-checks.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { convertLikeCli } from '../helpers/golden.js';
import { hasTool } from '../helpers/real-tools.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { CHECK_TAIL, checkOf } from '../helpers/input-check.js';

const INPUT = resolve(REPO_ROOT, 'test/golden/input-contracts/input');
const CONFIG = resolve(REPO_ROOT, 'test/rubocop/cookstyle.yml');

const tmp = mkdtempSync(join(tmpdir(), 'a2c-contracts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('libraries/input_contracts.rb', () => {
  it('is a frozen table in a module named for the cookbook, and the recipe names it in one line', async () => {
    const r = await convertLikeCli(INPUT);
    const library = outputText(r, 'web/libraries/input_contracts.rb');
    expect(await checkRuby(library, 'input_contracts.rb')).toEqual({ ok: true });
    expect(library).toMatch(/^module WebCookbook\n {2}INPUT_CONTRACTS = \{\n[\s\S]*\n {2}\}\.freeze\nend\n$/m);
    expect(library).toContain(
      [
        "    'listen_port' => {",
        '      type: :str_or_int,',
        "      from: 'inferred from its use at roles/web/defaults/main.yml:3',",
        '    },',
      ].join('\n'),
    );
    const recipe = outputText(r, 'web/recipes/default.rb');
    expect(recipe.match(/A2C::Inputs/g)).toHaveLength(1);
    expect(recipe).toContain("\nA2C::Inputs.check!(node, 'ansible', WebCookbook::INPUT_CONTRACTS)\n");
    // No table left in the recipe.
    expect(recipe).not.toContain('str_or_int');
  });

  it('is checked by every recipe whose run depends on a contracted value, each of which a run list may name alone', async () => {
    const r = await convertLikeCli(INPUT);
    const checks = (recipe: string) => outputText(r, `web/recipes/${recipe}.rb`).includes('A2C::Inputs.check!(');
    // announce prints web_url, an attribute computed from public_name and web_port (from listen_port).
    expect(checks('announce')).toBe(true);
    // install reads web_user only, which no outside value reaches.
    expect(checks('install')).toBe(false);
    // configure renders site.conf.erb, which prints backend_host.
    expect(checks('configure')).toBe(true);
    expect(checks('default')).toBe(true);
  });

  it.skipIf(!hasTool('rubocop'))('passes RuboCop with the Cookstyle-like configuration', async () => {
    const r = await convertLikeCli(INPUT);
    const files = ['web/libraries/input_contracts.rb', 'web/recipes/default.rb'].map((p) => {
      const f = join(tmp, p);
      mkdirSync(dirname(f), { recursive: true });
      writeFileSync(f, outputText(r, p));
      return f;
    });
    const run = spawnSync('rubocop', ['--config', CONFIG, '--format', 'emacs', '--cache', 'false', ...files], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('');
    expect(run.status).toBe(0);
  });

  it.skipIf(!hasTool('ruby'))('fails the run on a value of another type, naming the variable, the type and its source', async () => {
    const r = await convertLikeCli(INPUT);
    const check = checkOf(r, 'web');
    const run = (values: Record<string, unknown>) => check({ ansible: values });
    expect(run({})).toBe('ok');
    expect(run({ listen_port: 8080, backend_host: 'db1', public_name: 'www.example.org' })).toBe('ok');
    expect(run({ listen_port: '8080', backend_host: '' })).toBe('ok');
    expect(run({ listen_port: [8080] })).toBe(
      `'listen_port' (node['ansible']['listen_port']) is a list, not str|int (inferred from its use at roles/web/defaults/main.yml:3)${CHECK_TAIL}`,
    );
    expect(run({ backend_host: true, public_name: '{x' })).toBe(
      [
        "'backend_host' (node['ansible']['backend_host']) is a boolean, not str|int (inferred from its use at roles/web/templates/site.conf.j2:2)",
        "'public_name' (node['ansible']['public_name']) is text Ansible reads back as a list, dict or boolean, not str|int (inferred from its use at roles/web/defaults/main.yml:4)",
      ].join('; ') + CHECK_TAIL,
    );
  });

  it('is checked by a recipe a play includes alone (include_role tasks_from), which the default recipe never runs before', async () => {
    const r = await convertProject({
      'site.yml': '- hosts: all\n  tasks:\n    - include_role:\n        name: lib\n        tasks_from: extra\n',
      'roles/lib/tasks/extra.yml': '- name: say\n  debug:\n    msg: "at {{ far_host }}"\n',
    });
    const play = [...r.files.keys()].find((p) => /^site_playbook\/recipes\/.*\.rb$/.test(p))!;
    expect(outputText(r, play)).toContain("include_recipe 'lib::extra'");
    expect(outputText(r, play)).not.toContain("'lib::default'");
    expect(outputText(r, 'lib/recipes/extra.rb')).toContain("\nA2C::Inputs.check!(node, 'ansible', LibCookbook::INPUT_CONTRACTS)\n");
    expect(outputText(r, 'lib/libraries/input_contracts.rb')).toContain("'far_host' => {");
  });

  it('names each module for its cookbook, clear of Ruby classes and of each other', () => {
    const cbs = ['web', 'os_glance', 'file', 'a_b', 'a-b', '9lives'].map((name) => ({ name }) as Cookbook);
    expect(Object.fromEntries(moduleNames(cbs))).toEqual({
      web: 'WebCookbook',
      os_glance: 'OsGlanceCookbook',
      file: 'FileCookbook',
      'a-b': 'ABCookbook',
      a_b: 'ABCookbook2',
      '9lives': 'Cookbook9livesCookbook',
    });
  });
});
