# Renders a converted output's templates on every node, as a Chef client on each would: each node
# file's run compiled by chef-compile.rb's harness (Policyfile, node file, attribute files,
# recipes), then every `template` resource's ERB rendered with Erubis on that node. Chef search
# (A2C::Jinja.host_node) finds the other nodes as compiled here, as a Chef server holds the nodes
# saved by their last runs. Input on stdin: { "cookbooks": DIR, "resources": {...} }.
# Output: { node name => [rendered text or { "error" }] } in declaration order.
require_relative 'render-harness'

NODES = {}

module Chef
  module Search
    # `name:<host>` queries, answered from the nodes compiled here, and `<namespace>_group_names:<g>`
    # (--groups search): the nodes whose published group_names hold g.
    class Query
      def search(_type, query)
        if (m = query.match(/\A(\w+)_group_names:(.*)\z/))
          group = m[2].gsub(/\\(.)/, '\1')
          NODES.each_value { |n| yield n if Array(n[m[1]] && n[m[1]]['group_names']).include?(group) }
          return
        end
        name = query.delete_prefix('name:').gsub(/\\(.)/, '\1')
        yield NODES[name] if NODES.key?(name)
      end
    end
  end
end

input = JSON.parse($stdin.read)
dir = RenderHarness.cookbooks(input)
runs = RenderHarness.node_specs(dir).map do |spec|
  run = RenderHarness.compile(dir, spec, input['resources'])
  NODES[run.node.name] = run.node
  run
end
out = runs.to_h do |run|
  templates = run.instance_variable_get(:@resources).select { |r| r.type == 'template' }
  [run.node.name, templates.map do |res|
    RenderHarness.render(dir, run, res)
  rescue StandardError => e
    { 'error' => "#{e.class}: #{e.message}" }
  end]
end
print JSON.generate(out)
