import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const ready = compileReady();

const FILES = {
  'site.yml': '- hosts: web\n  roles: [app]\n',
  'inventory.ini': '[web]\nweb1\n',
  'roles/app/defaults/main.yml':
    "app_restart_state: reloaded\napp_other_state: restarted\napp_services: [api, worker]\napp_empty: []\napp_workers: \"{{ outside_workers | default(['w1', 'w2']) }}\"\n",
  'roles/app/tasks/main.yml':
    [
      '- name: one',
      '  copy: { content: "1", dest: /etc/one }',
      '  notify: [restart app, stop services, stop workers]',
      '- name: two',
      '  copy: { content: "2", dest: "/etc/{{ item }}" }',
      '  loop: [a, b]',
      '  notify: [restart app, stop services, stop workers]',
      '- name: never declared',
      '  copy: { content: "3", dest: "/etc/{{ item }}" }',
      '  loop: "{{ app_empty }}"',
      '  notify: restart app',
      '- name: alone',
      '  copy: { content: "4", dest: /etc/four }',
      '  notify: only once',
    ].join('\n') + '\n',
  'roles/app/handlers/main.yml':
    [
      '- name: restart app',
      '  service: { name: app, state: "{{ app_restart_state }}" }',
      '- name: stop services',
      '  command: "/bin/stop {{ item }}"',
      '  loop: "{{ app_services }}"',
      '- name: stop workers',
      '  command: "/bin/stop {{ item }}"',
      '  loop: "{{ app_workers }}"',
      '- name: only once',
      '  service: { name: other, state: "{{ app_other_state }}" }',
    ].join('\n') + '\n',
};

describe('shared notification lists', () => {
  it('are one lambda local per recipe, called by each notifying resource; a list used once stays in place', async () => {
    const r = await convertProject(FILES);
    const recipe = outputText(r, 'app/recipes/default.rb');
    const locals = recipe.split('\n').filter((l) => / = -> \{/.test(l));
    // The state's table rows are words: the action list is a plain lookup (modules/dynamic-action.ts), which
    // calls no support method and so is not shared as a lambda; it is read once as a value
    // (translate/read-once.ts), which each notifying resource uses.
    expect(locals).toHaveLength(1);
    expect(
      recipe.match(/^restart_state_actions = \[\{ 'started' => :start, [^\n]*\}\.fetch\(node\['app'\]\['restart_state'\]\)\]\.flatten$/gm),
    ).toHaveLength(1);
    expect(
      recipe.match(/restart_state_actions\.each \{ \|a2c_action\| notifies a2c_action, 'service\[restart app\]', :delayed \}/g),
    ).toHaveLength(3);
    // The handler that runs once per item: its names come from a typed list, so no support call is left to share.
    expect(recipe).not.toMatch(/\.each \{ \|item\| notifies .*A2C::/);
    // Items of unknown type: the names the handler's resources get are computed in the shared list.
    expect(recipe).toMatch(/^workers_names = -> \{ .*\.map \{ \|item\| A2C::Jinja\.out\(item\) \} \}$/m);
    expect(
      recipe.match(/workers_names\.call\.each \{ \|name\| notifies :run, "execute\[stop workers #\{name\}\]", :delayed \}/g),
    ).toHaveLength(2);
    // Used by one resource only: written where it is used, as before.
    expect(recipe).toMatch(
      /\[\{ 'started' => :start, .*\}\.fetch\(node\['app'\]\['other_state'\]\)\]\.flatten\.each \{ \|a2c_action\| notifies a2c_action, 'service\[only once\]'/,
    );
  });

  describe.skipIf(!ready)('in the compile phase', () => {
    it('each resource declares the notifications Ansible would send, in order', async () => {
      const r = await convertProject(FILES);
      const inputs = compileInputs();
      const runs = compileCheck(r.files, inputs);
      expect(runs.length).toBeGreaterThan(0);
      for (const run of runs) expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
      const detail = runs[0]!.detail!;
      const restart = [
        ['reload', 'service[restart app]', 'delayed'],
        ['start', 'service[restart app]', 'delayed'],
      ];
      const stop = [
        ...['api', 'worker'].map((s) => ['run', `execute[stop services ${s}]`, 'delayed']),
        ...['w1', 'w2'].map((s) => ['run', `execute[stop workers ${s}]`, 'delayed']),
      ];
      expect(detail.find((d) => d.id === 'file[/etc/one]')!.notifies).toEqual([...restart, ...stop]);
      for (const f of ['a', 'b']) expect(detail.find((d) => d.id === `file[/etc/${f}]`)!.notifies).toEqual([...restart, ...stop]);
      expect(detail.find((d) => d.id === 'file[/etc/four]')!.notifies).toEqual([['restart', 'service[only once]', 'delayed']]);
    });
  });
});
