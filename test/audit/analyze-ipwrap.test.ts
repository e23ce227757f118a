// A2C::Net.ipwrap, run by real Ruby: the one helper every bracket fix goes through.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const LIB = resolve(import.meta.dirname, '../../src/support-cookbook/ruby/libraries/a2c_net.rb');

function ipwrap(values: unknown[]): unknown[] {
  const script = `require 'json'; require ${JSON.stringify(LIB)}; puts JSON.generate(JSON.parse(STDIN.read).map { |v| A2C::Net.ipwrap(v) })`;
  const r = spawnSync('ruby', ['-e', script], { input: JSON.stringify(values), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as unknown[];
}

describe.skipIf(!requireOrSkip('ruby', hasTool('ruby')))('A2C::Net.ipwrap (real ruby)', () => {
  it('leaves IPv4 addresses unbracketed', () => {
    expect(ipwrap(['192.0.2.10', '0.0.0.0', '127.0.0.1'])).toEqual(['192.0.2.10', '0.0.0.0', '127.0.0.1']);
  });
  it('brackets IPv6 addresses exactly once', () => {
    expect(ipwrap(['2001:db8::1', '::', '::1'])).toEqual(['[2001:db8::1]', '[::]', '[::1]']);
    // A zone index is no address to netaddr: ansible.utils.ipwrap leaves it as it is, and so do we.
    expect(ipwrap(['fe80::1%eth0'])).toEqual(['fe80::1%eth0']);
    expect(ipwrap(ipwrap(['2001:db8::1']))).toEqual(['[2001:db8::1]']);
  });
  it('keeps a prefix length outside the brackets', () => {
    expect(ipwrap(['2001:db8::/64'])).toEqual(['[2001:db8::]/64']);
  });
  it('leaves bracketed values, host names and non-addresses alone', () => {
    expect(ipwrap(['[2001:db8::1]', 'db1.example.com', 'localhost', 'a:b', '', 5, null])).toEqual([
      '[2001:db8::1]',
      'db1.example.com',
      'localhost',
      'a:b',
      '',
      5,
      null,
    ]);
  });
  it('wraps lists element by element', () => {
    expect(ipwrap([['::1', '10.0.0.1']])).toEqual([['[::1]', '10.0.0.1']]);
  });
});
