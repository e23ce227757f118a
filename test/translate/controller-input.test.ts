// A variable whose whole value is a lookup of the Ansible controller's environment becomes an
// attribute the operator sets (src/translate/controller-input.ts): one TODO at its definition, the
// readers converted. The generated cookbook is run in real Ruby (chef-compile.rb's harness, then
// converge-render.rb) and compared with real ansible-playbook: unset, every use fails naming the
// attribute and Ansible's expression; set (Policyfile or node file), the output is Ansible's with
// the environment variable set to that value.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { convergeRender } from '../helpers/converge-render.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, REPO_ROOT, SHARED } from '../helpers/shared.js';
import { controllerInputOf } from '../../src/translate/controller-input.js';
import { compileCheckDir } from '../../src/scripts/chef-compile.js';
import { builtinTables } from '../../src/mapping/tables.js';
import type { YNode } from '../../src/load/ansible/yaml.js';

const schemaFile = join(SHARED, 'chef/resources.json');
const LIBS = join(REPO_ROOT, 'src/support-cookbook/ruby/libraries');
const ENV = 'A2C_TEST_RELEASE';
const EXPR = `lookup('env', '${ENV}') | default('undefined', true)`;

const scalar = (value: string): YNode => ({ kind: 'scalar', value, span: { file: 'x.yml', line: 1, col: 1 } }) as YNode;

/** Reads of the variable, each a use Ansible gives a value for. */
const READS = [
  `{{ app_release }}`,
  `{{ app_release is defined }}`,
  `{{ app_release | default('dflt') }}`,
  `{{ app_release == 'undefined' }}`,
  `{{ app_release | upper }}`,
  `{{ '/srv/' ~ app_release }}`,
];

/** `inRole`: the variable is the role's default rather than the inventory's group_vars. */
function project(base: string, reads: readonly string[] = READS, inRole = false): Record<string, string> {
  const definition = `app_release: "{{ ${EXPR} }}"\n`;
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [demo]\n',
    'inventory.ini': 'localhost\n',
    ...(inRole ? {} : { 'group_vars/all.yml': definition }),
    'roles/demo/defaults/main.yml': `base: ${base}\n${inRole ? definition : ''}`,
    'roles/demo/tasks/main.yml': [
      '- copy:',
      '    dest: "{{ base }}/shown.txt"',
      `    content: ${JSON.stringify(reads.join('|'))}`,
      '',
    ].join('\n'),
  };
}

describe('the shapes that become an operator attribute', () => {
  it.each([
    [`{{ lookup('env', 'X') }}`, 'X'],
    [`{{ lookup('ansible.builtin.env', 'X') }}`, 'X'],
    [`{{ lookup('env', 'X') | default('u', true) }}`, 'X'],
    [`{{ (lookup('env', 'X') | default('/etc/x', true)) }}`, 'X'],
    [`{{ lookup('env', 'X') | d('u') }}`, 'X'],
    [`{{ lookup('env', 'X', default='d') }}`, 'X'],
  ])('%s', async (text, term) => {
    const tables = builtinTables();
    expect(controllerInputOf(scalar(text), tables)).toMatchObject({ plugin: 'env', term, what: 'environment variable' });
  });

  it.each([
    [`{{ lookup('env', 'X') }}/sub`, 'text around it is part of the value'],
    [` {{ lookup('env', 'X') }}`, 'so is a space'],
    [`{{ lookup('env', name) }}`, 'a computed term'],
    [`{{ lookup('env', 'X') | lower }}`, 'a filter that changes the value'],
    [`{{ lookup('env', 'X') | default(other, true) }}`, 'a default that reads a variable'],
    [`{{ lookup('env', 'X', 'Y') }}`, 'two terms'],
    [`{{ query('env', 'X') }}`, 'a list'],
    [`{{ lookup('pipe', 'date') }}`, 'a command on the controller'],
    [`{{ lookup('url', 'https://x') }}`, 'a fetched document'],
    [`{{ lookup('password', '/tmp/p') }}`, 'a generated secret'],
    [`{{ lookup('env', 'X') }}{{ lookup('env', 'Y') }}`, 'two expressions'],
  ])('not %s (%s)', async (text) => {
    expect(controllerInputOf(scalar(text), builtinTables())).toBeUndefined();
  });
});

