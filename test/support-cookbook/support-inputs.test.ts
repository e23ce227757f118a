// A2C::Inputs.check! (support cookbook) run by real Ruby over node values of every kind: a value of
// the type the conversion relied on passes, any other fails the run with a message naming the
// variable, its attribute, the type (as [extra-var-types] writes it) and where the type comes from;
// a variable the node does not hold is left to its read. Each type is written into the table as the
// converter writes a cookbook's libraries/input_contracts.rb entry (translate/input-checks.ts
// contractEntry, printed by the printer), so the test covers that Ruby data as check! reads it.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printExpr } from '../../src/print/index.js';
import { contractEntry } from '../../src/translate/input-checks.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const LIB = resolve(import.meta.dirname, '../../src/support-cookbook/ruby/libraries/a2c_inputs.rb');

const SCRIPT = `
require 'json'
require ${JSON.stringify(LIB)}
# A node as Chef's answers exist?/read: nested hashes and arrays, missing keys absent.
class FakeNode
  def initialize(attrs) = @attrs = attrs
  def exist?(*path)
    path.reduce(@attrs) { |cur, k| return false unless cur.is_a?(Hash) && cur.key?(k); cur[k] }
    true
  end
  def read(*path) = path.reduce(@attrs) { |cur, k| cur.is_a?(Hash) ? cur[k] : nil }
end
out = JSON.parse($stdin.read).map do |c|
  node = FakeNode.new(c['node'])
  A2C::Inputs.check!(node, 'ansible', { 'v' => eval(c['entry']) }.freeze)
  'ok'
rescue A2C::Inputs::TypeMismatch => e
  e.message
end
puts JSON.generate(out)
`;

function check(cases: Array<{ type: string; value?: unknown }>): string[] {
  const input = cases.map((c) => ({
    entry: printExpr(contractEntry(c.type, 'inferred from its use at t.j2:3')),
    node: 'value' in c ? { ansible: { v: c.value } } : { ansible: {} },
  }));
  const r = spawnSync('ruby', ['-e', SCRIPT], { input: JSON.stringify(input), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

const ruby = requireOrSkip('ruby', hasTool('ruby'));

describe.skipIf(!ruby)('A2C::Inputs.check!', () => {
  it('passes values of the type and values the node does not hold', () => {
    const ok: Array<{ type: string; value?: unknown }> = [
      { type: 'str|int', value: 3306 },
      { type: 'str|int', value: '3306' },
      { type: 'str|int', value: 'ends\n' },
      { type: 'str|int', value: 'yes' },
      { type: 'str|int', value: '' },
      { type: 'str|int', value: -1 },
      { type: 'str|int' },
      { type: 'str', value: 'a' },
      { type: 'text', value: '[x' },
      { type: 'int', value: 0 },
      { type: 'bool', value: false },
      { type: 'float', value: 1.5 },
      { type: 'none', value: null },
      { type: 'list', value: [1, 'a'] },
      { type: 'dict', value: { a: 1 } },
      { type: 'list[str]', value: ['a', 'b'] },
      { type: 'dict[list[int]]', value: { a: [1], b: [] } },
      { type: 'list[{name: str, port: int}]', value: [{ name: 'a', port: 80, extra: true }] },
    ];
    expect(check(ok)).toEqual(ok.map(() => 'ok'));
  });
  it('writes each type as Ruby data: symbols, { list: T }, { dict: T }, { fields: { name => T } }', () => {
    const printed = (type: string) => printExpr(contractEntry(type, 'x'));
    expect(printed('str|int')).toBe("{ type: :str_or_int, from: 'x' }");
    expect(printed('text')).toBe("{ type: :text, from: 'x' }");
    expect(printed('list[str]')).toBe("{ type: { list: :str }, from: 'x' }");
    expect(printed('dict[list[int]]')).toBe("{ type: { dict: { list: :int } }, from: 'x' }");
    expect(printed('list[{name: str, port: int}]')).toBe("{ type: { list: { fields: { 'name' => :str, 'port' => :int } } }, from: 'x' }");
    // A field named like a kind stays a field: field names are strings inside `fields:`.
    expect(printed('{list: int}')).toBe("{ type: { fields: { 'list' => :int } }, from: 'x' }");
    expect(() => printed('list[')).toThrow();
    expect(() => printed('strings')).toThrow();
  });
  it('fails a value of another type, naming the variable, its attribute, the type and its source', () => {
    const bad: Array<{ type: string; value: unknown; is: string }> = [
      { type: 'str|int', value: ['a'], is: 'a list' },
      { type: 'str|int', value: true, is: 'a boolean' },
      { type: 'str|int', value: '[x', is: 'text Ansible reads back as a list, dict or boolean' },
      { type: 'str|int', value: 'True', is: 'text Ansible reads back as a list, dict or boolean' },
      { type: 'str|int', value: { a: 1 }, is: 'a dict' },
      { type: 'str|int', value: 1.5, is: 'a float' },
      { type: 'str|int', value: null, is: 'None' },
      { type: 'str', value: 3306, is: 'an integer' },
      { type: 'int', value: '3306', is: 'text' },
      { type: 'bool', value: 'yes', is: 'text' },
      { type: 'float', value: 1, is: 'an integer' },
      { type: 'list[str]', value: ['a', 1], is: 'a list whose item 1 is an integer' },
      { type: '{name: str, port: int}', value: { name: 'a' }, is: 'a dict' },
    ];
    expect(check(bad)).toEqual(
      bad.map(
        (b) =>
          `'v' (node['ansible']['v']) is ${b.is}, not ${b.type} (inferred from its use at t.j2:3): set a value of that type, or declare the variable's type in [extra-var-types] of ansible2chef.toml and convert again`,
      ),
    );
  });
});
