// A converted cookbook's contract check run by real Ruby as Chef runs it in the compile phase: the
// support cookbook's a2c_inputs.rb, then the cookbook's libraries/input_contracts.rb, then the recipe's
// one-line call, over a node holding `attrs` (a stand-in with the two Chef node methods check! and
// check_items! call: exist? and read). Gives 'ok', or the TypeMismatch message the run would fail with.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { ConversionResult } from '../../src/convert.js';
import { outputText } from './convert-helpers.js';
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

/** What A2C::Inputs.check! adds after the values it names (a2c_inputs.rb). */
export const CHECK_TAIL =
  ": set a value of that type, or declare the variable's type in [extra-var-types] of ansible2chef.toml and convert again";
/** What A2C::Inputs.check_items! adds after the items it names (a2c_inputs.rb). */
export const ITEM_CHECK_TAIL =
  ": set values of those types, or declare the variable's type in [extra-var-types] of ansible2chef.toml and convert again";

/**
 * A converted cookbook's check (its recipe's one-line A2C::Inputs call of `method` over its
 * libraries/input_contracts.rb) as a function from node attributes to 'ok' or the failure message.
 */
function checkIn(result: ConversionResult, cookbook: string, recipe: string, method: string): (attrs: Record<string, unknown>) => string {
  const path = `${cookbook}/recipes/${recipe}.rb`;
  const call = outputText(result, path)
    .split('\n')
    .find((l) => l.startsWith(`A2C::Inputs.${method}(`));
  if (call === undefined) throw new Error(`${path} has no A2C::Inputs.${method} call`);
  const library = outputText(result, `${cookbook}/libraries/input_contracts.rb`);
  return (attrs) => runInputCheck(library, call, attrs);
}

/** The recipe's check! of the variables only the outside sets (node['ansible']). */
export const checkOf = (result: ConversionResult, cookbook: string, recipe = 'default') => checkIn(result, cookbook, recipe, 'check!');
/** The recipe's check_items! of the lists' items and the dicts' fields. */
export const itemCheckOf = (result: ConversionResult, cookbook: string, recipe = 'default') =>
  checkIn(result, cookbook, recipe, 'check_items!');
