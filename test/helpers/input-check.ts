// A converted cookbook's contract check run by real Ruby as Chef runs it in the compile phase: the
// support cookbook's a2c_inputs.rb, then the cookbook's libraries/input_contracts.rb, then the recipe's
// one-line call, over a node holding `attrs` (a stand-in with the two Chef node methods check! and
// check_items! call: exist? and read). Gives 'ok', or the TypeMismatch message the run would fail with.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from './shared.js';

const SUPPORT = resolve(REPO_ROOT, 'src/support-cookbook/ruby/libraries/a2c_inputs.rb');

const RUN = `
require 'json'
require ${JSON.stringify(SUPPORT)}
class FakeNode
  def initialize(attrs) = @attrs = attrs
  def exist?(*path)
    path.reduce(@attrs) { |cur, k| return false unless cur.is_a?(Hash) && cur.key?(k); cur[k] }
    true
  end
  def read(*path) = path.reduce(@attrs) { |cur, k| cur.is_a?(Hash) ? cur[k] : nil }
end
input = JSON.parse($stdin.read)
node = FakeNode.new(input['attrs'])
eval(input['library'])
begin
  eval(input['check'])
  puts 'ok'
rescue A2C::Inputs::TypeMismatch => e
  puts e.message
end
`;

export function runInputCheck(library: string, check: string, attrs: Record<string, unknown>): string {
  const r = spawnSync('ruby', ['-e', RUN], { input: JSON.stringify({ library, check, attrs }), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ruby failed: ${r.stderr}`);
  return r.stdout.trim();
}
