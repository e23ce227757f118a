// service / systemd `state: reloaded` starts a stopped service and reloads a running one; Chef's
// :reload does nothing to a stopped service. The conversion is `[:reload, :start]`: each action
// acts only in its own case. Checked against the real systemd module (run with a stand-in
// systemctl that reports the unit stopped or running and records what it is asked to do), with
// Chef's service actions modelled after lib/chef/provider/service.rb.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertRole, outputText, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { systemctlCalls } from '../../helpers/fake-systemctl.js';

const LIBDIR = resolve(import.meta.dirname, '../../../src/support-cookbook/ruby/libraries');

/** The systemctl verbs a Chef service resource runs for `actions` on a unit that is (not) running. */
function chefVerbs(actions: string[], running: boolean): string[] {
  const out: string[] = [];
  for (const a of actions) {
    // provider/service.rb: :start only when not running, :stop and :reload only when running, :restart
    // always (`systemctl restart` of an inactive unit starts it: counted as the start the module runs).
    if (a === 'start' && !running) {
      out.push('start');
      running = true;
    } else if (a === 'stop' && running) {
      out.push('stop');
      running = false;
    } else if (a === 'reload' && running) out.push('reload');
    else if (a === 'restart') {
      out.push(running ? 'restart' : 'start');
      running = true;
    }
  }
  return out;
}

/** The converted resource's actions, read from the printed `action` line. */
async function convertedActions(module: string, state: string): Promise<string[]> {
  const r = await convertRole({ 'tasks/main.yml': `- ${module}: name=x state=${state}\n` });
  const line = recipeBody(r, 'demo')
    .split('\n')
    .find((l) => l.trim().startsWith('action '))!;
  return [...line.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

describe('state: reloaded', () => {
  it.each(['service', 'ansible.builtin.systemd', 'ansible.builtin.systemd_service'])('%s: reload then start', async (module) => {
    expect(await convertedActions(module, 'reloaded')).toEqual(['reload', 'start']);
    const r = await convertRole({ 'tasks/main.yml': `- ${module}: name=x state=reloaded enabled=yes\n` });
    expect(recipeBody(r, 'demo')).toContain('  action [:enable, :reload, :start]');
  });

  it('a reloaded handler is notified with :reload then :start', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- command: /bin/true\n  notify: reload x\n',
      'handlers/main.yml': '- name: reload x\n  service: name=x state=reloaded\n',
    });
    // The only handler, notified by every notifying task: the service resource itself (service-handlers.ts).
    expect(recipeBody(r, 'demo')).toContain(
      ["  notifies :reload, 'service[x]', :delayed", "  notifies :start, 'service[x]', :delayed"].join('\n'),
    );
    expect(recipeBody(r, 'demo', 'handlers')).toContain("service 'x' do\n  action :nothing\nend");
  });

  it('a templated state converts, and a templated handler state is notified action by action', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'svc_state: reloaded\n',
      'tasks/main.yml': '- service: name=x state={{ svc_state }} enabled=yes\n- command: /bin/true\n  notify: bounce\n',
      'handlers/main.yml': '- name: bounce\n  service:\n    name: y\n    state: "{{ svc_state }}"\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'converted']);
    const body = recipeBody(r, 'demo');
    // The table's rows are words: a plain Ruby lookup picks the action (dynamic-action.ts).
    const pick =
      "{ 'started' => :start, 'stopped' => :stop, 'restarted' => :restart, 'reloaded' => [:reload, :start] }.fetch(node['demo']['svc_state'])";
    expect(body).toContain(`  action [:enable, ${pick}].flatten\n`);
    expect(body).toContain(`  [${pick}].flatten.each { |a2c_action| notifies a2c_action, 'service[bounce]', :delayed }\n`);
    expect(outputText(r, 'demo/recipes/handlers.rb')).toContain("service 'bounce' do");
  });

  // A Ruby loop would need each item notified with each selected action (two nested loops): the
  // literal items are unrolled instead, one handler resource each, notified in the items' order.
  it('a looping handler with a templated state that may select several actions is unrolled over its literal items', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'svc_state: reloaded\n',
      'tasks/main.yml': '- command: /bin/true\n  notify: bounce\n',
      'handlers/main.yml': '- name: bounce\n  service:\n    name: "{{ item }}"\n    state: "{{ svc_state }}"\n  loop: [a, b]\n',
    });
    expect(r.diagnostics.map((d) => d.code)).not.toContain('A2C-TODO-NOTIFY');
    const pick =
      "{ 'started' => :start, 'stopped' => :stop, 'restarted' => :restart, 'reloaded' => [:reload, :start] }.fetch(node['demo']['svc_state'])";
    // The action list, read twice, is read once into a local (translate/read-once.ts).
    const body = recipeBody(r, 'demo');
    expect(body).toContain(`svc_state_actions = [${pick}].flatten\n`);
    expect(body).toContain(
      "  svc_state_actions.each { |a2c_action| notifies a2c_action, 'service[bounce (1)]', :delayed }\n" +
        "  svc_state_actions.each { |a2c_action| notifies a2c_action, 'service[bounce (2)]', :delayed }\n",
    );
    const handlers = outputText(r, 'demo/recipes/handlers.rb');
    expect(handlers).toContain("service 'bounce (1)' do\n  service_name 'a'\n  action :nothing\nend");
    expect(handlers).toContain("service 'bounce (2)' do\n  service_name 'b'\n  action :nothing\nend");
  });
});

