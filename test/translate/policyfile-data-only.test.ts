// Policyfiles hold data only: `chef install` evaluates a Policyfile on the workstation, with no
// node, so an attribute whose value reads facts or other variables failed there (NameError `node`:
// lamp_haproxy `iface: '{{ ansible_default_ipv4.interface }}'`, plugins galera_server.yml role
// params). Such a value is computed by an attribute file of the play's cookbooks, only on the
// play's nodes, at a level that keeps Ansible's precedence. Checked three ways: every Policyfile
// parsed with Prism holds literals only; the compile check gives each value Ansible gives (real
// ansible-playbook on localhost, and the ground-truth fact for the fact read); and every Policyfile
// of the bundled example and of each corpus entry is data only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, type ConversionResult } from '../../src/convert.js';
import { inputOptions, readInput } from '../../src/cli/read-input.js';
import { corpusEntries } from '../../src/scripts/corpus.js';
import { compileCheck, type CompileRun } from '../../src/scripts/chef-compile.js';
import { loadRubyParser } from '../../src/print/prism.js';
import { convertProject, outputText, type TextTree } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { CORPUS, GROUND_TRUTH, REPO_ROOT, SHARED } from '../helpers/shared.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

interface PNode {
  constructor: { name: string };
  [k: string]: unknown;
}

/** A Prism node that is data: literals, and arrays, hashes and adjacent strings made of them. */
function isLiteralNode(n: PNode): boolean {
  switch (n.constructor.name) {
    case 'StringNode':
    case 'IntegerNode':
    case 'FloatNode':
    case 'NilNode':
    case 'TrueNode':
    case 'FalseNode':
    case 'SymbolNode':
      return true;
    case 'ArrayNode':
      return (n['elements'] as PNode[]).every(isLiteralNode);
    case 'HashNode':
    case 'KeywordHashNode':
      return (n['elements'] as PNode[]).every(
        (e) => e.constructor.name === 'AssocNode' && isLiteralNode(e['key'] as PNode) && isLiteralNode(e['value'] as PNode),
      );
    case 'InterpolatedStringNode':
      return (n['parts'] as PNode[]).every((p) => p.constructor.name === 'StringNode');
    default:
      return false;
  }
}

const POLICY_CALLS = new Set(['name', 'default_source', 'run_list', 'named_run_list', 'cookbook']);

/** The top-level statements of a Policyfile that are not data (an empty list: data only). */
async function nonData(source: string): Promise<string[]> {
  const parse = await loadRubyParser();
  const result = parse(source);
  if (result.errors.length) return [`does not parse: ${String(result.errors[0]!.message)}`];
  const text = (n: PNode) => {
    const loc = n['location'] as { startOffset: number; length: number };
    return Buffer.from(source)
      .subarray(loc.startOffset, loc.startOffset + loc.length)
      .toString();
  };
  const args = (n: PNode) => ((n['arguments_'] as PNode | null)?.['arguments_'] as PNode[] | undefined) ?? [];
  const bad: string[] = [];
  for (const s of result.value.statements.body as unknown as PNode[]) {
    const call = s.constructor.name === 'CallNode' ? s : undefined;
    if (call && !call['receiver'] && POLICY_CALLS.has(call['name'] as string) && args(call).every(isLiteralNode)) continue;
    // `default['a']['b'] = value` / `override[...] = value`: literal keys down to the level, a literal value.
    if (call && call['name'] === '[]=' && isLiteralNode(args(call).at(-1)!) && args(call).slice(0, -1).every(isLiteralNode)) {
      let recv = call['receiver'] as PNode | null;
      while (recv?.constructor.name === 'CallNode' && recv['name'] === '[]' && args(recv).every(isLiteralNode))
        recv = recv['receiver'] as PNode | null;
      if (
        recv?.constructor.name === 'CallNode' &&
        !recv['receiver'] &&
        ['default', 'override'].includes(recv['name'] as string) &&
        !args(recv).length
      )
        continue;
    }
    bad.push(text(s));
  }
  return bad;
}

