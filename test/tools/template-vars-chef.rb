# Runs one converted recipe the way Chef compiles it, as far as templates and ruby_blocks go, and renders each
# template resource's ERB with Erubis the way Chef's TemplateContext does: every entry of the
# resource's `variables` becomes an instance variable, `node` is the node.
# usage: ruby template-vars-chef.rb OUTDIR COOKBOOK [follow-includes]; stdout: JSON {resource name => rendered
# text or {"error"}}. With follow-includes, include_recipe of the cookbook's own recipes runs them in place (once
# each, as Chef does); without, it does nothing.
require 'json'
require 'erubis'

out, cookbook, follow = ARGV
Dir[File.join(out, 'ansible2chef_support', 'libraries', '*.rb')].sort.each { |f| require File.expand_path(f) }

# The node: attribute files evaluated into a plain Hash (default and override levels merged).
class Node < Hash
  def name
    'localhost'
  end

  def run_state
    @run_state ||= {}
  end
end

def vivify(h)
  h.default_proc = proc { |hash, k| hash[k] = vivify(Node.new) }
  h
end

NODE = vivify(Node.new)
attrs = File.join(out, cookbook, 'attributes', 'default.rb')
if File.exist?(attrs)
  ctx = Object.new
  %i[node default override normal].each { |m| ctx.define_singleton_method(m) { NODE } }
  ctx.instance_eval(File.read(attrs), attrs)
end

def freeze_tree(h)
  h.default_proc = nil
  h.each_value { |v| freeze_tree(v) if v.is_a?(Hash) }
end
freeze_tree(NODE)

# What a template resource block sets.
class TemplateResource
  attr_reader :props

  def initialize
    @props = {}
  end

  # A ruby_block's code, run later, reads the node as a recipe does.
  def node
    NODE
  end

  def method_missing(name, *args, &block)
    @props[name] = block || args.first
  end

  def respond_to_missing?(*)
    true
  end
end

# The template's view: `node` and the resource's variables as instance variables (Chef::Mixin::Template).
class TemplateContext
  def initialize(node, variables)
    @node = node
    variables.each { |k, v| instance_variable_set(:"@#{k}", v) }
  end

  attr_reader :node

  def scope
    binding
  end
end

# The recipe DSL, as far as these recipes need it.
class Recipe
  attr_reader :rendered

  def initialize(out, cookbook, follow)
    @out = out
    @cookbook = cookbook
    @follow = follow == 'follow-includes'
    @rendered = {}
    @included = ["#{cookbook}::default"]
  end

  def node
    NODE
  end

  def include_recipe(name)
    return unless @follow && name.start_with?("#{@cookbook}::") && !@included.include?(name)

    @included << name
    path = File.join(@out, @cookbook, 'recipes', "#{name.split('::', 2)[1]}.rb")
    instance_eval(File.read(path), path)
  end

  # A ruby_block (a registered result, a set_fact reading one) runs where it stands: these
  # recipes are linear, so converge order is source order.
  def ruby_block(_name, &block)
    r = TemplateResource.new
    r.instance_eval(&block)
    r.props[:block].call
  end

  # a2c_converge_loop: its action runs the `declare` block as recipe code (Chef's provider
  # instance_execs it, so the resources it declares converge there); here, at its place in the recipe.
  def a2c_converge_loop(_name, &block)
    r = TemplateResource.new
    r.instance_eval(&block)
    instance_exec(&r.props[:declare])
  end

  def template(name, &block)
    r = TemplateResource.new
    r.instance_eval(&block)
    erb = File.read(File.join(@out, @cookbook, 'templates', r.props[:source]))
    @rendered[name] = begin
      Erubis::Eruby.new(erb).result(TemplateContext.new(NODE, r.props[:variables] || {}).scope)
    rescue StandardError => e
      { 'error' => "#{e.class}: #{e.message}" }
    end
  end
end

recipe = Recipe.new(out, cookbook, follow)
path = File.join(out, cookbook, 'recipes', 'default.rb')
recipe.instance_eval(File.read(path), path)
print JSON.generate(recipe.rendered)
