// query('vars', *query('varnames', '^' ~ pattern)): the values of every variable whose name starts
// with a prefix (openstack's pki role gathers certificate definitions from variables an operator
// adds). It converts where the prefix finds none of the names the converted input, Ansible or the
// task defines (src/translate/varnames-search.ts): the names are then those an operator sets after
// converting, under the project namespace, which A2C::Lookup.vars_matching searches on the node.
// Differential: the same role run by ansible-playbook with the variables in group_vars and
// host_vars, and converted without them, then converged (converge-render.rb) with them set where
// CONVERSION.md tells the operator to set a variable the input never sets (Policyfile, node file).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { convergeRender } from '../helpers/converge-render.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';
import { compileCheckDir } from '../../src/scripts/chef-compile.js';

const schemaFile = join(SHARED, 'chef/resources.json');

const LOOKUP = "query('vars', *query('varnames', '^' ~ cert_search)) | flatten(levels=1)";

/** A role whose task writes what the lookup finds; `extra` adds files (the operator's variables on Ansible's side). */
function project(
  base: string,
  extra: Record<string, string> = {},
  defaults = 'cert_search: app_certs_\n',
  task = '',
): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [demo]\n',
    'inventory.ini': 'localhost\n',
    'roles/demo/defaults/main.yml': `base: ${base}\n${defaults}`,
    'roles/demo/vars/main.yml': `_found: "{{ ${LOOKUP} }}"\n`,
    'roles/demo/tasks/main.yml':
      task || ['- copy:', '    dest: "{{ base }}/found.txt"', '    content: "{{ _found | to_json }}|{{ _found | length }}"', ''].join('\n'),
    ...extra,
  };
}

describe('which patterns convert', () => {
  it('a prefix the input gives no variable converts to a search of the namespace, for the patterns checked', async () => {
    const r = await convertProject(project('/srv'));
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect(outputText(r, 'demo/attributes/default.rb')).toContain(
      "A2C::Lookup.vars_matching(node, \"^#{node['demo']['cert_search']}\", ['^app_certs_'], 'ansible')",
    );
  });

  it.each([
    [
      'a variable of the input it finds (its attribute is not searched by name)',
      { 'group_vars/all.yml': 'app_certs_one: [a]\n' },
      'cert_search: app_certs_\n',
      'finds app_certs_one, which the converted input sets (group_vars/all.yml:1',
    ],
    ['a regular expression beyond a prefix', {}, "cert_search: 'app_.*_certs'\n", "is not '^' and a name's first letters"],
    ['a prefix of the facts', {}, 'cert_search: ansible_\n', 'may find facts (ansible_*)'],
    ['a prefix of the facts Ohai gives setup', {}, 'cert_search: oh\n', 'may find facts (ohai_*)'],
    ['a prefix of a magic variable', {}, 'cert_search: inventory_\n', "finds Ansible's own variable 'inventory_hostname'"],
    [
      'a pattern variable set elsewhere to a computed value',
      { 'group_vars/all.yml': 'cert_search: "{{ base }}"\n' },
      'cert_search: app_certs_\n',
      "reads 'cert_search', which is not a literal string wherever the input sets it",
    ],
  ])('not %s', async (_what, extra, defaults, why) => {
    const r = await convertProject({ ...project('/srv', extra, defaults) });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
    const d = r.diagnostics.find((x) => x.message.includes("query('vars', *query('varnames', ...))"));
    expect(d?.message).toContain(why);
  });

  it('not a prefix that finds the loop variable of the task reading it', async () => {
    const task = [
      '- copy:',
      '    dest: "{{ base }}/found.txt"',
      "    content: \"{{ query('vars', *query('varnames', '^app_certs_')) | to_json }}\"",
      '  loop: [1]',
      '  loop_control:',
      '    loop_var: app_certs_item',
      '',
    ].join('\n');
    const r = await convertProject(project('/srv', {}, 'cert_search: x\n', task));
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain("finds 'app_certs_item', a task, loop or registered variable here");
  });
});

const tools = requireOrSkip(
  'ansible-playbook, ruby, erubis and shared/chef',
  hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile) && existsSync(GROUND_TRUTH),
);

/** The operator's variables: group_vars for all hosts, then host_vars of localhost (one name in both). */
const GROUP_VARS: Array<[string, unknown]> = [
  ['app_certs_web', [{ name: 'web', cn: 'web.example' }]],
  ['other_certs', [{ name: 'not-found' }]],
  ['app_certs_db', [{ name: 'db' }, { name: 'db2' }]],
  ['app_certs_shared', [{ name: 'shared-group' }]],
];
const HOST_VARS: Array<[string, unknown]> = [
  ['app_certs_host', [{ name: 'host' }]],
  ['app_certs_shared', [{ name: 'shared-host' }]],
];

const yamlOf = (vars: Array<[string, unknown]>): string => vars.map(([k, v]) => `${k}: ${JSON.stringify(v)}\n`).join('');

