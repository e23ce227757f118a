// ansible.posix.selinux stays a TODO saying why Chef's selinux_state is not the same, by each
// name Ansible runs the module under; no selinux_state resource is written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { formatDiagnostic } from '../../../src/base/diagnostics.js';
import { requireOrSkip } from '../../helpers/real-tools.js';

describe('ansible.posix.selinux', () => {
  for (const name of ['ansible.posix.selinux', 'selinux']) {
    it(`${name}: A2C-TODO-MODULE with what selinux_state does otherwise`, async () => {
      const result = await convertRole({ 'tasks/main.yml': `- name: Enforce\n  ${name}:\n    policy: targeted\n    state: enforcing\n` });
      const diags = result.diagnostics.map(formatDiagnostic);
      expect(diags).toHaveLength(1);
      expect(diags[0]).toMatch(/^tasks\/main\.yml:1:3: warning A2C-TODO-MODULE module \S+ is not converted: /);
      expect(diags[0]).toContain('SELINUX= and SELINUXTYPE= lines');
      expect(diags[0]).toContain('permissive when disabling');
      const body = recipeBody(result, 'demo');
      expect(body).toContain('# TODO(ansible2chef): A2C-TODO-MODULE');
      expect(body).not.toMatch(/^selinux_state/m);
    });
  }

  it('a module of another collection by the same short name is not given the reason', async () => {
    const result = await convertRole({ 'tasks/main.yml': '- name: Other\n  example.ns.selinux:\n    state: enforcing\n' });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringContaining('A2C-TODO-MODULE module example.ns.selinux is not in the mapping table'),
    ]);
  });
});

// The reason's first claim, checked on the real module (Debian's ansible package): its config
// writers replace the SELINUX= and SELINUXTYPE= lines and keep every other line as it was, where
// selinux_state renders the file from its template.
const MODULE = '/usr/lib/python3/dist-packages/ansible_collections/ansible/posix/plugins/modules/selinux.py';
const RUN = `
import importlib.util, shutil, sys
spec = importlib.util.spec_from_file_location('selinux_module', sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
class Module:
    def atomic_move(self, src, dest):
        shutil.move(src, dest)
m.set_config_state(Module(), 'permissive', sys.argv[2])
# The policy counts as installed (the module checks /etc/selinux/<policy>/policy first).
exists = m.os.path.exists
m.os.path.exists = lambda p: p == '/etc/selinux/mls/policy' or exists(p)
m.set_config_policy(Module(), 'mls', sys.argv[2])
`;

describe.skipIf(!requireOrSkip('ansible selinux module', existsSync(MODULE)))('the module edits two lines of the config file', () => {
  it('keeps comments and other settings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-selinux-'));
    try {
      const config = join(dir, 'config');
      const before = ['# site comment', 'SELINUX=enforcing', 'SETLOCALDEFS=0', '', 'SELINUXTYPE=targeted', 'AUTORELABEL=0', ''];
      writeFileSync(config, before.join('\n'));
      const r = spawnSync('/usr/bin/python3', ['-c', RUN, MODULE, config], { encoding: 'utf8', timeout: 120_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const after = readFileSync(config, 'utf8').split('\n');
      expect(after).toEqual(['# site comment', 'SELINUX=permissive', 'SETLOCALDEFS=0', '', 'SELINUXTYPE=mls', 'AUTORELABEL=0', '']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
