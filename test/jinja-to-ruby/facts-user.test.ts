// The user facts (ansible_user_id, _uid, _gid, _gecos, _dir, _shell, the real/effective ids) belong to
// the process gathering facts; Ohai's current_user is optional (not collected by default).
// A2C::Facts applies the user collector's rules: compared with ansible-core's own UserFactCollector
// over environments that take each of its paths (a name from each variable, a name with no password
// entry, none at all), with the facts the setup module gathers here, and the facts converted to
// A2C::Facts calls instead of TODOs.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { userCollectorFacts } from '../helpers/user-facts.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LIB = resolve(ROOT, 'src/support-cookbook/ruby/libraries/a2c_facts_user.rb');
const ready = requireOrSkip('python3', hasTool('python3')) && requireOrSkip('ruby', hasTool('ruby'));
const ansible = requireOrSkip('ansible', hasTool('ansible'));

const FACTS = userCollectorFacts();
const NAMES = ['LOGNAME', 'USER', 'LNAME', 'USERNAME'];
const PATH = process.env.PATH ?? '/usr/bin:/bin';
// Each variable first, an empty one skipped, a user other than the process's (its own password
// entry: nobody's home and shell differ from root's), a name no entry has (the real uid's entry),
// none at all (the uid's password entry).
const ENVS: Array<Record<string, string>> = [
  { LOGNAME: 'alice', USER: 'bob' },
  { LOGNAME: '', USER: 'bob', LNAME: 'carol' },
  { LNAME: 'carol', USERNAME: 'dave' },
  { USER: '', USERNAME: 'dave' },
  { LOGNAME: 'nobody' },
  { USER: 'daemon' },
  { LOGNAME: '', USER: '', LNAME: '', USERNAME: '' },
  {},
];

const PY = [
  'import json',
  'from ansible.module_utils.facts.system.user import UserFactCollector',
  'print(json.dumps(UserFactCollector().collect()), end="")',
].join('\n');
// Each helper called by name, as the converted recipes call it (test/mapping/mapping-meta.test.ts finds each
// fact's differential by its helper's name); a fact the table adds without a helper here fails the key check.
const RB = [
  `require ${JSON.stringify(LIB)}`,
  'require "json"',
  'print(JSON.generate({',
  "  'user_id' => A2C::Facts.user_id(nil), 'user_uid' => A2C::Facts.user_uid(nil),",
  "  'user_gid' => A2C::Facts.user_gid(nil), 'user_gecos' => A2C::Facts.user_gecos(nil),",
  "  'user_dir' => A2C::Facts.user_dir(nil), 'user_shell' => A2C::Facts.user_shell(nil),",
  "  'real_user_id' => A2C::Facts.real_user_id(nil), 'effective_user_id' => A2C::Facts.effective_user_id(nil),",
  "  'real_group_id' => A2C::Facts.real_group_id(nil), 'effective_group_id' => A2C::Facts.effective_group_id(nil),",
  '}))',
].join('\n');

function run(cmd: string, args: string[], env: Record<string, string>): Record<string, unknown> {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { PATH, ...env }, timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe.skipIf(!ready)("A2C::Facts user facts against ansible-core's user collector", () => {
  it.each(ENVS)('give what the collector gives in %j', (env) => {
    const py = run('/usr/bin/python3', ['-c', PY], env);
    const rb = run('ruby', ['-e', RB], env);
    expect(Object.keys(py).sort()).toEqual([...FACTS].sort());
    expect(rb).toEqual(py);
    expect(String(py['user_id']).length).toBeGreaterThan(0);
  });

  it('the environments take the password entry of another user and the fallback', () => {
    for (const n of NAMES) expect(ENVS.at(-1)).not.toHaveProperty(n);
    const nobody = run('/usr/bin/python3', ['-c', PY], { LOGNAME: 'nobody' });
    const none = run('/usr/bin/python3', ['-c', PY], { LOGNAME: 'alice' });
    expect(nobody['user_uid']).not.toBe(nobody['real_user_id']);
    expect(none['user_uid']).toBe(none['real_user_id']);
  });

  it.skipIf(!ansible)('are the ansible_user_* facts the setup module gathers here', () => {
    const env = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'False' } as Record<string, string>;
    const setup = spawnSync('ansible', ['localhost', '-c', 'local', '-m', 'setup', '-a', 'gather_subset=!all,user'], {
      encoding: 'utf8',
      env,
      timeout: 300_000,
    });
    expect(setup.status, setup.stdout + setup.stderr).toBe(0);
    const facts = JSON.parse(setup.stdout.slice(setup.stdout.indexOf('{'))).ansible_facts as Record<string, unknown>;
    const rb = spawnSync('ruby', ['-e', RB], { encoding: 'utf8', env });
    expect(rb.status, rb.stderr).toBe(0);
    const ours = JSON.parse(rb.stdout) as Record<string, unknown>;
    for (const f of FACTS) expect([f, ours[f]]).toEqual([f, facts[`ansible_${f}`]]);
  });
});

describe('the user facts convert to A2C::Facts calls', () => {
  it('in a default, a task, a condition and a template, without a TODO', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'app_owner: "{{ ansible_user_id }}"\napp_home: "{{ ansible_user_dir }}/bin"\n',
      'tasks/main.yml':
        '- name: owner\n  set_fact:\n    who: "{{ ansible_facts.user_id }}"\n' +
        '- name: conf\n  template: { src: c.j2, dest: "{{ app_home }}/c" }\n  when: ansible_user_uid == 0\n',
      'templates/c.j2': '{{ ansible_user_id }} {{ app_owner }} {{ ansible_user_shell }}\n',
    });
    expect(r.diagnostics.filter((d) => d.code.startsWith('A2C-TODO'))).toEqual([]);
    expect(outputText(r, 'demo/attributes/default.rb')).toContain("default['demo']['app_owner'] = A2C::Facts.user_id(node)");
    expect(outputText(r, 'demo/attributes/default.rb')).toContain('A2C::Facts.user_dir(node)');
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).toContain('A2C::Facts.user_id(node)');
    expect(recipe).toMatch(/A2C::Facts\.user_uid\(node\) == 0/);
    expect(outputText(r, 'demo/templates/c.erb')).toContain('A2C::Facts.user_shell(node)');
  });
});
