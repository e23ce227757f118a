# Converges a converted output's node runs far enough to compare with ansible-playbook what a role
# computes at run time: each node file's run compiled by chef-compile.rb's harness, then its
# resources in declaration order (a linear recipe converges in that order), their only_if/not_if
# blocks asked first, ruby_block blocks run (registered results, set_facts at converge time),
# templates rendered with Erubis and file contents computed, a2c_converge_loop's declare block run
# with the results stored by then (each resource it declares converged in turn, or listed as
# declared). The first error ends the node's run, as it fails a Chef run. Other resource types are
# skipped.
# Input on stdin: { "cookbooks": DIR, "resources": {...}, "automatic"?: {...} (Ohai attributes) }.
# Output: { node name => [{ "id", "text" } | { "id", "error" } | { "id", "skipped": true } | { "id", "declared": true }] }.
require_relative 'render-harness'

input = JSON.parse($stdin.read)
dir = RenderHarness.cookbooks(input)
# With render_skipped (the corpus template differential, whose roles are not run on this machine) only
# the support library's fact readers (A2C::Facts, which read this machine as Ohai would) run commands:
# a task's command fails here, as Ansible's side of that harness leaves its registered result undefined.
if input['render_skipped']
  require 'mixlib/shellout'
  require 'open3'
  facts_only = lambda do |what|
    raise "a command is not run here: #{what}" unless caller_locations.any? { |l| l.path.to_s.include?('/a2c_facts') }
  end
  Mixlib::ShellOut.prepend(Module.new { define_method(:run_command) { facts_only.(command); super() } })
  Open3.singleton_class.prepend(Module.new do
    %i[capture2 capture2e capture3 popen3 popen2].each { |m| define_method(m) { |*a, **k, &b| facts_only.(a.first(3).join(' ')) || super(*a, **k, &b) } }
  end)
end
guard = ->(v) { v.is_a?(ChefCompile::Deferred) ? v.block.call : raise("a string guard is not run here: #{v.inspect}") }

# With render_skipped every node is compiled first and Chef search (A2C::Jinja.host_node's `name:<host>`)
# finds the others as compiled, as a Chef server holds nodes saved by their last runs (hostvars-render.rb).
compiled = {}
COMPILED_NODES = {} # rubocop:disable Style/MutableConstant -- filled below, read by the search stub
if input['render_skipped']
  module Chef
    module Search
      class Query
        def search(_type, query, &)
          name = query.delete_prefix('name:').gsub(/\\(.)/, '\1')
          yield COMPILED_NODES[name] if COMPILED_NODES.key?(name)
        end
      end
    end
  end
  RenderHarness.node_specs(dir).each do |spec|
    compiled[spec] = run = RenderHarness.compile(dir, spec, input['resources'], input['automatic'])
    COMPILED_NODES[run.node.name] = run.node
  end
end

out = RenderHarness.node_specs(dir).to_h do |spec|
  run = compiled[spec] || RenderHarness.compile(dir, spec, input['resources'], input['automatic'])
  # A skipped template's text too when the input asks (`render_skipped`: the corpus template differential
  # compares templates whatever their guards say).
  # ... and each template's source, which tells apart two templates written to one path.
  tag = lambda do |event, res|
    next event unless input['render_skipped'] && res.type == 'template'

    event.merge('source' => (RenderHarness.value(res.properties['source']) rescue nil))
  end
  skipped = lambda do |res|
    next { 'id' => res.id, 'skipped' => true } unless input['render_skipped'] && res.type == 'template'

    begin
      tag.({ 'id' => res.id, 'skipped' => true, 'text' => RenderHarness.render(dir, run, res) }, res)
    rescue StandardError => e
      tag.({ 'id' => res.id, 'skipped' => true, 'error' => "#{e.class}: #{e.message}" }, res)
    end
  end
  events = []
  # Converges the resources in order; false once one failed (the run ends there).
  converge = lambda do |resources|
    resources.each do |res|
      next if Array(res.properties['action']).map(&:to_s) == ['nothing']

      props = res.properties
      begin
        if (props.key?('only_if') && !guard.(props['only_if'])) || (props.key?('not_if') && guard.(props['not_if']))
          events << skipped.(res)
          next
        end
        case res.type
        when 'ruby_block'
          props['block'].block.call
        when 'template'
          events << tag.({ 'id' => res.id, 'text' => RenderHarness.render(dir, run, res) }, res)
        when 'file'
          events << { 'id' => res.id, 'text' => RenderHarness.value(props['content']) }
        when 'a2c_converge_loop'
          declared = run.in_child_collection { ChefCompile::ActionDSL.new(run, nil, res).instance_exec(&props['declare'].block) }
          declared.each { |d| events << { 'id' => d.id, 'declared' => true } unless %w(ruby_block template file).include?(d.type) }
          return false unless converge.(declared)
        end
      rescue StandardError => e
        events << tag.({ 'id' => res.id, 'error' => "#{e.class}: #{e.message}" }, res)
        # With render_skipped (the corpus template differential) a failure is recorded and the run goes on, as
        # that harness's Ansible side goes on past a task it cannot run: the templates after it still render.
        return false unless input['render_skipped']
      end
    end
    true
  end
  converge.(run.instance_variable_get(:@resources))
  [run.node.name, events]
end
print JSON.generate(out)
