// ansible_user_id is Python's getpass.getuser() in the process gathering facts; Ohai's current_user
// is optional (not collected by default). A2C::Facts.user_id applies getuser's rules: compared with
// Python's getuser over environments that take each of its paths, with the fact ansible-core's setup
// module gathers here, and `{{ ansible_user_id }}` converted to it instead of a TODO.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LIB = resolve(ROOT, 'src/support-cookbook/ruby/libraries/a2c_facts_user_id.rb');
const ready = requireOrSkip('python3', hasTool('python3')) && requireOrSkip('ruby', hasTool('ruby'));
const ansible = requireOrSkip('ansible', hasTool('ansible'));

const NAMES = ['LOGNAME', 'USER', 'LNAME', 'USERNAME'];
const PATH = process.env.PATH ?? '/usr/bin:/bin';
// Each variable first, an empty one skipped, none at all (the uid's password entry).
const ENVS: Array<Record<string, string>> = [
  { LOGNAME: 'alice', USER: 'bob' },
  { LOGNAME: '', USER: 'bob', LNAME: 'carol' },
  { LNAME: 'carol', USERNAME: 'dave' },
  { USER: '', USERNAME: 'dave' },
  { LOGNAME: '', USER: '', LNAME: '', USERNAME: '' },
  {},
];

function run(cmd: string, args: string[], env: Record<string, string>): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { PATH, ...env } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe.skipIf(!ready)("A2C::Facts.user_id against Python's getpass.getuser", () => {
  it.each(ENVS)('gives what Python gives in %j', (env) => {
    const py = run('python3', ['-c', 'import getpass; print(getpass.getuser(), end="")'], env);
    const rb = run('ruby', ['-e', `require ${JSON.stringify(LIB)}; print A2C::Facts.user_id(nil)`], env);
    expect(rb).toBe(py);
    expect(py.length).toBeGreaterThan(0);
  });

  it('reads none of the names when all are unset', () => {
    for (const n of NAMES) expect(ENVS.at(-1)).not.toHaveProperty(n);
  });

  it.skipIf(!ansible)('A2C::Facts.user_id is the ansible_user_id the setup module gathers here', () => {
    const env = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'False' } as Record<string, string>;
    const setup = spawnSync('ansible', ['localhost', '-c', 'local', '-m', 'setup', '-a', 'filter=ansible_user_id'], {
      encoding: 'utf8',
      env,
    });
    expect(setup.status, setup.stdout + setup.stderr).toBe(0);
    const fact = JSON.parse(setup.stdout.slice(setup.stdout.indexOf('{'))).ansible_facts.ansible_user_id as string;
    const rb = spawnSync('ruby', ['-e', `require ${JSON.stringify(LIB)}; print A2C::Facts.user_id(nil)`], { encoding: 'utf8', env });
    expect(rb.status, rb.stderr).toBe(0);
    expect(rb.stdout).toBe(fact);
  });
});

describe('ansible_user_id converts to A2C::Facts.user_id', () => {
  it('in a default, a task and a template, without a TODO', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'app_owner: "{{ ansible_user_id }}"\n',
      'tasks/main.yml':
        '- name: owner\n  set_fact:\n    who: "{{ ansible_facts.user_id }}"\n- name: conf\n  template: { src: c.j2, dest: /etc/c }\n',
      'templates/c.j2': '{{ ansible_user_id }} {{ app_owner }}\n',
    });
    expect(r.diagnostics.filter((d) => d.code.startsWith('A2C-TODO'))).toEqual([]);
    expect(outputText(r, 'demo/attributes/default.rb')).toContain("default['demo']['app_owner'] = A2C::Facts.user_id(node)");
    expect(outputText(r, 'demo/recipes/default.rb')).toContain('A2C::Facts.user_id(node)');
    expect(outputText(r, 'demo/templates/c.erb')).toContain('A2C::Facts.user_id(node)');
  });
});
