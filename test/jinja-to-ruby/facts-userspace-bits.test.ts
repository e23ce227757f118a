// ansible_userspace_bits is Python's platform.architecture() in the module's interpreter: A2C::Facts.userspace_bits
// compared with the fact ansible-core's setup module gathers on this machine, its discovery with Ansible's
// fallback order over a PATH of stand-in interpreters, and the fact converted in a condition instead of a TODO.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LIB = resolve(ROOT, 'src/support-cookbook/ruby/libraries/a2c_facts_userspace_bits.rb');
const ruby = requireOrSkip('ruby', hasTool('ruby'));
const ansible = requireOrSkip('ansible', hasTool('ansible'));

// Ruby by its full path: some tests give the process a PATH of stand-ins only.
const RUBY = ruby ? spawnSync('ruby', ['-e', 'print RbConfig.ruby'], { encoding: 'utf8' }).stdout : 'ruby';

function rubyRun(code: string, env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(RUBY, ['-e', `require ${JSON.stringify(LIB)}; ${code}`], { encoding: 'utf8', env, timeout: 120_000 });
}

describe.skipIf(!ruby)('A2C::Facts.userspace_bits', () => {
  it.skipIf(!ansible)('is the ansible_userspace_bits the setup module gathers here', () => {
    const setup = spawnSync('ansible', ['localhost', '-c', 'local', '-m', 'setup', '-a', 'filter=ansible_userspace_bits'], {
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'False' },
    });
    expect(setup.status, setup.stdout + setup.stderr).toBe(0);
    const fact = JSON.parse(setup.stdout.slice(setup.stdout.indexOf('{'))).ansible_facts.ansible_userspace_bits as string;
    expect(['32', '64']).toContain(fact);
    const rb = rubyRun('print A2C::Facts.userspace_bits(nil)');
    expect(rb.status, rb.stderr).toBe(0);
    expect(rb.stdout).toBe(fact);
  });

  it("asks the first interpreter of Ansible's fallback list found on PATH, and none without one", () => {
    // Two stand-ins answering differently: python3.9 comes before python2.7 in the list (and before the
    // absolute /usr/bin/python3), so it is the one asked and its answer the fact.
    const dir = mkdtempSync(join(tmpdir(), 'a2c-bits-'));
    for (const [name, bits] of [
      ['python3.9', '32'],
      ['python2.7', '64'],
    ] as const) {
      writeFileSync(join(dir, name), `#!/bin/sh\necho ${bits}\n`);
      chmodSync(join(dir, name), 0o755);
    }
    const env = { ...process.env, PATH: dir };
    const found = rubyRun('print A2C::Facts.discovered_python, " ", A2C::Facts.userspace_bits(nil)', env);
    expect(found.status, found.stderr).toBe(0);
    expect(found.stdout).toBe(`${join(dir, 'python3.9')} 32`);
    const none = rubyRun('p A2C::Facts.discovered_python(%w(python-a2c-none))', env);
    expect(none.stdout.trim()).toBe('nil');
  });
});

describe('ansible_userspace_bits converts to A2C::Facts.userspace_bits', () => {
  it('in a condition, without a TODO', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- name: arm64 only\n  debug: { msg: yes }\n  when: ansible_facts.userspace_bits == "64"\n',
    });
    expect(r.diagnostics.filter((d) => d.code.startsWith('A2C-TODO'))).toEqual([]);
    expect(outputText(r, 'demo/recipes/default.rb')).toContain("A2C::Facts.userspace_bits(node) == '64'");
  });
});
