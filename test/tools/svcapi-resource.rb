# frozen_string_literal: true

# Runs the support cookbook's service-API resources' :manage action outside Chef, to check the wiring
# from properties to A2C::MySQL / A2C::RabbitMQ: a resource file is evaluated with just the DSL it uses
# (property defaults, the action block, converge_by), once per step. Arguments: the libraries and the
# resources directories. stdin: [{"resource": "mysql_user", "properties": {...}}]; stdout: for each step
# whether the action converged and what converge_by said. With A2C_WHY_RUN=1, converge_by only records
# what it would do (Chef's why-run).
require 'json'
libdir = ARGV.fetch(0)
resdir = ARGV.fetch(1)
require File.join(libdir, 'a2c_mysql')
require File.join(libdir, 'a2c_mysql_query')
require File.join(libdir, 'a2c_mysql_replication')
require File.join(libdir, 'a2c_rabbitmq')
require File.join(libdir, 'a2c_openstack')
require File.join(libdir, 'a2c_openstack_catalog')

# Chef's configuration as the actions read it: only why-run.
module Chef
  Config = { why_run: ENV['A2C_WHY_RUN'] == '1' }.freeze
end

# What a resource file declares: properties with their defaults, and its actions.
class ResourceFile
  attr_reader :defaults, :actions

  def initialize(path)
    @defaults = {}
    @actions = {}
    @helpers = []
    @path = path
    instance_eval(File.read(path), path)
  end

  attr_reader :helpers

  # Chef's `use 'x'` evaluates resources/_x.rb (beside the resource file) in the resource class.
  def use(partial)
    file = File.join(File.dirname(@path), "_#{File.basename(partial, '.rb').delete_prefix('_')}.rb")
    instance_eval(File.read(file), file)
  end

  # Chef defines these methods on the action's provider class.
  def action_class(&block)
    @helpers << block
  end

  def unified_mode(*); end

  def provides(*); end

  def description(*); end

  def property(name, _type = nil, **opts)
    @defaults[name.to_s] = opts[:default]
  end

  def action(name, &block)
    @actions[name] = block
  end
end

# The action's view: new_resource answers the properties, converge_by runs its block (no why-run here).
class ActionRun
  attr_reader :converged

  def initialize(values, helpers)
    @values = values
    @converged = []
    helpers.each { |h| singleton_class.class_eval(&h) }
  end

  def new_resource
    values = @values
    Object.new.tap do |r|
      values.each { |k, v| r.define_singleton_method(k) { v } }
    end
  end

  def description(*); end

  def converge_by(what)
    @converged << what
    yield unless ENV['A2C_WHY_RUN'] == '1'
  end
end

steps = JSON.parse($stdin.read)
out = steps.map do |s|
  file = ResourceFile.new(File.join(resdir, "#{s['resource']}.rb"))
  run = ActionRun.new(file.defaults.merge(s['properties']), file.helpers)
  begin
    run.instance_exec(&file.actions.fetch(file.actions.key?(:manage) ? :manage : :run))
    { 'converged' => !run.converged.empty?, 'said' => run.converged, 'failed' => false }
  rescue A2C::MySQL::Error, A2C::RabbitMQ::Error, A2C::OpenStack::Error => e
    { 'converged' => false, 'said' => [e.message], 'failed' => true }
  end
end
$stdout.write(JSON.generate(out))
