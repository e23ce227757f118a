# Renders translated ERB with real Erubis and the A2C::Jinja helper library
# (one process for the batch). A Hash stands in for Chef's node object.
# stdin: JSON list of {"erb": str, "vars": hash, "node_name": str, "registered"?: hash}; stdout: JSON list of
# {"out"} or {"error"}. "registered": results stored in node.run_state as a register ruby_block stores them.
require 'json'
require 'erubis'
require_relative '../../src/support-cookbook/ruby/libraries/a2c_jinja'
require_relative '../../src/support-cookbook/ruby/libraries/a2c_net'
require_relative '../../src/support-cookbook/ruby/libraries/a2c_ipaddr'
require_relative '../../src/support-cookbook/ruby/libraries/a2c_facts'
require_relative '../../src/support-cookbook/ruby/libraries/a2c_tasks'
require_relative '../../src/support-cookbook/ruby/libraries/a2c_lookup'
require_relative '../../src/support-cookbook/ruby/libraries/a2c_json_query'

# What a template body sees: `node` (attributes) and nothing else.
class DiffContext
  def initialize(node)
    @node = node
  end

  attr_reader :node

  def scope
    binding
  end
end

cases = JSON.parse($stdin.read)
results = cases.map do |c|
  node = c['vars']
  name = c['node_name']
  node.define_singleton_method(:name) { name }
  # Chef's node.exist?/read! (a missing attribute raises, as Ansible's undefined variable fails).
  def node.exist?(*path) = path.each_with_object([self]) { |k, c| c[0] = c[0].is_a?(Hash) && c[0].key?(k) ? c[0][k] : (return false) } && true
  def node.read!(*path) = exist?(*path) ? path.reduce(self) { |c, k| c[k] } : raise(KeyError, "no attribute #{path.join('.')}")
  run_state = {}
  (c['registered'] || {}).each { |k, v| A2C::Tasks.store(run_state, k, v) }
  node.define_singleton_method(:run_state) { run_state }
  begin
    out = Erubis::Eruby.new(c['erb']).result(DiffContext.new(node).scope)
    # `omit` prints a placeholder; the Ansible side normalises its random one the same way.
    { 'out' => out.gsub(/__omit_place_holder__[0-9a-f]+/, '__omit__') }
  rescue StandardError, ScriptError => e
    { 'error' => "#{e.class}: #{e.message}" }
  end
end
print JSON.generate(results)
