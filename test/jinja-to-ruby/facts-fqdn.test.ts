// ansible_fqdn is Python's socket.getfqdn() on the node, which Ohai's fqdn does not always agree with:
// A2C::Facts.getfqdn compared with Python's getfqdn on the same machine (the same resolver, /etc/hosts
// and DNS) over names that take each of its paths, A2C::Facts.fqdn with the fact ansible-core's
// setup module gathers here, and `{{ ansible_fqdn }}` converted to it instead of a TODO.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LIB = resolve(ROOT, 'src/support-cookbook/ruby/libraries/a2c_facts_fqdn.rb');
const ready = requireOrSkip('python3', hasTool('python3')) && requireOrSkip('ruby', hasTool('ruby'));
const ansible = requireOrSkip('ansible', hasTool('ansible'));

// The empty name and the wildcard addresses (getfqdn asks for the host name), the host name and its
// loopback aliases, addresses (with and without a name in /etc/hosts), a name nothing resolves.
function names(): string[] {
  const host = spawnSync('python3', ['-c', 'import socket; print(socket.gethostname())'], { encoding: 'utf8' }).stdout.trim();
  return [
    '',
    '  ',
    '0.0.0.0',
    '::',
    host,
    ` ${host} `,
    'localhost',
    '127.0.0.1',
    '127.0.0.2',
    '::1',
    '10.255.255.1',
    'nonexistent.invalid',
    'a2c-no-such-host',
  ];
}

describe.skipIf(!ready)("A2C::Facts.getfqdn against Python's socket.getfqdn", () => {
  it('gives what Python gives for every name, on the same machine', () => {
    const list = names();
    const py = spawnSync(
      'python3',
      ['-c', 'import json, socket, sys; print(json.dumps([socket.getfqdn(n) for n in json.load(sys.stdin)]))'],
      {
        input: JSON.stringify(list),
        encoding: 'utf8',
      },
    );
    expect(py.status, py.stderr).toBe(0);
    const rb = spawnSync(
      'ruby',
      ['-rjson', '-e', `require ${JSON.stringify(LIB)}; puts JSON.generate(JSON.parse($stdin.read).map { |n| A2C::Facts.getfqdn(n) })`],
      {
        input: JSON.stringify(list),
        encoding: 'utf8',
      },
    );
    expect(rb.status, rb.stderr).toBe(0);
    expect(JSON.parse(rb.stdout)).toEqual(JSON.parse(py.stdout));
  });

  it.skipIf(!ansible)('A2C::Facts.fqdn is the ansible_fqdn the setup module gathers here', () => {
    const setup = spawnSync('ansible', ['localhost', '-c', 'local', '-m', 'setup', '-a', 'filter=ansible_fqdn'], {
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'False' },
    });
    expect(setup.status, setup.stdout + setup.stderr).toBe(0);
    const fact = JSON.parse(setup.stdout.slice(setup.stdout.indexOf('{'))).ansible_facts.ansible_fqdn as string;
    const rb = spawnSync('ruby', ['-e', `require ${JSON.stringify(LIB)}; print A2C::Facts.fqdn(nil)`], { encoding: 'utf8' });
    expect(rb.status, rb.stderr).toBe(0);
    expect(rb.stdout).toBe(fact);
  });
});

describe('ansible_fqdn converts to A2C::Facts.fqdn', () => {
  it('in a default and in a template, without a TODO', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'mail_host: "{{ ansible_fqdn }}"\n',
      'tasks/main.yml': '- name: mailname\n  template: { src: mailname.j2, dest: /etc/mailname }\n',
      'templates/mailname.j2': '{{ ansible_fqdn }} {{ mail_host }}\n',
    });
    expect(r.diagnostics.filter((d) => d.code.startsWith('A2C-TODO'))).toEqual([]);
    expect(outputText(r, 'demo/attributes/default.rb')).toContain("default['demo']['mail_host'] = A2C::Facts.fqdn(node)");
    expect(outputText(r, 'demo/templates/mailname.erb')).toContain('A2C::Facts.fqdn(node)');
  });
});
