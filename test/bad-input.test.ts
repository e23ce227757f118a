// Bad input gives a clear diagnostic at file:line:col and the rest still converts; the CLI turns
// that into exit codes (0 clean, 1 errors in the input, 2 usage) and still writes what converted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversionResult } from '../src/convert.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { convertProject, convertRole, formatDiagnostic, outputText, recipeBody, type TextTree } from './helpers/convert-helpers.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const GOOD_ROLE = { 'roles/good/tasks/main.yml': '- name: Install chrony\n  package:\n    name: chrony\n' };
const GOOD_RECIPE = "# roles/good/tasks/main.yml:1 Install chrony\npackage 'chrony'";
const site = (...roles: string[]) => `- hosts: all\n  roles:\n${roles.map((r) => `    - ${r}\n`).join('')}`;

function only(result: ConversionResult, severity: Diagnostic['severity']): string[] {
  return result.diagnostics.filter((d) => d.severity === severity).map(formatDiagnostic);
}

/** The input line a diagnostic points at must exist, and its column must lie on that line. */
function expectRealPosition(files: TextTree, d: Diagnostic): void {
  expect(d.span, formatDiagnostic(d)).toBeDefined();
  const text = files[d.span!.file];
  expect(typeof text, `${d.span!.file} is an input file`).toBe('string');
  const lines = (text as string).split('\n');
  expect(d.span!.line, formatDiagnostic(d)).toBeLessThanOrEqual(lines.length);
  expect(d.span!.col, formatDiagnostic(d)).toBeLessThanOrEqual(lines[d.span!.line - 1]!.length + 1);
}

describe('malformed YAML in one role', () => {
  const files = {
    'site.yml': site('good', 'broken'),
    ...GOOD_ROLE,
    'roles/broken/tasks/main.yml': '- name: Install a\n  package: name=a\n - name: misindented\n',
  };

  it('reports the syntax error where PyYAML does, and the other role still converts', async () => {
    const result = await convertProject(files);
    // PyYAML: "expected <block end>, but found '<block sequence start>'" at line 3, column 2.
    expect(only(result, 'error')).toEqual(['roles/broken/tasks/main.yml:3:2: error A2C-YAML-SYNTAX YAML syntax error: bad indentation of a sequence entry']);
    expect(result.cookbooks.map((c) => c.name)).toContain('good');
    expect(recipeBody(result, 'good')).toBe(GOOD_RECIPE);
  });

  it('points at a real position for errors found at the end of the stream', async () => {
    for (const text of ['- name: a\n  package:\n    name: [x\n', '- name: "a\n  x: 1\n', '- name: a\n  package: {name: x\n- name: b\n']) {
      const input = { 'tasks/main.yml': text };
      const result = await convertRole(input);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.code)).toEqual(['A2C-YAML-SYNTAX']);
      expectRealPosition(input, errors[0]!);
    }
  });
});

