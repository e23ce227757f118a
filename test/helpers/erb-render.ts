// Converted templates rendered by real Ruby with Erubis as Chef renders them: the support cookbook's
// A2C::Jinja library loaded, `node` a Hash with Chef's exist?/read! (a missing attribute raises),
// and the template's variables as instance variables (`@site`). One Ruby process for a batch.
import { resolve } from 'node:path';
import { REPO_ROOT } from './shared.js';
import { runJson } from './template-compare.js';

const LIBS = resolve(REPO_ROOT, 'src/support-cookbook/ruby/libraries');
const RENDER = `
require 'json'
require 'erubis'
require ${JSON.stringify(`${LIBS}/a2c_jinja`)}
class Ctx
  def initialize(node, assigns)
    @node = node
    assigns.each { |k, v| instance_variable_set("@#{k}", v) }
  end
  attr_reader :node
  def scope = binding
end
out = JSON.parse($stdin.read).map do |c|
  node = c['node']
  # Chef's node.exist?/read! (a missing attribute raises).
  def node.exist?(*path) = path.each_with_object([self]) { |k, c| c[0] = c[0].is_a?(Hash) && c[0].key?(k) ? c[0][k] : (return false) } && true
  def node.read!(*path) = exist?(*path) ? path.reduce(self) { |c, k| c[k] } : raise(KeyError, "no attribute #{path.join('.')}")
  { 'out' => Erubis::Eruby.new(c['erb']).result(Ctx.new(node, c['assigns']).scope) }
rescue StandardError => e
  { 'error' => "#{e.class}: #{e.message}" }
end
print JSON.generate(out)
`;

/** Each ERB rendered with its node attributes and template variables: its text, or the error it raised. */
export function renderErb(
  cases: ReadonlyArray<{ erb: string; node: unknown; assigns: Record<string, unknown> }>,
): Array<{ out?: string; error?: string }> {
  return runJson('ruby', ['-e', RENDER], cases);
}
