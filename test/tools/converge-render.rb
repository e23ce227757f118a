# Converges a converted output's node runs far enough to compare with ansible-playbook what a role
# computes at run time: each node file's run compiled by chef-compile.rb's harness, then its
# resources in declaration order (a linear recipe converges in that order), their only_if/not_if
# blocks asked first, ruby_block blocks run (registered results, set_facts at converge time),
# templates rendered with Erubis and file contents computed. The first error ends the node's run,
# as it fails a Chef run. Other resource types are skipped.
# Input on stdin: { "cookbooks": DIR, "resources": {...} }.
# Output: { node name => [{ "id", "text" } | { "id", "error" } | { "id", "skipped": true }] }.
require 'json'
require 'erubis'
require_relative 'chef-compile'

# The template's view (Chef::Mixin::Template): `node` and the variables as instance variables.
class ConvergeRenderContext
  def initialize(node, variables)
    @node = node
    variables.each { |k, v| instance_variable_set(:"@#{k}", v) }
  end

  attr_reader :node

  def scope = binding
end

input = JSON.parse($stdin.read)
dir = File.expand_path(input['cookbooks'])
Dir[File.join(dir, 'ansible2chef_support', 'libraries', '*.rb')].sort.each { |f| load f }
value = ->(v) { v.is_a?(ChefCompile::Lazy) ? v.block.call : v }
guard = ->(v) { v.is_a?(ChefCompile::Deferred) ? v.block.call : raise("a string guard is not run here: #{v.inspect}") }

out = ChefCompile.runs(dir).select { |spec| spec['node'] }.to_h do |spec|
  run = ChefCompile::Run.new(spec.merge('cookbooks' => dir), {}, input['resources'])
  run.compile
  events = []
  run.instance_variable_get(:@resources).each do |res|
    next if Array(res.properties['action']).map(&:to_s) == ['nothing']

    props = res.properties
    begin
      if (props.key?('only_if') && !guard.(props['only_if'])) || (props.key?('not_if') && guard.(props['not_if']))
        events << { 'id' => res.id, 'skipped' => true }
        next
      end
      case res.type
      when 'ruby_block'
        props['block'].block.call
      when 'template'
        file = Dir[File.join(dir, '*', 'templates', value.(props['source']))].first
        text = Erubis::Eruby.new(File.read(file)).result(ConvergeRenderContext.new(run.node, value.(props['variables']) || {}).scope)
        events << { 'id' => res.id, 'text' => text }
      when 'file'
        events << { 'id' => res.id, 'text' => value.(props['content']) }
      end
    rescue StandardError => e
      events << { 'id' => res.id, 'error' => "#{e.class}: #{e.message}" }
      break
    end
  end
  [run.node.name, events]
end
print JSON.generate(out)
