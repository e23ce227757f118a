// Paths from the input never reach outside it, and names from the input never write outside the output.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join as inputJoin, insideRoot } from '../../../src/load/ansible/input.js';
import { readInput } from '../../../src/cli/read-input.js';
import { isSafeOutputPath } from '../../../src/workspace/write.js';
import { formatDiagnostic } from '../../../src/base/diagnostics.js';
import { convertProject, convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { buildCli, runCli } from '../../helpers/golden.js';
import { expectSafePaths } from './robustness-helpers.js';

const SECRET = 'SHADOW_CANARY_7f3a';

describe('input paths', () => {
  it('join keeps absolute and climbing paths recognisable, so insideRoot rejects them', () => {
    expect(inputJoin('roles/a/templates', '/etc/shadow')).toBe('/etc/shadow');
    expect(inputJoin('/etc/shadow')).toBe('/etc/shadow');
    expect(inputJoin('roles', '../../etc')).toBe('../etc');
    expect(inputJoin('/a', '../../b')).toBe('/b');
    for (const p of ['/etc/shadow', '../etc', '..']) expect(insideRoot(p), p).toBe(false);
    expect(insideRoot(inputJoin('roles', 'a/../b'))).toBe(true);
  });

  // The tree holds decoys at the paths a careless join would reach (`/etc/shadow` -> `etc/shadow`).
  const decoys = {
    'etc/shadow': SECRET,
    'templates/etc/shadow': SECRET,
    'files/etc/shadow': SECRET,
    'tasks/etc/x.yml': `- debug: msg=${SECRET}\n`,
    'vars/etc/x.yml': `x: ${SECRET}\n`,
  };
  it.each([
    [
      'template src climbing out',
      '- template: src=../../etc/shadow dest=/x\n',
      'tasks/main.yml:1:13: warning A2C-PATH-ESCAPE template ../../etc/shadow is outside the input; not read',
    ],
    [
      'absolute template src',
      '- template: src=/etc/shadow dest=/x\n',
      'tasks/main.yml:1:13: warning A2C-PATH-ESCAPE template /etc/shadow is outside the input; not read',
    ],
    [
      'absolute copy src',
      '- copy: src=/etc/shadow dest=/x\n',
      'tasks/main.yml:1:9: warning A2C-PATH-ESCAPE file /etc/shadow is outside the input; not read',
    ],
    [
      'absolute include_tasks',
      '- include_tasks: /etc/x.yml\n',
      'tasks/main.yml:1:18: warning A2C-PATH-ESCAPE task file /etc/x.yml is outside the input; not read',
    ],
    [
      'absolute inlined include_tasks',
      '- include_tasks: /etc/x.yml\n  vars: {a: 1}\n',
      'tasks/main.yml:1:18: error A2C-MISSING-FILE included task file /etc/x.yml not found',
    ],
    [
      'include_vars climbing out',
      '- include_vars: ../../etc/x.yml\n',
      'tasks/main.yml:1:17: warning A2C-PATH-ESCAPE vars file ../../etc/x.yml is outside the input; not read',
    ],
    [
      'absolute include_vars',
      '- include_vars: /etc/x.yml\n',
      'tasks/main.yml:1:17: warning A2C-PATH-ESCAPE vars file /etc/x.yml is outside the input; not read',
    ],
  ])('%s is not read and says so', async (_name, task, expected) => {
    const result = await convertRole({ 'tasks/main.yml': task, ...decoys });
    expect(result.diagnostics.map(formatDiagnostic)).toContain(expected);
    // The decoys convert in their own right; the task must not have reached them.
    expect(recipeBody(result, 'demo')).not.toContain(SECRET);
    expect(recipeBody(result, 'demo')).not.toMatch(/include_recipe|cookbook_file|template '/);
    expect(result.diagnostics.filter((d) => d.span?.file === 'tasks/main.yml').map((d) => d.code)).not.toContain('A2C-INTERNAL-LOST-TASK');
  });

  it.each([
    ['climbing', '../../etc', 'site.yml:3:7: warning A2C-PATH-ESCAPE role ../../etc is outside the input; not read'],
    ['absolute', '/etc/app', 'site.yml:3:7: warning A2C-PATH-ESCAPE role /etc/app is outside the input; not read'],
  ])('a %s role path is not read', async (_name, role, expected) => {
    const result = await convertProject({
      'site.yml': `- hosts: all\n  roles:\n    - ${role}\n`,
      'roles/etc/app/tasks/main.yml': `- debug: msg=${SECRET}\n`,
      'etc/app/tasks/main.yml': `- debug: msg=${SECRET}\n`,
    });
    expect(result.diagnostics.map(formatDiagnostic)).toContain(expected);
    expect(result.diagnostics.some((d) => d.severity === 'error' && d.code === 'A2C-MISSING-ROLE')).toBe(true);
  });
});

describe('output paths', () => {
  it.each(['../../evil', '/abs', 'a\u0000b', 'line\nbreak', '..', 'x\\..\\y'])(
    'host %j never names a file outside nodes/',
    async (host) => {
      const inventory = `all:\n  hosts:\n    ${JSON.stringify(host)}:\n      port: 1\n    good.example.com: {}\n`;
      const result = await convertProject({ 'site.yml': '- hosts: all\n  tasks:\n    - debug: msg=x\n', 'inventory.yml': inventory });
      expectSafePaths(result);
      expect(result.files.has('nodes/good.example.com.json')).toBe(true);
      for (const p of result.files.keys()) expect(isSafeOutputPath(p), p).toBe(true);
    },
  );

  it('an unsafe host name is an error at the host', async () => {
    const result = await convertProject({ 'site.yml': '- hosts: all\n  tasks:\n    - debug: msg=x\n', hosts: '[web]\n../../evil\n' });
    expect(result.diagnostics.map(formatDiagnostic)).toContain(
      'hosts:2:1: error A2C-UNSAFE-PATH output path "nodes/../../evil.json" would leave the output directory or hold a control character; not written',
    );
  });

  it.each(['a;rm -rf ~', '$(touch pwned)', '`id`', 'x y', '-rf', 'a|b', "o'brien"])(
    'role %j becomes a plain cookbook name',
    async (name) => {
      const result = await convertProject({
        'site.yml': `- hosts: all\n  roles:\n    - ${JSON.stringify(name)}\n`,
        [`roles/${name}/tasks/main.yml`]: '- debug: msg=x\n',
        [`roles/${name}/templates/${name}.j2`]: 'x\n',
        [`roles/${name}/files/${name}`]: 'x\n',
      });
      expectSafePaths(result);
      for (const cb of result.cookbooks) expect(cb.name).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/);
    },
  );

  it('the writer refuses every unsafe relative path', () => {
    for (const p of ['../x', 'a/../../x', '/etc/x', 'a//b', './a', 'a\u0000b', 'a\\b', 'a\nb', ''])
      expect(isSafeOutputPath(p), JSON.stringify(p)).toBe(false);
    for (const p of ['a/b.rb', 'nodes/[::1].json', 'x/$(y)', 'a..b']) expect(isSafeOutputPath(p), p).toBe(true);
  });
});

describe('the CLI', () => {
  // A private build: never the shared dist/, which other test files and developers' builds rewrite.
  let cli: ReturnType<typeof buildCli>;
  let tmp: string;
  beforeAll(() => {
    cli = buildCli();
    tmp = mkdtempSync(join(tmpdir(), 'a2c-paths-'));
  });
  afterAll(() => {
    cli?.cleanup();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('does not follow symlinks out of the input root, and says so', () => {
    const outside = join(tmp, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'secret.j2'), SECRET);
    const root = join(tmp, 'role');
    mkdirSync(join(root, 'tasks'), { recursive: true });
    mkdirSync(join(root, 'templates'), { recursive: true });
    writeFileSync(join(root, 'tasks/main.yml'), '- template: src=secret.j2 dest=/x\n');
    symlinkSync(join(outside, 'secret.j2'), join(root, 'templates/secret.j2'));
    symlinkSync(outside, join(root, 'files'));
    const read = readInput(root);
    expect([...read.tree.files.keys()]).toEqual(['tasks/main.yml']);
    expect(read.warnings).toEqual([
      expect.stringContaining('files: symlink points outside the input'),
      expect.stringContaining('templates/secret.j2: symlink points outside the input'),
    ]);
    const out = join(tmp, 'out');
    const r = runCli(cli.main, ['convert', root, '--out', out]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('symlink points outside the input');
    const written = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? written(join(d, e.name)) : [join(d, e.name)]));
    // The role converts without the file it could not read: its template task stays a TODO.
    expect(
      written(out)
        .map((f) => relative(out, f))
        .filter((f) => f.startsWith('role/'))
        .sort(),
    ).toEqual(['role/README.md', 'role/metadata.rb', 'role/recipes/default.rb']);
    expect(readFileSync(join(out, 'role/recipes/default.rb'), 'utf8')).toContain(
      '# TODO(ansible2chef): A2C-MISSING-FILE template secret.j2 not found (looked in templates/secret.j2, secret.j2)\n',
    );
    for (const f of written(out)) expect(readFileSync(f, 'utf8'), f).not.toContain(SECRET);
    expect(readdirSync(tmp).sort()).toEqual(['out', 'outside', 'role']);
  });

  it('a host named ../../evil writes nothing outside the output and exits 1', () => {
    const root = join(tmp, 'proj');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'site.yml'), '- hosts: all\n  tasks:\n    - debug: msg=x\n');
    writeFileSync(join(root, 'hosts'), '[web]\n../../evil\n../evil2\nok\n');
    const out = join(tmp, 'o1', 'o2');
    const r = runCli(cli.main, ['convert', root, '--out', out]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('A2C-UNSAFE-PATH');
    expect(existsSync(join(out, 'nodes/ok.json'))).toBe(true);
    expect(existsSync(join(tmp, 'evil.json'))).toBe(false);
    expect(existsSync(join(tmp, 'o1', 'evil2.json'))).toBe(false);
  });
});
