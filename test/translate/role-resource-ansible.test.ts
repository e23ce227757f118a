// include_role with vars against the real ansible-playbook: the same project run by Ansible and
// converted, then compiled by the compile-phase harness (test/tools/chef-compile.rb), gives each
// include its own values: passed ones, the role's defaults for the others, and role defaults that
// read a passed name following it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertProject, formatDiagnostic, type TextTree } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';
import { writeTree } from '../helpers/golden.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const schemaFile = join(SHARED, 'chef/resources.json');
const ready =
  requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) &&
  requireOrSkip('ruby', hasTool('ruby')) &&
  requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile));

function project(out: string): TextTree {
  return {
    'site.yml': `- hosts: localhost\n  connection: local\n  gather_facts: false\n  vars:\n    out: ${out}\n  roles: [web]\n`,
    'inventory.ini': 'localhost ansible_connection=local\n',
    'roles/site/defaults/main.yml': 'site_name: default\nsite_port: 80\nsite_root: "/srv/{{ site_name }}"\n',
    'roles/site/tasks/main.yml':
      '- name: Describe the site\n  copy:\n    content: "{{ site_name }} {{ site_port }} {{ site_root }}"\n    dest: "{{ out }}/{{ site_name }}.txt"\n    mode: "0644"\n',
    'roles/web/defaults/main.yml': 'web_port: 8080\n',
    'roles/web/tasks/main.yml': [
      '- name: Shop',
      '  include_role:',
      '    name: site',
      '  vars:',
      '    site_name: shop',
      '    site_port: "{{ web_port }}"',
      '- name: Blog',
      '  include_role:',
      '    name: site',
      '  vars:',
      '    site_name: blog',
      '    site_root: /opt/blog',
      '- name: Skipped',
      '  include_role:',
      '    name: site',
      '  vars:',
      '    site_name: never',
      '  when: web_port == 1',
      '',
    ].join('\n'),
  };
}

describe.skipIf(!ready)('include_role with vars: Ansible and the converted custom resource agree', () => {
  it('each include writes its own values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-roleres-'));
    try {
      const out = join(dir, 'out');
      const files = project(out);
      writeTree(join(dir, 'in'), new Map(Object.entries(files).map(([p, c]) => [p, Buffer.from(c)])));
      mkdirSync(out);
      const r = spawnSync('ansible-playbook', ['-i', 'inventory.ini', 'site.yml'], {
        cwd: join(dir, 'in'),
        encoding: 'utf8',
        env: ansibleEnv(),
      });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const ansible = Object.fromEntries(
        readdirSync(out)
          .sort()
          .map((f) => [join(out, f), readFileSync(join(out, f), 'utf8')]),
      );

      const converted = await convertProject(files);
      expect(converted.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic)).toEqual([]);
      const runs = compileCheck(converted.files, { factsFile: GROUND_TRUTH, schemaFile, detail: true });
      expect(runs.map((x) => x.ok)).toEqual([true]);
      // The skipped include's action is compiled too (its guard runs at converge): leave it out as Chef's guard would.
      const chef = Object.fromEntries(
        runs[0]!
          .detail!.filter((d) => d.id.startsWith('file[') && !d.id.includes('never'))
          .map((d) => [d.id.slice('file['.length, -1), d.properties['content']]),
      );
      expect(ansible).toEqual({ [join(out, 'blog.txt')]: 'blog 80 /opt/blog', [join(out, 'shop.txt')]: 'shop 8080 /srv/shop' });
      expect(chef).toEqual(ansible);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
