// ansible_env is the environment of the process gathering facts; the converted run reads
// chef-client's ENV. Both are run here in one environment: real Ansible (setup, then the
// expressions) and the translated Ruby with the support library must give the same values,
// including a missing variable read through default.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateExpr } from '../../src/jinja-to-ruby/expr.js';
import { parseExpression } from '../../src/load/jinja/index.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { exprToRuby } from '../helpers/expr-to-ruby.js';

const LIBS = resolve(new URL('../..', import.meta.url).pathname, 'src/support-cookbook/ruby/libraries');
const ansible = requireOrSkip('ansible-playbook (/usr/bin/python3)', hasTool('/usr/bin/ansible-playbook'));
const ruby = requireOrSkip('ruby', hasTool('ruby'));

const EXPRS = [
  "ansible_env.SUDO_USER | d('root')",
  "ansible_env.NOT_SET_A2C | default('none')",
  'ansible_env.HOME',
  "ansible_facts['env']['HOME'] ~ '/.docker'",
  "ansible_env['A2C_LIST'] | default('x')",
  "'A2C_LIST' in ansible_env",
  "'SUDO_USER' in ansible_env",
];
// LC_CTYPE: Ansible's controller sets it for the module when the locale is not UTF-8; given here.
const ENVS: Array<Record<string, string>> = [
  { SUDO_USER: 'deploy', HOME: '/root', A2C_LIST: '[1, 2]', LC_CTYPE: 'C.UTF-8' },
  { HOME: '/home/ops', LC_CTYPE: 'C.UTF-8' },
];

const toRuby = (src: string): string => exprToRuby(src);

function viaAnsible(env: Record<string, string>, dir: string): unknown[] {
  const play = [
    '- hosts: localhost',
    '  connection: local',
    '  gather_facts: true',
    "  gather_subset: ['!all', '!min', 'env']",
    '  tasks:',
    '    - set_fact:',
    `        out: ${JSON.stringify(`{{ [${EXPRS.join(', ')}] }}`)}`,
    '    - copy: { content: "{{ out | to_json }}", dest: out.json }',
  ].join('\n');
  writeFileSync(join(dir, 'play.yml'), play);
  const r = spawnSync('/bin/sh', ['-c', '/usr/bin/ansible-playbook -i localhost, play.yml'], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', ANSIBLE_NOCOLOR: '1', ...env },
  });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const cat = spawnSync('cat', [join(dir, 'out.json')], { encoding: 'utf8' });
  return JSON.parse(cat.stdout) as unknown[];
}

function viaRuby(env: Record<string, string>, dir: string): unknown[] {
  const script = [
    "require 'json'",
    `require File.join(${JSON.stringify(LIBS)}, 'a2c_jinja')`,
    `require File.join(${JSON.stringify(LIBS)}, 'a2c_facts_env')`,
    'node = {}',
    `print JSON.generate([${EXPRS.map(toRuby).join(', ')}])`,
  ].join('\n');
  writeFileSync(join(dir, 'env.rb'), script);
  // Through the same shell as Ansible's local connection, so PWD and SHLVL agree.
  const r = spawnSync('/bin/sh', ['-c', 'ruby env.rb'], { cwd: dir, encoding: 'utf8', env: { PATH: '/usr/bin:/bin', ...env } });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as unknown[];
}

describe.skipIf(!ansible || !ruby)('ansible_env against Ansible setup in the same environment', () => {
  it.each(ENVS)(
    'gives the values Ansible gives (%o)',
    (env) => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-env-'));
      expect(viaRuby(env, dir)).toEqual(viaAnsible(env, dir));
    },
    60_000,
  );

  it('reads another host’s environment nowhere', () => {
    const scope = { tables: builtinTables(), lookupVar: () => undefined, locals: new Map<string, string>() };
    const p = parseExpression("hostvars['db1'].ansible_env.HOME");
    if (!p.ok) throw new Error(p.error.message);
    expect(translateExpr(p.value, scope).ok).toBe(false);
  });
});