describe('bad tasks', () => {
  it('a task with two modules is an error at the second module; the next task converts', async () => {
    const result = await convertRole({ 'tasks/main.yml': '- name: Two things\n  package: name=x\n  service: name=y\n- name: Install z\n  package: name=z\n' });
    expect(only(result, 'error')).toEqual(['tasks/main.yml:3:3: error A2C-TASK-MULTI-MODULE task names more than one module or unknown keyword: package, service']);
    // Nothing is lost: the rejected task stays in the recipe as a TODO holding its text.
    expect(recipeBody(result, 'demo')).toBe(
      [
        '# TODO(ansible2chef): A2C-TASK-MULTI-MODULE task names more than one module or unknown keyword: package, service',
        '# tasks/main.yml:1 Two things',
        '#   - name: Two things',
        '#     package: name=x',
        '#     service: name=y',
        '',
        "# tasks/main.yml:4 Install z\npackage 'z'",
      ].join('\n'),
    );
  });

  it('a missing template is an error naming where it looked; the task stays as a TODO', async () => {
    const task = '- name: Write app.conf\n  template:\n    src: app.conf.j2\n    dest: /etc/app.conf\n';
    const result = await convertRole({ 'tasks/main.yml': task + '- name: Install app\n  package: name=app\n' });
    expect(only(result, 'error')).toEqual(['tasks/main.yml:3:10: error A2C-MISSING-FILE template app.conf.j2 not found (looked in templates/app.conf.j2, app.conf.j2)']);
    expect(recipeBody(result, 'demo')).toBe(
      [
        '# TODO(ansible2chef): A2C-MISSING-FILE template app.conf.j2 not found (looked in templates/app.conf.j2, app.conf.j2)',
        '# tasks/main.yml:1 Write app.conf',
        ...task.trimEnd().split('\n').map((l) => `#   ${l}`),
        '',
        '# tasks/main.yml:5 Install app',
        "package 'app'",
      ].join('\n'),
    );
  });

  it('a missing file is reported once, not as an error and again as a TODO warning', async () => {
    const result = await convertRole({ 'tasks/main.yml': '- name: Write app.conf\n  template:\n    src: app.conf.j2\n    dest: /etc/app.conf\n' });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual(['tasks/main.yml:3:10: error A2C-MISSING-FILE template app.conf.j2 not found (looked in templates/app.conf.j2, app.conf.j2)']);
  });

  it('a play naming a role that does not exist is an error at the reference; the other roles convert', async () => {
    const result = await convertProject({ 'site.yml': site('good', 'ghost'), ...GOOD_ROLE });
    expect(only(result, 'error')).toEqual(['site.yml:4:7: error A2C-MISSING-ROLE role ghost not found (looked in roles)']);
    expect(result.cookbooks.map((c) => c.name)).toEqual(['good']);
    expect(recipeBody(result, 'good')).toBe(GOOD_RECIPE);
  });

  it('an unknown module is a warning and a TODO block holding the original task', async () => {
    const task = '- name: Frobnicate\n  acme.widgets.frobnicate:\n    level: 3\n    # keep this comment\n';
    const result = await convertRole({ 'tasks/main.yml': task });
    expect(only(result, 'error')).toEqual([]);
    expect(only(result, 'warning')).toEqual(['tasks/main.yml:1:3: warning A2C-TODO-MODULE module acme.widgets.frobnicate is not in the mapping table']);
    expect(recipeBody(result, 'demo')).toBe(
      [
        '# TODO(ansible2chef): A2C-TODO-MODULE module acme.widgets.frobnicate is not in the mapping table',
        '# tasks/main.yml:1 Frobnicate',
        '#   - name: Frobnicate',
        '#     acme.widgets.frobnicate:',
        '#       level: 3',
      ].join('\n'),
    );
    expect(result.stats.todo).toBe(1);
  });

  it('a task that is a string is an error; the next task converts', async () => {
    const result = await convertRole({ 'tasks/main.yml': '- just install chrony please\n- name: Install chrony\n  package: name=chrony\n' });
    expect(only(result, 'error')).toEqual(['tasks/main.yml:1:3: error A2C-SHAPE a task must be a mapping, found the string "just install chrony please"']);
    expect(recipeBody(result, 'demo')).toBe(
      [
        '# TODO(ansible2chef): A2C-SHAPE a task must be a mapping, found the string "just install chrony please"',
        '# tasks/main.yml:1',
        '#   - just install chrony please',
        '',
        "# tasks/main.yml:2 Install chrony\npackage 'chrony'",
      ].join('\n'),
    );
  });

  it('tasks/main.yml holding a mapping is an error at its start', async () => {
    const result = await convertRole({ 'tasks/main.yml': 'name: Install chrony\npackage: name=chrony\n' });
    expect(only(result, 'error')).toEqual(['tasks/main.yml:1:1: error A2C-SHAPE tasks/main.yml must be a list of tasks, found a mapping']);
  });

  it('an empty tasks file converts to an empty recipe without complaint', async () => {
    for (const text of ['', '---\n', '# nothing yet\n']) {
      const result = await convertRole({ 'tasks/main.yml': text });
      expect(result.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic)).toEqual([]);
      expect(recipeBody(result, 'demo')).toBe('');
    }
  });
});