describe('a variable whose value is an env lookup', () => {
  it('is one TODO at its definition, and its readers convert', async () => {
    const r = await convertProject(project('/srv/app'));
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    const todos = r.diagnostics.filter((d) => d.code === 'A2C-TODO-CONTROLLER');
    expect(todos).toHaveLength(1);
    expect(todos[0]!.span).toMatchObject({ file: 'group_vars/all.yml', line: 1 });
    expect(todos[0]!.message).toContain(`reads the environment variable ${ENV} of the Ansible controller`);
    expect(todos[0]!.message).toContain("set node['ansible']['app_release']");
    const attr = outputText(r, 'demo/attributes/default.rb');
    expect(attr).toContain('# TODO(ansible2chef): A2C-TODO-CONTROLLER variable app_release:');
    expect(attr).toContain(
      "A2C::Jinja.controller_input(node, 'lookup(\\'env\\', \\'A2C_TEST_RELEASE\\') | default(\\'undefined\\', true)', 'ansible', 'app_release')",
    );
    const report = outputText(r, 'CONVERSION.md');
    expect(report).toContain('## Values the operator sets');
    expect(report).toContain(`| \`app_release\` | \`node['ansible']['app_release']\` | the controller's environment variable \`${ENV}\` |`);
  });

  it('keeps the TODO where the variable has another definition, or the lookup is part of a larger value', async () => {
    const twice = await convertProject({
      ...project('/srv/app'),
      'group_vars/web.yml': 'app_release: fixed\n',
      'inventory.ini': '[web]\nlocalhost\n',
    });
    expect(twice.diagnostics.filter((d) => d.code === 'A2C-TODO-CONTROLLER' && d.message.includes('every use of it fails'))).toEqual([]);
    const larger = await convertProject({
      ...project('/srv/app'),
      'group_vars/all.yml': `app_release: "v{{ lookup('env', '${ENV}') }}"\n`,
    });
    expect(larger.tasks.map((t) => t.outcome)).toEqual(['todo']);
  });
});

/** The A2C::Jinja helpers on an unset controller input, in plain Ruby. */
function ruby(body: string): { status: number | null; stdout: string; stderr: string } {
  const script = [
    ...['a2c_jinja', 'a2c_jinja_filters'].map((l) => `require File.join(${JSON.stringify(LIBS)}, ${JSON.stringify(l)})`),
    body,
  ].join('\n');
  return spawnSync('ruby', ['-e', script], { encoding: 'utf8' });
}