/** Every Policyfile of a conversion that is not data only, with the statements at fault. */
async function policyfilesNotData(files: ReadonlyMap<string, string | Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for (const [path, content] of files) {
    if (!/^policyfiles\/[^/]+\.rb$/.test(path)) continue;
    for (const s of await nonData(typeof content === 'string' ? content : Buffer.from(content).toString())) out.push(`${path}: ${s}`);
  }
  return out;
}

/** Node files holding a string Ansible would template: JSON keeps the text itself. */
function nodeFilesNotData(files: ReadonlyMap<string, string | Uint8Array>): string[] {
  const out: string[] = [];
  const walk = (path: string, v: unknown): void => {
    if (typeof v === 'string' && /\{\{|\{%/.test(v)) out.push(`${path}: ${v}`);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(`${path}[${i}]`, x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(`${path}.${k}`, x);
  };
  for (const [path, content] of files) {
    if (/^nodes\/[^/]+\.json$/.test(path)) walk(path, JSON.parse(typeof content === 'string' ? content : Buffer.from(content).toString()));
  }
  return out;
}

// lamp_haproxy's group_vars/webservers and the plugins playbooks' role params, on one play, with
// values of one variable at several levels to pin the precedence of a value computed on the node.
const project: TextTree = {
  hosts: '[webservers]\nlocalhost hostcomp=from-inventory\n',
  'group_vars/all.yml': [
    'base_port: 8000',
    'bind: 127.0.0.1',
    'greeting: hello',
    // Computed here, a literal in a more specific group: the literal wins in Ansible.
    'shadow: "{{ base_port }}"',
  ].join('\n'),
  'group_vars/webservers.yml': [
    'iface: "{{ ansible_default_ipv4.interface }}"',
    'listen: "{{ bind }}:{{ base_port + 80 }}"',
    'shadow: literal-web',
    'hostwins: "{{ greeting }}-group"',
    'plain: data',
  ].join('\n'),
  // A templated host var: a node file is JSON, where it would be its own text.
  'host_vars/localhost.yml': 'hostwins: from-host\nhostcomp: "{{ greeting }}-host"\nhost_addr: "{{ ansible_default_ipv4.address }}"\n',
  'roles/app/defaults/main.yml':
    'listen: from-role-default\napp_port: 1\napp_name: x\napp_mode: from-role-default\nlabel: from-role-default\n',
  'roles/app/vars/main.yml': 'app_mode: from-role-vars\n',
  'roles/app/tasks/main.yml': [
    '- name: values',
    '  ansible.builtin.copy:',
    '    dest: /tmp/a2c-policy-data/values',
    '    content: "{{ listen }}|{{ label }}|{{ app_port }}|{{ app_name }}|{{ app_mode }}|{{ shadow }}|{{ hostwins }}|{{ plain }}|{{ hostcomp }}"',
    '- name: fact',
    '  ansible.builtin.copy:',
    '    dest: /tmp/a2c-policy-data/iface',
    '    content: "{{ iface }} {{ host_addr }}"',
    '  tags: [fact]',
  ].join('\n'),
  'site.yml': [
    '- hosts: webservers',
    '  vars:',
    '    label: "web-{{ base_port }}"',
    '  roles:',
    '    - role: app',
    // A bare key is a role param, above role vars; `vars:` (as in galera_server.yml) is not: Ansible
    // puts role vars above it, so here it sets only variables role vars do not.
    '      app_mode: "{{ greeting }}-param"',
    '      vars:',
    '        app_port: "{{ base_port + 1 }}"',
    '        app_name: demo',
  ].join('\n'),
};

describe('Policyfiles hold data only', () => {
  let result: ConversionResult;
  beforeAll(async () => {
    result = await convertProject(project);
  });

  it('keeps literals in the Policyfile and nothing else', async () => {
    const policy = outputText(result, 'policyfiles/site.rb');
    expect(await policyfilesNotData(result.files)).toEqual([]);
    expect(policy).toContain("default['ansible']['plain'] = 'data'");
    expect(policy).toContain("default['ansible']['base_port'] = 8000");
    // A role entry's `vars:` are no Policyfile data: they rank below role vars (role-entry-vars.test.ts).
    expect(policy).not.toContain("'demo'");
    for (const moved of ['iface', 'listen', 'shadow', 'hostwins', 'label', "['app']['port']", "['app']['mode']"])
      expect(policy).not.toContain(moved);
  });

  it("computes the others in an attribute file of the play's cookbooks, only for the play's nodes", () => {
    const attrs = outputText(result, 'app/attributes/default.rb');
    expect(attrs).toContain("if node.policy_name == 'site'\n  force_default['ansible']['iface'] = ");
    expect(attrs).toContain("if node.policy_name == 'site'\n  force_override['app']['mode'] = ");
    // The entry's `vars:`, computed or not, are cookbook override, below the role's vars/main.yml.
    expect(attrs).toContain("if node.policy_name == 'site'\n  override['app']['port'] = ");
    expect(attrs).toContain("if node.policy_name == 'site'\n  override['app']['name'] = 'demo'");
    // The literal value of a variable that is computed elsewhere moves with it, after it.
    expect(attrs.indexOf("force_default['ansible']['shadow'] = 'literal-web'")).toBeGreaterThan(
      attrs.indexOf("force_default['ansible']['shadow'] = A2C"),
    );
  });

  it('writes no templated value into a node file: it is computed for the host, after the values it outranks', () => {
    const node = JSON.parse(outputText(result, 'nodes/localhost.json')) as { normal: { ansible: Record<string, unknown> } };
    expect(node.normal.ansible).toEqual({ hostwins: 'from-host' });
    const attrs = outputText(result, 'app/attributes/default.rb');
    expect(attrs).toContain("if node.name == 'localhost'\n  force_default['ansible']['hostcomp'] = ");
    expect(nodeFilesNotData(result.files)).toEqual([]);
  });

  it('the variables table names the level a computed value is written at', () => {
    const rows = outputText(result, 'CONVERSION.md').split('\n');
    const row = (v: string) => rows.find((l) => l.startsWith(`| \`${v}\` |`)) ?? '';
    expect(row('iface')).toContain('group_vars/webservers.yml:1:1 group_vars/* (6) → cookbook force_default (computed on the node)');
    expect(row('app_mode')).toContain('site.yml:6:7 role params (20) → cookbook force_override (computed on the node)');
    expect(row('hostcomp')).toContain('host_vars/localhost.yml:2:1 host_vars/* (9) → cookbook force_default (computed on the node)');
    expect(row('plain')).toContain('→ Policyfile default');
  });

  it('a host no converted play runs: its templated vars are left out of its node file with a warning, never written as text', async () => {
    const r = await convertProject({
      hosts: '[a]\nh1\n[b]\nh2 addr="{{ ansible_default_ipv4.address }}" port=80\n',
      'roles/r/tasks/main.yml': '- ansible.builtin.copy: { dest: /tmp/x, content: "{{ addr | default(1) }}{{ port | default(1) }}" }\n',
      'site.yml': '- hosts: a\n  roles: [r]\n',
    });
    expect(JSON.parse(outputText(r, 'nodes/h2.json')).normal).toEqual({ ansible: { port: 80 } });
    expect(r.diagnostics.filter((d) => d.code === 'A2C-NODE-UNUSED-VALUE').map((d) => d.message)).toEqual([
      'host h2 runs no converted cookbook, so no attribute file computes its 1 templated or vaulted variable(s) and its node file leaves them out: addr',
    ]);
  });

  it('finds the statements that are not data', async () => {
    expect(
      await nonData("name 'p'\nrun_list 'a::default'\ncookbook 'a', path: '../a'\ndefault['x']['y'] = { 'k' => [1, -2.5, nil, true] }\n"),
    ).toEqual([]);
    expect(await nonData("default['x'] = A2C::Jinja.var(node, 'y')\noverride['z'] = node['w']\nputs 1\n")).toEqual([
      "default['x'] = A2C::Jinja.var(node, 'y')",
      "override['z'] = node['w']",
      'puts 1',
    ]);
  });
});

const schemaFile = join(SHARED, 'chef/resources.json');
const canCompile =
  requireOrSkip('ruby', hasTool('ruby')) &&
  requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile));

/** The compile check's content of each copy resource of the run of node `localhost`. */
async function compiledContents(): Promise<Record<string, unknown>> {
  const runs: CompileRun[] = compileCheck((await convertProject(project)).files, { factsFile: GROUND_TRUTH, schemaFile, detail: true });
  expect(runs.map((r) => [r.id, r.ok])).toEqual([[expect.stringContaining('policyfiles/site.rb'), true]]);
  return Object.fromEntries((runs[0]!.detail ?? []).map((d) => [d.id, d.properties['content']]));
}

describe.skipIf(!canCompile)('values computed on the node, in the compile check', () => {
  it("the facts read by group_vars and host_vars are the node's (ground truth: Ansible and Ohai agree on it)", async () => {
    const { rows } = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(GROUND_TRUTH, 'utf8'))) as {
      rows: Array<{ ansible: string; ansible_value: unknown }>;
    };
    const fact = (name: string) => rows.find((r) => r.ansible === name)!.ansible_value;
    expect((await compiledContents())['file[/tmp/a2c-policy-data/iface]']).toBe(
      `${fact('ansible_default_ipv4.interface')} ${fact('ansible_default_ipv4.address')}`,
    );
  });

  const haveAnsible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-policy-data-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!haveAnsible)('every other value is what ansible-playbook gives on localhost (precedence included)', async () => {
    for (const [path, text] of Object.entries(project)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    // Check mode with a diff: the content copy would write, without writing it; the fact task is left out.
    const r = spawnSync('ansible-playbook', ['-i', 'hosts', '-c', 'local', '--check', '--diff', '--skip-tags', 'fact', 'site.yml'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 300_000,
      env: ansibleEnv({ ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_GATHERING: 'explicit' }),
    });
    expect(r.status, r.stderr + r.stdout.slice(0, 2000)).toBe(0);
    const out = JSON.parse(r.stdout) as {
      plays: Array<{
        tasks: Array<{ task: { name: string }; hosts: Record<string, { diff?: Array<{ after?: string }> | { after?: string } }> }>;
      }>;
    };
    const task = out.plays[0]!.tasks.find((t) => t.task.name.endsWith('values'))!;
    const diff = task.hosts['localhost']!.diff;
    const ansible = (Array.isArray(diff) ? diff[0] : diff)?.after;
    expect(ansible).toBe('127.0.0.1:8080|web-8000|8001|demo|hello-param|literal-web|from-host|data|hello-host');
    expect((await compiledContents())['file[/tmp/a2c-policy-data/values]']).toBe(ansible);
  });
});

/** The bundled example and every corpus entry, converted as `convert` does. */
function inputs(): Array<[string, string]> {
  return [['playbooks', join(REPO_ROOT, 'playbooks')], ...(existsSync(CORPUS) ? corpusEntries(CORPUS) : [])];
}

describe.skipIf(!requireOrSkip('the shared corpus', existsSync(CORPUS)))('every generated Policyfile and node file is data only', () => {
  it('in the bundled example and every corpus entry', async () => {
    const bad: string[] = [];
    let policies = 0;
    for (const [name, dir] of inputs()) {
      const input = readInput(dir);
      const r = await convert(input.tree, inputOptions(input));
      policies += [...r.files.keys()].filter((p) => p.startsWith('policyfiles/')).length;
      for (const s of [...(await policyfilesNotData(r.files)), ...nodeFilesNotData(r.files)]) bad.push(`${name} ${s}`);
    }
    expect(policies).toBeGreaterThan(20);
    expect(bad).toEqual([]);
  });
});
