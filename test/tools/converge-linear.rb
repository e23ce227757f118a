# frozen_string_literal: true

# Converges one converted recipe made of ruby_block and execute resources, in source order (these recipes
# are linear, so converge order is source order), honouring only_if / not_if blocks: enough to compare
# what a recipe's commands did with what ansible-playbook did. include_recipe of the cookbook's own
# recipes runs them in place, once each, as Chef does.
# usage: ruby converge-linear.rb OUTDIR COOKBOOK; prints nothing, fails on an unknown resource.
require 'json'
require 'open3'

out, cookbook = ARGV
Dir[File.join(out, 'ansible2chef_support', 'libraries', '*.rb')].sort.each { |f| require File.expand_path(f) }

# The node: attribute files evaluated into a plain Hash.
class Node < Hash
  def name
    'localhost'
  end

  def run_state
    @run_state ||= {}
  end

  # Chef's Node#exist?: every key of the path present, nothing created on the way.
  def exist?(*path)
    path.reduce(self) do |h, k|
      return false unless h.is_a?(Hash) && h.key?(k)

      h[k]
    end
    true
  end
end

def vivify(hash)
  hash.default_proc = proc { |h, k| h[k] = vivify(Node.new) }
  hash
end

NODE = vivify(Node.new)
attrs = File.join(out, cookbook, 'attributes', 'default.rb')
if File.exist?(attrs)
  ctx = Object.new
  %i(node default override normal).each { |m| ctx.define_singleton_method(m) { NODE } }
  ctx.instance_eval(File.read(attrs), attrs)
end

# What a resource block sets; guards kept as blocks.
class Props
  attr_reader :props

  def initialize
    @props = {}
  end

  def node
    NODE
  end

  def method_missing(name, *args, &block)
    @props[name] = block || args.first
  end

  def respond_to_missing?(*)
    true
  end

  def runs?
    (@props[:only_if].nil? || @props[:only_if].call) && (@props[:not_if].nil? || !@props[:not_if].call)
  end
end

# The recipe DSL these recipes need.
class Recipe
  def initialize(out, cookbook)
    @out = out
    @cookbook = cookbook
    @included = ["#{cookbook}::default"]
  end

  def node
    NODE
  end

  def include_recipe(name)
    return if @included.include?(name)

    @included << name
    path = File.join(@out, @cookbook, 'recipes', "#{name.split('::', 2)[1]}.rb")
    instance_eval(File.read(path), path)
  end

  def ruby_block(_name, &block)
    r = Props.new
    r.instance_eval(&block)
    r.props[:block].call if r.runs?
  end

  def execute(name, &block)
    r = Props.new
    r.instance_eval(&block)
    return unless r.runs?

    command = r.props[:command] || name
    _, status = command.is_a?(Array) ? Open3.capture2e(*command) : Open3.capture2e('/bin/sh', '-c', command)
    raise "execute #{name} failed" unless status.success?
  end

  def method_missing(name, *_args)
    raise NoMethodError, "converge-linear.rb: no #{name} resource here"
  end

  def respond_to_missing?(*)
    false
  end
end

recipe = Recipe.new(out, cookbook)
path = File.join(out, cookbook, 'recipes', 'default.rb')
recipe.instance_eval(File.read(path), path)