describe.skipIf(!requireOrSkip('ruby', hasTool('ruby')))('the value of an attribute nobody set', () => {
  const uses: Array<[string, string]> = [
    ['printed', 'J.out(v)'],
    ['interpolated', '"x#{v}"'],
    ['is defined', 'J.is_defined(v)'],
    ['default()', 'J.out(J.default(v, "d"))'],
    ['default(, true)', 'J.default(v, "d", true)'],
    ['| bool', 'J.bool(v)'],
    ['== text', "v == 'undefined'"],
    ['text ==', "'undefined' == v"],
    ['!=', "v != 'x'"],
    ['not', '!v'],
    ['is string', 'J.is_string(v)'],
    ['a key of it', "J.attr(v, 'k')"],
    ['JSON', 'JSON.generate([v])'],
  ];
  it.each(uses)('fails where it is %s, naming the attribute and the expression', (_what, use) => {
    const r = ruby(
      [
        'J = A2C::Jinja',
        `v = J.controller_input({}, ${JSON.stringify(EXPR)}, 'ansible', 'app_release')`,
        // A copy of it (a variable that is `{{ app_release }}`) is the same value.
        'v = J.convert_data(v)',
        'begin',
        `  r = (${use})`,
        '  puts "no failure: #{r.inspect}"',
        'rescue A2C::Jinja::ControllerInputUnset => e',
        '  puts e.message',
        'end',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(
      `node['ansible']['app_release'] is not set: Ansible computes it on its controller as {{ ${EXPR} }}, which no Chef node can; set the attribute in a Policyfile or node file (CONVERSION.md, "Values the operator sets")`,
    );
  });

  it("answers what Chef's attribute store asks of every value it holds (chef/chef lib/chef/node)", () => {
    const r = ruby(
      [
        'module Chef; class DelayedEvaluator; end; module Node; module Mixin; module StateTracking; end; end; end; end',
        `v = A2C::Jinja.controller_input({}, ${JSON.stringify(EXPR)}, 'ansible', 'app_release')`,
        // Immutablize#convert_value, StateTracking#copy_state_to, ImmutableMash#[].
        'stored = v.frozen? && String === v ? v : v.dup.freeze',
        'p [stored.equal?(v), v.is_a?(Chef::Node::Mixin::StateTracking), v.is_a?(::Chef::DelayedEvaluator)]',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('[true, false, false]');
  });

  it("is the operator's value where any precedence level holds one, read past another cookbook's unset copy", () => {
    const r = ruby(
      [
        'Attrs = Struct.new(*A2C::Jinja::COMPONENTS_HIGH_FIRST)',
        'levels = A2C::Jinja::COMPONENTS_HIGH_FIRST.map { {} }',
        'attrs = Attrs.new(*levels)',
        'node = Struct.new(:attributes).new(attrs)',
        `unset = A2C::Jinja.controller_input(node, ${JSON.stringify(EXPR)}, 'ansible', 'app_release')`,
        "attrs.force_default['ansible'] = { 'app_release' => unset }",
        "attrs.role_default['ansible'] = { 'app_release' => '2024.1' }",
        `p A2C::Jinja.controller_input(node, ${JSON.stringify(EXPR)}, 'ansible', 'app_release')`,
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('"2024.1"');
  });
});

const tools = requireOrSkip(
  'ansible-playbook, ruby, erubis and shared/chef',
  hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile) && existsSync(GROUND_TRUTH),
);

/** ansible-playbook's shown.txt, with the environment variable set to `value` (undefined: unset). */
function ansibleShown(value: string | undefined, inRole = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-envinput-'));
  try {
    const base = join(dir, 'out');
    mkdirSync(base);
    for (const [path, text] of Object.entries(project(base, READS, inRole))) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const env: Record<string, string | undefined> = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_DEPRECATION_WARNINGS: 'False' };
    delete env[ENV];
    if (value !== undefined) env[ENV] = value;
    const run = spawnSync('ansible-playbook', ['-i', 'inventory.ini', 'site.yml'], { cwd: dir, encoding: 'utf8', env });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    return readFileSync(join(base, 'shown.txt'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The converted output converged (converge-render.rb), after `edit` changed its files: shown.txt's text or the error. */
async function chefShown(edit: (dir: string) => void, inRole = false): Promise<{ text?: string; error?: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-envinput-chef-'));
  try {
    const r = await convertProject(project(join(dir, 'out'), READS, inRole));
    for (const [path, content] of r.files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    edit(dir);
    const events = convergeRender(dir, schemaFile)['localhost'] ?? [];
    const shown = events.find((e) => e.id.endsWith('/shown.txt]'));
    expect(shown, JSON.stringify(events)).toBeDefined();
    return { ...(shown!.text !== undefined ? { text: shown!.text } : {}), ...(shown!.error !== undefined ? { error: shown!.error } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Appends a line to the output's one Policyfile. */
function policyLine(line: string): (dir: string) => void {
  return (dir) => {
    const file = join(dir, 'policyfiles/site.rb');
    writeFileSync(file, `${readFileSync(file, 'utf8')}${line}\n`);
  };
}

describe.skipIf(!tools)('the operator attribute vs real Ansible', () => {
  it.each(READS)(
    'fails the run at %s naming the attribute while nobody sets it: an input to provide, for the compile check',
    async (read) => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-envinput-chef-'));
      try {
        const r = await convertProject(project(join(dir, 'out'), [read]));
        for (const [path, content] of r.files) {
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), content);
        }
        const [run] = compileCheckDir(dir, { factsFile: GROUND_TRUTH, schemaFile });
        expect(run?.outcome).toBe('required-input');
        expect(run?.error).toBe('A2C::Jinja::ControllerInputUnset');
        expect(run?.message).toBe(
          `node['ansible']['app_release'] is not set: Ansible computes it on its controller as {{ ${EXPR} }}, which no Chef node can; set the attribute in a Policyfile or node file (CONVERSION.md, "Values the operator sets")`,
        );
        expect(run?.where).toMatch(/^demo\/recipes\/default\.rb:\d+$/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it.each([
    ['a Policyfile default', policyLine("default['ansible']['app_release'] = '2024.1'"), '2024.1'],
    ['a Policyfile override', policyLine("override['ansible']['app_release'] = '2024.1'"), '2024.1'],
    [
      'the node file',
      (dir: string) => {
        const file = join(dir, 'nodes/localhost.json');
        const node = JSON.parse(readFileSync(file, 'utf8')) as { normal?: Record<string, Record<string, unknown>> };
        node.normal = { ...node.normal, ansible: { ...node.normal?.ansible, app_release: '2024.1' } };
        writeFileSync(file, JSON.stringify(node));
      },
      '2024.1',
    ],
    // What Ansible gives with the variable unset is the default's value, which the operator sets the same way.
    ['a Policyfile default, to the default', policyLine("default['ansible']['app_release'] = 'undefined'"), undefined],
  ])('set in %s, gives what ansible-playbook gives with the environment variable set', async (_where, edit, value) => {
    const expected = ansibleShown(value);
    expect(expected.split('|')[1]).toBe('True');
    const shown = await chefShown(edit);
    expect(shown.error).toBeUndefined();
    expect(shown.text).toBe(expected);
  });

  it("set in a Policyfile default for a role's default, gives what ansible-playbook gives", async () => {
    const expected = ansibleShown('2024.1', true);
    const shown = await chefShown(policyLine("default['demo']['app_release'] = '2024.1'"), true);
    expect(shown.error).toBeUndefined();
    expect(shown.text).toBe(expected);
  });
});
