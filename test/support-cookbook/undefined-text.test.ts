// A2C::Jinja::Undefined (a lone `{{ a | default(b) }}` with both unset, kept by A2C::Jinja.text):
// printing or joining it into text is a use and fails, as Ansible's StrictUndefined does; the
// node's JSON at the end of a Chef run is no use, so an unread default does not fail the run.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const LIB = resolve(new URL('../..', import.meta.url).pathname, 'src/support-cookbook/ruby/libraries/a2c_jinja.rb');
const ruby = requireOrSkip('ruby', hasTool('ruby'));

function run(body: string): { out: string; err: string; status: number | null } {
  const r = spawnSync('ruby', ['-e', `require ${JSON.stringify(LIB)}\nu = A2C::Jinja::Undefined.new('b is undefined')\n${body}`], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

describe.skipIf(!ruby)('A2C::Jinja::Undefined as text', () => {
  it('fails where it is interpolated, concatenated or joined, naming the variable', () => {
    for (const use of ['"x = #{u}"', "'x = ' + u", '[u, 1].join(",")', 'A2C::Jinja.text(u).to_s']) {
      const r = run(`begin; ${use}; puts 'no error'; rescue A2C::Jinja::UndefinedError => e; puts "failed: #{e.message}"; end`);
      expect(r.out.trim(), use).toBe('failed: b is undefined');
    }
  });

  it('is kept by A2C::Jinja.text, any other value becomes its text', () => {
    const r = run("p A2C::Jinja.text(u).equal?(u), A2C::Jinja.text(3), A2C::Jinja.text('a')");
    expect(r.out.trim().split('\n')).toEqual(['true', '"3"', '"a"']);
  });

  it('serializes as null in the node JSON Chef saves at the end of the run', () => {
    const r = run("puts JSON.generate({ 'memcache_servers' => u, 'port' => 11211 })");
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe('{"memcache_servers":null,"port":11211}');
  });
});
