# Renders a converted output's templates on every node, as a Chef client on each would: each node
# file's run compiled by chef-compile.rb's harness (Policyfile, node file, attribute files,
# recipes), then every `template` resource's ERB rendered with Erubis on that node. Chef search
# (A2C::Jinja.host_node) finds the other nodes as compiled here, as a Chef server holds the nodes
# saved by their last runs. Input on stdin: { "cookbooks": DIR, "resources": {...} }.
# Output: { node name => [rendered text or { "error" }] } in declaration order.
require 'json'
require 'erubis'
require_relative 'chef-compile'

NODES = {}

module Chef
  module Search
    # `name:<host>` queries, answered from the nodes compiled here.
    class Query
      def search(_type, query)
        name = query.delete_prefix('name:').gsub(/\\(.)/, '\1')
        yield NODES[name] if NODES.key?(name)
      end
    end
  end
end

# The template's view (Chef::Mixin::Template): `node` and the variables as instance variables.
class RenderContext
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
runs = ChefCompile.runs(dir).select { |spec| spec['node'] }.map do |spec|
  run = ChefCompile::Run.new(spec.merge('cookbooks' => dir), {}, input['resources'])
  run.compile
  NODES[run.node.name] = run.node
  run
end
value = ->(v) { v.is_a?(ChefCompile::Lazy) ? v.block.call : v }
out = runs.to_h do |run|
  templates = run.instance_variable_get(:@resources).select { |r| r.type == 'template' }
  [run.node.name, templates.map do |res|
    source = value.(res.properties['source'])
    file = Dir[File.join(dir, '*', 'templates', source)].first
    Erubis::Eruby.new(File.read(file)).result(RenderContext.new(run.node, value.(res.properties['variables']) || {}).scope)
  rescue StandardError => e
    { 'error' => "#{e.class}: #{e.message}" }
  end]
end
print JSON.generate(out)
