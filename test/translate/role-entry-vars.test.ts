// A play's role entry `- role: x` + `vars: {...}`: Ansible 2.14's Role.get_vars merges the entry's
// `vars` just before the role's vars/main.yml, and its bare keys (role params) last, above
// set_fact. The entry's vars were converted as role params (Policyfile override), so they beat the
// role's vars/main.yml, which wins in Ansible. Each variable below is given by the entry's `vars:`
// and by one other source; the compile check must give what ansible-playbook gives on localhost.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertProject, outputText, type TextTree } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const READ = ['d_entry', 'rv_entry', 'play_entry', 'gv_entry', 'hv_entry', 'sf_entry', 'param_entry', 'only_entry'];
const content = READ.map((v) => `{{ ${v} }}`).join('|');

const project: TextTree = {
  hosts: '[web]\nlocalhost\n',
  'group_vars/web.yml': 'gv_entry: from-group-vars\n',
  'host_vars/localhost.yml': 'hv_entry: from-host-vars\n',
  'roles/app/defaults/main.yml': 'd_entry: from-role-default\n',
  'roles/app/vars/main.yml': 'rv_entry: from-role-vars\n',
  'roles/app/tasks/main.yml': [
    '- ansible.builtin.set_fact: { sf_entry: from-set-fact }',
    '- name: app values',
    `  ansible.builtin.copy: { dest: /tmp/a2c-role-entry-vars/app, content: "${content}" }`,
  ].join('\n'),
  // A later role reads them too: a role's vars are the play's (private_role_vars is off).
  'roles/other/vars/main.yml': 'unrelated: x\n',
  'roles/other/tasks/main.yml': [
    '- name: other values',
    `  ansible.builtin.copy: { dest: /tmp/a2c-role-entry-vars/other, content: "{{ rv_entry }}|{{ only_entry }}|{{ play_entry }}" }`,
  ].join('\n'),
  'site.yml': [
    '- hosts: web',
    '  vars:',
    '    play_entry: from-play-vars',
    '  roles:',
    '    - role: app',
    '      param_entry: from-role-param',
    '      vars:',
    ...READ.map((v) => `        ${v}: from-entry-vars`),
    '    - other',
  ].join('\n'),
};

describe("a role entry's vars:", () => {
  it("are written first in the role's attribute file at override, for the play's nodes, not in the Policyfile", async () => {
    const r = await convertProject(project);
    const policy = outputText(r, 'policyfiles/site.rb');
    expect(policy).not.toContain('from-entry-vars');
    expect(policy).toContain("'from-role-param'");
    const attrs = outputText(r, 'app/attributes/default.rb');
    const row = (v: string) =>
      outputText(r, 'CONVERSION.md')
        .split('\n')
        .find((l) => l.startsWith(`| \`${v}\` |`)) ?? '';
    // Same Chef level as the role's vars/main.yml, written before them: no precedence conflict to flag.
    expect(row('rv_entry')).toBe(
      "| `rv_entry` | `node['app']['rv_entry']` | roles/app/vars/main.yml:1:1 role vars (15) → cookbook override<br>site.yml:9:9 role vars (the role entry's vars:) (14.5) → cookbook override |",
    );
    const entry = attrs.indexOf("override['app']['rv_entry'] = 'from-entry-vars'");
    expect(entry).toBeGreaterThan(attrs.indexOf("if node.policy_name == 'site'"));
    expect(attrs.indexOf("override['app']['rv_entry'] = 'from-role-vars'")).toBeGreaterThan(entry);
    expect(outputText(r, 'other/attributes/default.rb')).not.toContain('from-entry-vars');
  });
});

const schemaFile = join(SHARED, 'chef/resources.json');
const ready =
  requireOrSkip('ruby', hasTool('ruby')) &&
  requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile)) &&
  requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

describe.skipIf(!ready)("a role entry's vars:, against real Ansible", () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-role-entry-vars-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("rank below the role's vars/main.yml, set_fact and role params, above play, group and host vars and role defaults", async () => {
    for (const [path, text] of Object.entries(project)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const r = spawnSync('ansible-playbook', ['-i', 'hosts', '-c', 'local', '--check', '--diff', 'site.yml'], {
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
    const after = (name: string) => {
      const diff = out.plays[0]!.tasks.find((t) => t.task.name.endsWith(name))!.hosts['localhost']!.diff;
      return (Array.isArray(diff) ? diff[0] : diff)?.after;
    };
    // The rule, as ansible-playbook 2.14 applies it.
    expect(after('app values')).toBe(
      'from-entry-vars|from-role-vars|from-entry-vars|from-entry-vars|from-entry-vars|from-set-fact|from-role-param|from-entry-vars',
    );
    expect(after('other values')).toBe('from-role-vars|from-entry-vars|from-entry-vars');

    const runs = compileCheck((await convertProject(project)).files, { factsFile: GROUND_TRUTH, schemaFile, detail: true });
    expect(runs.map((x) => x.ok)).toEqual([true]);
    const chef = Object.fromEntries((runs[0]!.detail ?? []).map((d) => [d.id, d.properties['content']]));
    expect(chef['file[/tmp/a2c-role-entry-vars/app]']).toBe(after('app values'));
    expect(chef['file[/tmp/a2c-role-entry-vars/other]']).toBe(after('other values'));
  });
});
