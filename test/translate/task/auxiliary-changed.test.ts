// Resources a translation adds beside the module's own effect (systemd's daemon-reload execute,
// apt's cache refresh before its packages, git's ruby_block checking for local changes) are not
// what Ansible's `changed` comes from, but a registered task's record and `when: r is changed`
// subscribed to them: an execute or ruby_block counts as updated on every run, so the result read
// changed every time. `systemd: daemon_reload: true` alone reports no change in Ansible (checked with
// ansible-playbook and a stand-in systemctl), where its execute notified the handlers on every run.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const RELOAD = ['- name: reload units', '  systemd: {daemon_reload: true}', '  register: rl', '  notify: h'].join('\n');

describe('resources beside the module’s own effect', () => {
  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

  it.skipIf(!playbook)(
    'Ansible: systemd daemon_reload alone reports no change and notifies nothing',
    () => {
      withLocalPlay(
        (dir) => {
          const fake = join(dir, 'bin/systemctl');
          return {
            'bin/systemctl': `#!/bin/sh\necho "$@" >> ${dir}/calls\nexit 0\n`,
            'site.yml': [
              '- hosts: all',
              '  gather_facts: false',
              '  connection: local',
              `  environment: {PATH: "${dir}/bin:{{ ansible_env.PATH | default('/usr/bin:/bin') }}"}`,
              '  tasks:',
              '    - name: make the stand-in runnable',
              `      file: {path: "${fake}", mode: "0755"}`,
              ...RELOAD.split('\n').map((l) => `    ${l}`),
              `    - copy: {dest: "${dir}/changed", content: "{{ rl.changed }}"}`,
              '  handlers:',
              `    - name: h\n      file: {path: "${dir}/handler-ran", state: touch}`,
              '',
            ].join('\n'),
          };
        },
        (run) => {
          expect(run.status, run.log).toBe(0);
          expect(readFileSync(join(run.dir, 'calls'), 'utf8')).toBe('daemon-reload\n');
          expect(readFileSync(join(run.dir, 'changed'), 'utf8')).toBe('False');
          expect(existsSync(join(run.dir, 'handler-ran'))).toBe(false);
        },
      );
    },
    120_000,
  );

  it('converts with no notification from them, a record they do not mark, and no subscription to them', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        RELOAD,
        '- name: after reload',
        '  file: {path: /tmp/a2c-after-reload, state: touch}',
        '  when: rl is changed',
        '- name: code',
        '  git: {repo: "https://example.org/x.git", dest: /srv/x, force: false}',
        '  register: co',
        '- name: after checkout',
        '  file: {path: /tmp/a2c-after-checkout, state: touch}',
        '  when: co is changed',
        '- name: refresh the cache',
        '  apt: {update_cache: true}',
        '  notify: h',
        '',
      ].join('\n'),
      'handlers/main.yml': '- name: h\n  file: {path: /tmp/a2c-h, state: touch}\n',
    });
    const recipe = outputText(r, 'demo/recipes/default.rb');
    // The daemon-reload runs, notifying nothing; the record stays unchanged; the guard reads it.
    expect(recipe).toContain("execute 'systemctl daemon-reload'\n");
    expect(recipe).toContain("A2C::Tasks.store(node.run_state, 'rl', { 'changed' => false, 'failed' => false })");
    expect(recipe).not.toContain("mark_changed(node.run_state, 'rl')");
    expect(recipe).toContain("only_if { A2C::Tasks.result?(A2C::Tasks.registered(node.run_state, 'rl'), 'changed') }");
    expect(r.diagnostics.find((d) => d.code === 'A2C-IGNORED-NOTIFY')?.message).toContain(
      'this ansible.builtin.systemd task reports no change',
    );
    // git: the checkout, not the ruby_block looking for local changes, says whether it changed.
    expect(recipe).toContain("subscribes :touch, 'git[/srv/x]', :immediately");
    expect(recipe).not.toMatch(/subscribes :touch, 'ruby_block\[git local modifications/);
    // apt with only update_cache: the refresh is the task's effect, and notifies when the apt cache
    // time moved, as apt reports changed (a2c_apt_update: test/support-cookbook/support-apt-cache.test.ts).
    expect(recipe).toMatch(/a2c_apt_update 'apt cache' do\n {2}notifies :touch, 'file\[h\]', :delayed\nend/);
  });
});
