// A group the inventory declares with no host (INI `[empty]`, YAML `empty: {}` or `empty:`, a group
// whose children are all empty) is `[]` in Ansible's `groups`: defined, so `default()` does not
// apply. Rendered both ways: ansible-playbook writes each host's template, and the converted output
// is compiled per node file and its ERB rendered (test/tools/hostvars-render.rb), with static groups
// and with --groups search. A group the inventory does not declare stays undefined.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText, type TextTree } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { REPO_ROOT, SHARED } from '../helpers/shared.js';
import { resourceSchema } from '../../src/scripts/chef-compile.js';

const HOSTS = ['web1', 'web2'];
const GROUPS = ['web', 'empty', 'bare', 'onlyempty', 'mixed', 'nope'];

const INI = [
  '[web]',
  'web1',
  'web2',
  '[empty]',
  '[bare]',
  '',
  '[onlyempty:children]',
  'empty',
  'bare',
  '[mixed:children]',
  'empty',
  'web',
  '',
].join('\n');

const YAML = [
  'all:',
  '  children:',
  '    web:',
  '      hosts: { web1: , web2: }',
  '    empty: {}',
  '    bare:',
  '    onlyempty:',
  '      children:',
  '        empty: {}',
  '        bare:',
  '    mixed:',
  '      children:',
  '        empty: {}',
  '        web: {}',
  '',
].join('\n');

const TEMPLATE = [
  ...GROUPS.map(
    (g) =>
      `${g}={{ groups['${g}'] | default(['fallback']) | join(',') }}|{{ groups['${g}'] is defined }}|{{ groups['${g}'] | default([]) | length }}|{{ '${g}' in groups }}|{% for h in groups['${g}'] | default(['none']) %}[{{ h }}]{% endfor %};`,
  ),
  "names={{ group_names | join(',') }}",
  '',
].join('\n');

function project(inventory: { name: string; text: string }, out: string): TextTree {
  return {
    'site.yml': '- hosts: web\n  gather_facts: false\n  connection: local\n  roles: [r]\n',
    [inventory.name]: inventory.text,
    'roles/r/tasks/main.yml': `- name: render\n  template: { src: t.j2, dest: "${out}/{{ inventory_hostname }}.txt" }\n`,
    'roles/r/templates/t.j2': TEMPLATE,
  };
}

function writeTree(dir: string, files: ReadonlyMap<string, string | Uint8Array> | Record<string, string | Uint8Array>): void {
  for (const [path, content] of files instanceof Map ? files : Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

const INVENTORIES = [
  { name: 'inventory.ini', text: INI },
  { name: 'inventory.yml', text: YAML },
];

describe('a declared group with no host', () => {
  it.each(INVENTORIES)('is [] in the groups a Policyfile carries ($name); an undeclared one is absent', async (inv) => {
    const r = await convertProject(project(inv, '/tmp'));
    const policy = outputText(r, 'policyfiles/site.rb');
    expect(policy).toContain("'empty' => [],");
    expect(policy).toContain("'bare' => [],");
    expect(policy).toContain("'onlyempty' => [],");
    expect(policy).not.toContain("'nope'");
    expect(r.diagnostics.map((d) => d.code)).not.toContain('A2C-GROUP-FILLED-ELSEWHERE');
    // Search: the declared empty groups are named, so no node found reads as [] for them only.
    const search = await convertProject(project(inv, '/tmp'), { groups: 'search' });
    expect(outputText(search, 'r/templates/t.erb')).toContain("A2C::Jinja.search_groups('ansible', %w(bare empty onlyempty))");
  });

  it('a play running on a group its inventory leaves empty makes the inventory a skeleton: its empty groups are left out, loudly', async () => {
    const files = project(INVENTORIES[0]!, '/tmp');
    files['site.yml'] += '- hosts: onlyempty\n  gather_facts: false\n  roles: [r]\n';
    const r = await convertProject(files);
    const warned = r.diagnostics.filter((d) => d.code === 'A2C-GROUP-FILLED-ELSEWHERE');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.span).toMatchObject({ file: 'inventory.ini', line: 7 });
    expect(warned[0]!.message).toContain(
      "group 'onlyempty' is declared in inventory.ini with no host, yet the play at site.yml:5 runs on it",
    );
    expect(warned[0]!.message).toContain("3 empty group(s) ('onlyempty', 'empty', 'bare')");
    const policy = outputText(r, 'policyfiles/site_play1_web.rb');
    for (const g of ['empty', 'bare', 'onlyempty']) expect(policy).not.toContain(`'${g}'`);
    expect(policy).toContain("'web' => %w(web1 web2),");
  });

  const tools = requireOrSkip('ansible-playbook, ruby and erubis', hasTool('ansible-playbook') && hasTool('ruby'));
  it.skipIf(!tools).each(INVENTORIES)(
    'renders as ansible-playbook does ($name), with static groups and with --groups search',
    async (inv) => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-emptygroups-'));
      try {
        const play = join(dir, 'play');
        const rendered = join(dir, 'rendered');
        mkdirSync(rendered);
        writeTree(play, project(inv, rendered));
        const run = spawnSync('/usr/bin/python3', ['/usr/bin/ansible-playbook', '-i', inv.name, 'site.yml'], {
          cwd: play,
          encoding: 'utf8',
          env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_DEPRECATION_WARNINGS: 'False' },
        });
        expect(run.status, run.stdout + run.stderr).toBe(0);
        const want = Object.fromEntries(HOSTS.map((h) => [h, readFileSync(join(rendered, `${h}.txt`), 'utf8')]));
        // The play's own sanity: what is compared is Ansible's [] and its undefined.
        expect(want['web1']).toContain('\nempty=|True|0|True|;');
        expect(want['web1']).toContain('\nonlyempty=|True|0|True|;');
        expect(want['web1']).toContain('\nnope=fallback|False|0|False|[none];');
        for (const mode of ['static', 'search'] as const) {
          const out = join(dir, `out-${mode}`);
          writeTree(out, (await convertProject(project(inv, rendered), { groups: mode })).files);
          const input = { cookbooks: out, resources: resourceSchema(join(SHARED, 'chef/resources.json')) };
          const r = spawnSync('ruby', [join(REPO_ROOT, 'test/tools/hostvars-render.rb')], {
            input: JSON.stringify(input),
            encoding: 'utf8',
          });
          expect(r.status, r.stderr).toBe(0);
          const got = JSON.parse(r.stdout) as Record<string, unknown[]>;
          expect(Object.fromEntries(HOSTS.map((h) => [h, got[h]?.[0]])), mode).toEqual(want);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
