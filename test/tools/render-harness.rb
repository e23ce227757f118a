# The set-up the harnesses that compile a converted output per node and render its templates share
# (hostvars-render.rb, converge-render.rb): the support cookbook's libraries loaded, each node file's
# run compiled by chef-compile.rb's harness, and a `template` resource's ERB rendered with Erubis as
# Chef::Mixin::Template renders it.
require 'json'
require 'erubis'
require_relative 'chef-compile'

module RenderHarness
  # The template's view (Chef::Mixin::Template): `node` and the variables as instance variables.
  class Context
    def initialize(node, variables)
      @node = node
      variables.each { |k, v| instance_variable_set(:"@#{k}", v) }
    end

    attr_reader :node

    def scope = binding
  end

  module_function

  # The input's output folder, its support libraries loaded as Chef loads a cookbook's libraries.
  def cookbooks(input)
    dir = File.expand_path(input['cookbooks'])
    Dir[File.join(dir, 'ansible2chef_support', 'libraries', '*.rb')].sort.each { |f| load f }
    dir
  end

  # The node files' runs (a Policyfile's run without one is no node's).
  def node_specs(dir) = ChefCompile.runs(dir).select { |spec| spec['node'] }

  # `automatic`: Ohai-shaped attributes (none unless the input gives them).
  def compile(dir, spec, resources, automatic = {})
    run = ChefCompile::Run.new(spec.merge('cookbooks' => dir), automatic || {}, resources)
    run.compile
    run
  end

  # A property's value as the resource would see it at converge time (a lazy one evaluated).
  def value(v) = v.is_a?(ChefCompile::Lazy) ? v.block.call : v

  # The text a template resource renders on the run's node.
  def render(dir, run, res)
    file = Dir[File.join(dir, '*', 'templates', value(res.properties['source']))].first
    Erubis::Eruby.new(File.read(file)).result(Context.new(run.node, value(res.properties['variables']) || {}).scope)
  end
end