describe('line endings and byte order marks do not change the output', () => {
  const role: Record<string, string> = {
    'tasks/main.yml': '---\n# Configure chrony\n- name: Install chrony\n  package:\n    name: chrony\n- name: Write chrony.conf\n  template:\n    src: chrony.conf.j2\n    dest: /etc/chrony/chrony.conf\n    mode: 0644\n  notify: restart chrony\n',
    'handlers/main.yml': '- name: restart chrony\n  service:\n    name: chrony\n    state: restarted\n',
    'defaults/main.yml': 'chrony_servers:\n  - ntp1.example.com\n  - ntp2.example.com\n',
    'templates/chrony.conf.j2': '{% for s in chrony_servers %}\nserver {{ s }} iburst\n{% endfor %}\n',
  };
  const crlf = (s: string) => s.replace(/\n/g, '\r\n');
  const bom = (s: string) => '\uFEFF' + s;
  /** YAML files only get the BOM: in a template Ansible keeps it (see below). */
  const transform = (f: (s: string) => string, yamlOnly: boolean) =>
    Object.fromEntries(Object.entries(role).map(([p, t]) => [p, yamlOnly && !p.endsWith('.yml') ? t : f(t)]));

  it.each([
    ['CRLF', crlf, false],
    ['BOM', bom, true],
    ['BOM + CRLF', (s: string) => bom(crlf(s)), true],
  ])('%s input gives the LF output', async (_name, f, yamlOnly) => {
    const lf = await convertRole(role);
    const other = await convertRole(transform(f, yamlOnly));
    expect(other.diagnostics).toEqual(lf.diagnostics);
    expect([...other.files.keys()]).toEqual([...lf.files.keys()]);
    // Templates too: Jinja2 turns every line break into newline_sequence ('\n' in Ansible).
    for (const path of lf.files.keys()) expect(outputText(other, path), path).toBe(outputText(lf, path));
    expect(outputText(lf, 'demo/recipes/default.rb')).toContain("template '/etc/chrony/chrony.conf' do");
  });

  it('a BOM at the start of a template is output text, as in Ansible', async () => {
    // ansible-playbook 2.14 renders '\uFEFFhello {{ x }}\r\n' to '\uFEFFhello 1\n': the template
    // module decodes with plain UTF-8, so the BOM is a character of the template's text.
    const result = await convertRole({ ...role, 'templates/chrony.conf.j2': '\uFEFFserver ntp.example.com\r\n' });
    expect(outputText(result, 'demo/templates/chrony.conf.erb')).toBe('\uFEFFserver ntp.example.com\n');
  });
});

describe('the CLI', () => {
  const cli = join(repoRoot, 'dist/cli/main.js');
  let tmp: string;

  beforeAll(() => {
    const build = spawnSync('npx', ['tsc', '-p', '.'], { cwd: repoRoot, encoding: 'utf8' });
    // Type errors elsewhere in the tree still emit JavaScript; the CLI must at least exist.
    if (!existsSync(cli)) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
    tmp = mkdtempSync(join(tmpdir(), 'a2c-bad-input-'));
  }, 180_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  function project(name: string, files: TextTree): string {
    const dir = join(tmp, name);
    for (const [p, t] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), t);
    }
    return dir;
  }
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: tmp, encoding: 'utf8' });

  it('a broken role: exit 1, stderr names file:line:col, the other cookbooks are written', () => {
    const dir = project('broken', { 'site.yml': site('good', 'broken'), ...GOOD_ROLE, 'roles/broken/tasks/main.yml': '- name: x\n  package: name=a\n - oops\n' });
    const out = join(tmp, 'out-broken');
    const r = run('convert', dir, '--out', out);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('roles/broken/tasks/main.yml:3:2: error A2C-YAML-SYNTAX');
    expect(readFileSync(join(out, 'good/recipes/default.rb'), 'utf8')).toContain("package 'chrony'\n");
  });

  it('an unknown option is a usage error: exit 2', () => {
    const r = run('convert', '--no-such-option');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-option'");
  });

  it('a clean project: exit 0', () => {
    const dir = project('clean', { 'site.yml': site('good'), ...GOOD_ROLE });
    const out = join(tmp, 'out-clean');
    const r = run('convert', dir, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'good/recipes/default.rb'), 'utf8')).toContain("package 'chrony'\n");
  });
});
