// A set_fact that overrides a fact only on some hosts (zabbix-agent's `set_fact: ansible_os_family: Debian`
// under a Linuxmint `when`): where it has not run, the name is still Ansible's fact. The converted read is
// the value the set_fact left this run, else the Ohai fact, never an attribute nothing sets (which failed
// the Chef run with "node['ansible']['ansible_os_family'] is not set"). Checked against ansible-playbook
// gathering this machine's facts and the compile phase on the ground-truth Ohai facts of a Debian 12 machine.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { requireOrSkip } from '../helpers/real-tools.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const debian = existsSync('/etc/debian_version');
const ready =
  compileReady({ ansible: true }) &&
  // The ground truth is a Debian machine's: Ansible's side runs here and must see the same family.
  requireOrSkip('a Debian machine (as the ground truth)', debian);

const project = (dest: string, head: string): Record<string, string> => ({
  'site.yml': `- hosts: all\n${head}  roles: [mint]\n`,
  'roles/mint/tasks/main.yml':
    [
      '- name: Fix facts for linuxmint - family',
      '  set_fact:',
      '    ansible_os_family: Debian',
      '  when: ansible_os_family == "Linuxmint"',
      '- name: a fact overridden where the set_fact runs',
      '  set_fact:',
      '    ansible_distribution_release: pinned',
      '  when: ansible_os_family == "Debian"',
      '- name: write them',
      '  copy:',
      '    content: "{{ ansible_os_family }} {{ ansible_distribution_release }} {{ ansible_os_family is defined }}"',
      `    dest: ${dest}`,
    ].join('\n') + '\n',
});

describe('a fact some set_fact overrides', () => {
  it('reads the run_state value, else the Ohai fact', async () => {
    const r = await convertProject(project('/etc/mint', ''));
    const recipe = outputText(r, 'mint/recipes/default.rb');
    expect(recipe).toContain("node.run_state.fetch('ansible_os_family') { A2C::Facts.lookup(node.read!('platform_family'), 'os_family') }");
    expect(recipe).not.toContain("'ansible', 'ansible_os_family'");
    expect(recipe).not.toContain("'ansible', 'ansible_distribution_release'");
  });

  it.skipIf(!ready)("gives Ansible's values on a host where one set_fact runs and the other does not", async () => {
    const ansible = withLocalPlay(
      (dir) => project(join(dir, 'out'), '  connection: local\n'),
      (run) => {
        expect(run.status, run.log).toBe(0);
        return readFileSync(join(run.dir, 'out'), 'utf8');
      },
    );
    expect(ansible).toMatch(/^Debian pinned True$/);
    const r = await convertProject({ ...project('/etc/mint', ''), 'inventory.ini': 'web1\n' });
    const inputs = compileInputs();
    const runs = compileCheck(r.files, inputs);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
      const file = run.detail!.find((d) => d.id === 'file[/etc/mint]');
      expect(file?.properties['content'], JSON.stringify(run.detail)).toBe(ansible);
    }
  });
});