const haveRuby = requireOrSkip('ruby', hasTool('ruby'));
describe.skipIf(!haveRuby)('A2C::Tasks.action with a value that selects several actions', () => {
  it('returns the actions in order, and the flattened list is what Chef runs', () => {
    const table = "{ 'started' => 'start', 'reloaded' => 'reload+start' }";
    const script = `require 'a2c_jinja'; require 'a2c_tasks'; p A2C::Tasks.action('reloaded', ${table}); p A2C::Tasks.action('started', ${table}); p [:enable, A2C::Tasks.action('reloaded', ${table})].flatten`;
    const r = spawnSync('ruby', ['-I', LIBDIR, '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('[:reload, :start]\n:start\n[:enable, :reload, :start]\n');
  });
});

const haveAnsible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
describe.skipIf(!haveAnsible)('the same systemctl verbs as the real systemd module', () => {
  const STATES = ['started', 'stopped', 'restarted', 'reloaded'];
  const dir = mkdtempSync(join(tmpdir(), 'a2c-systemctl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** One playbook run: every state on a unit that runs (u_active) and one that does not (u_inactive). */
  function ansibleVerbs(): Map<string, string[]> {
    // A stand-in systemctl: `show` reports the state the unit is named after; every call is logged.
    const tasks = STATES.flatMap((state) =>
      ['active', 'inactive'].map((s) => `ansible.builtin.systemd: name=${state}_${s} state=${state}`),
    );
    const calls = systemctlCalls(
      dir,
      [
        '  show) printf "Id=%s.service\\nNames=%s.service\\nActiveState=%s\\nLoadState=loaded\\nUnitFileState=enabled\\n" "$2" "$2" "${2#*_}";;',
      ],
      tasks,
    );
    const verbs = new Map<string, string[]>();
    for (const [verb, unit] of calls) {
      if (verb === 'show' || !unit) continue;
      verbs.set(unit, [...(verbs.get(unit) ?? []), verb!]);
    }
    return verbs;
  }

  it('for every state, on a stopped and on a running unit', async () => {
    const ansible = ansibleVerbs();
    for (const state of STATES) {
      const actions = await convertedActions('ansible.builtin.systemd', state);
      for (const running of [false, true]) {
        const unit = `${state}_${running ? 'active' : 'inactive'}`;
        expect({ unit, verbs: chefVerbs(actions, running) }).toEqual({ unit, verbs: ansible.get(unit) ?? [] });
      }
    }
  });
});
