// A role value reading a path the input's values lack (os_keystone's OIDC options index
// `keystone_sp.trusted_idp_list.0` over `keystone_sp: {}`): Ansible templates it only where a task
// reads it, so a play whose feature flag leaves it unread succeeds. The converted run must too:
// the value is computed at each use (deferred.ts, absent-paths.ts), not in the attribute file.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheckDir } from '../../src/scripts/chef-compile.js';
import { convergeRender } from '../helpers/converge-render.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');

function project(out: string): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [idp]\n',
    'inventory.ini': 'localhost\n',
    'roles/idp/defaults/main.yml': 'idp: {}\nuse_oidc: false\nidp_list: []\n',
    'roles/idp/vars/main.yml': [
      '_oidc_options:',
      '  - "Provider {{ idp.trusted.0.url }}"',
      '  - "Claim {{ idp.trusted.0.claim | default(\'OIDC-\') }}"',
      '_first_idp: "{{ idp_list[0] }}"',
      '_plain: "{{ idp | length }} {{ idp_list | default([]) | length }}"',
      // Reads Ansible never fails on: guarded by `is defined` beside, a method of the value.
      '_guarded: "{{ idp != {} and idp.mod is defined and idp.mod == \'x\' }}"',
      '_method: "{{ idp.keys() | list | length }}"',
      '',
    ].join('\n'),
    'roles/idp/tasks/main.yml': [
      '- name: options',
      '  copy:',
      `    dest: "${out}/opts.txt"`,
      "    content: \"{{ (_oidc_options | join(',')) if use_oidc else 'no oidc' }} {{ _plain }}\"",
      '- name: first',
      `  copy: { content: "{{ _first_idp }}", dest: "${out}/first.txt" }`,
      '  when: idp_list | length > 0',
      '',
    ].join('\n'),
  };
}

const tools = requireOrSkip(
  'ansible-playbook, ruby, erubis and shared/chef',
  hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile) && existsSync(GROUND_TRUTH),
);

describe('a role value reading a path its variable lacks', () => {
  it('is computed at each use, not in the attribute file', async () => {
    const r = await convertProject(project('/etc/idp'));
    const attrs = outputText(r, 'idp/attributes/default.rb');
    expect(attrs).not.toContain('_oidc_options');
    expect(attrs).not.toContain('_first_idp');
    // A value reading only paths the input holds stays an attribute.
    for (const name of ['_plain', '_guarded', '_method']) expect(attrs).toContain(`['${name}']`);
  });
});

describe.skipIf(!tools)('a role value reading a path its variable lacks, vs real Ansible', () => {
  it('compiles and writes what ansible-playbook writes where no task reads it', async () => {
    const want = withLocalPlay(
      (dir) => project(dir),
      (run) => {
        expect(run.status, run.log).toBe(0);
        return { opts: readFileSync(join(run.dir, 'opts.txt'), 'utf8'), first: existsSync(join(run.dir, 'first.txt')) };
      },
    );
    expect(want).toEqual({ opts: 'no oidc 0 0', first: false });
    const dir = mkdtempSync(join(tmpdir(), 'a2c-absent-'));
    try {
      const r = await convertProject(project('/etc/idp'));
      for (const [path, content] of r.files) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      const [compiled] = compileCheckDir(dir, { factsFile: GROUND_TRUTH, schemaFile });
      expect(compiled, JSON.stringify(compiled)).toMatchObject({ outcome: 'ok' });
      const events = convergeRender(dir, schemaFile)['localhost'] ?? [];
      expect(events.find((e) => e.error !== undefined)).toBeUndefined();
      expect(events.find((e) => e.id.endsWith('/etc/idp/opts.txt]'))?.text).toBe(want.opts);
      expect(events.some((e) => e.id.endsWith('/etc/idp/first.txt]') && e.text !== undefined)).toBe(want.first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