/** ansible-playbook's found.txt, the operator's variables given as group_vars/host_vars (or not at all). */
function ansibleFound(withVars: boolean, defaults?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-varnames-'));
  try {
    const base = join(dir, 'out');
    mkdirSync(base);
    const extra: Record<string, string> = withVars
      ? { 'group_vars/all.yml': yamlOf(GROUP_VARS), 'host_vars/localhost.yml': yamlOf(HOST_VARS) }
      : {};
    for (const [path, text] of Object.entries(project(base, extra, defaults))) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const env = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_DEPRECATION_WARNINGS: 'False' };
    const run = spawnSync('ansible-playbook', ['-i', 'inventory.ini', 'site.yml'], { cwd: dir, encoding: 'utf8', env });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    return readFileSync(join(base, 'found.txt'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The conversion of the role without the operator's variables, converged after `edit`: found.txt's text or the error. */
async function chefFound(edit: (dir: string) => void): Promise<{ text?: string; error?: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-varnames-chef-'));
  try {
    const r = await convertProject(project(join(dir, 'out')));
    for (const [path, content] of r.files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    edit(dir);
    const events = convergeRender(dir, schemaFile)['localhost'] ?? [];
    const found = events.find((e) => e.id.endsWith('/found.txt]'));
    if (!found) return { error: JSON.stringify(events) };
    return { ...(found.text !== undefined ? { text: found.text } : {}), ...(found.error !== undefined ? { error: found.error } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Ruby literal of JSON data (string keys: `{"k": v}` would make symbols). */
const rubyOf = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(rubyOf).join(', ')}]`
    : typeof v === 'object' && v !== null
      ? `{ ${Object.entries(v)
          .map(([k, x]) => `${JSON.stringify(k)} => ${rubyOf(x)}`)
          .join(', ')} }`
      : JSON.stringify(v);

/** The operator's variables written where CONVERSION.md says: group_vars as Policyfile defaults, host_vars in the node file. */
function operatorSets(dir: string, policy: string[] = []): void {
  const pf = join(dir, 'policyfiles/site.rb');
  const lines = GROUP_VARS.map(([k, v]) => `default['ansible']['${k}'] = ${rubyOf(v)}`);
  writeFileSync(pf, `${readFileSync(pf, 'utf8')}${[...lines, ...policy].join('\n')}\n`);
  const nodeFile = join(dir, 'nodes/localhost.json');
  const node = JSON.parse(readFileSync(nodeFile, 'utf8')) as { normal?: Record<string, Record<string, unknown>> };
  node.normal = { ...node.normal, ansible: { ...node.normal?.ansible, ...Object.fromEntries(HOST_VARS) } };
  writeFileSync(nodeFile, JSON.stringify(node));
}

describe.skipIf(!tools)('the search vs real Ansible', () => {
  it('finds nothing where nobody sets a matching variable, as Ansible', async () => {
    const expected = ansibleFound(false);
    expect(expected).toBe('[]|0');
    const found = await chefFound(() => {});
    expect(found.error).toBeUndefined();
    expect(found.text).toBe(expected);
  });

  it("finds the operator's variables in Ansible's order, each with its highest source's value", async () => {
    const expected = ansibleFound(true);
    // group_vars first (in the file's order), then host_vars' new name; the name both set keeps
    // its group_vars place with the host's value.
    expect(JSON.parse(expected.split('|')[0]!).map((c: { name: string }) => c.name)).toEqual(['web', 'db', 'db2', 'shared-host', 'host']);
    const found = await chefFound((dir) => operatorSets(dir));
    expect(found.error).toBeUndefined();
    expect(found.text).toBe(expected);
  });

  it('refuses a prefix of every name Ansible itself gives a task (magic variables, facts with Ohai, the loop variable)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-varnames-own-'));
    try {
      mkdirSync(join(dir, 'roles/r/tasks'), { recursive: true });
      writeFileSync(join(dir, 'site.yml'), '- hosts: localhost\n  gather_facts: true\n  connection: local\n  roles: [r]\n');
      writeFileSync(
        join(dir, 'roles/r/tasks/main.yml'),
        `- copy:\n    dest: ${join(dir, 'names.json')}\n    content: "{{ query('varnames', '.') | to_json }}"\n  loop: [1]\n`,
      );
      const run = spawnSync('ansible-playbook', ['-i', 'localhost,', 'site.yml'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
      });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const names = JSON.parse(readFileSync(join(dir, 'names.json'), 'utf8')) as string[];
      expect(names).toContain('inventory_hostname');
      // One name per first word is enough: the check is by prefix.
      const firsts = [...new Set(names.map((n) => n.split('_')[0]!))].map((w) => names.find((n) => n.split('_')[0] === w)!);
      const task = [
        '- copy:',
        '    dest: /tmp/x',
        "    content: \"{{ query('vars', *query('varnames', '^' ~ cert_search)) | to_json }}\"",
        '  loop: [1]',
        '',
      ].join('\n');
      const converted: string[] = [];
      for (const name of firsts) {
        const r = await convertProject(project('/srv', {}, `cert_search: ${JSON.stringify(name)}\n`, task));
        if (r.tasks.some((t) => t.outcome !== 'todo')) converted.push(name);
      }
      expect(converted).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the run, naming the patterns checked, where the operator sets another pattern', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-varnames-chef-'));
    try {
      const r = await convertProject(project(join(dir, 'out')));
      for (const [path, content] of r.files) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      operatorSets(dir, ["default['demo']['cert_search'] = 'other_'"]);
      const [run] = compileCheckDir(dir, { factsFile: GROUND_TRUTH, schemaFile });
      expect(run?.error).toBe('A2C::Lookup::LookupError');
      expect(run?.message).toContain(`query('varnames', "^other_") is not converted: only the patterns "^app_certs_" were checked`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
