# Evaluates generated cookbooks the way Chef Infra Client's compile phase does, without Chef:
# node attributes from a Policyfile (role_default / role_override), a node file (normal) and
# Ohai-shaped automatic attributes; then every cookbook's attribute files in dependency order
# (attributes/default.rb first, the rest sorted); then the run list's recipes, each
# include_recipe once, every resource block evaluated when it is declared with `lazy` values,
# guards and ruby_block bodies deferred, as Chef defers them; then every notification resolved
# against the resource collection (Chef raises ResourceNotFound before converging). The `declare`
# block of an a2c_converge_loop, which Chef runs at converge, is run where the loop is declared,
# with a stand-in for the registered results it reads (see ConvergeLoop).
#
# It is a check of the compile phase only: the real client remains the judge. Input on stdin:
# { "cookbooks": DIR (a converted output), "automatic": {...}, "resources": { type: { "actions": [...],
# "types": { property: accepted classes } } }, "detail": bool }.
# Output: one JSON object per run (see `runs`) with ok, the error class, message and the
# generated file:line it came from.
require 'json'

$VERBOSE = nil

module Chef
  module Exceptions
    class NoSuchAttribute < StandardError; end
  end
end

module ChefCompile
  # A precedence level: nested hashes that grow on write, as Chef's VividMash does.
  class Vivid < Hash
    def [](key)
      key?(key) ? super : (self[key] = Vivid.new)
    end

    def self.from(value)
      case value
      when Hash then value.each_with_object(Vivid.new) { |(k, v), h| h.store(k, from(v)) }
      when Array then value.map { |v| from(v) }
      else value
      end
    end
  end

  # What node[...] returns: a merged, read-only view. A missing key reads as nil, as in Chef.
  class Merged < Hash
    def []=(*)
      raise TypeError, "Chef's merged node attributes are immutable: write node.default[...] or node.override[...]"
    end

    def self.from(value)
      case value
      when Hash then value.each_with_object(Merged.new) { |(k, v), h| h.store(k, from(v)) }
      when Array then value.map { |v| from(v) }.freeze
      else value
      end
    end
  end

  # Chef's own class (chef/chef lib/chef/exceptions.rb), which node.read! raises.
  NoSuchAttribute = ::Chef::Exceptions::NoSuchAttribute

  # Chef::Node::Attribute's components and merge rules (chef/chef lib/chef/node/attribute.rb):
  # node[...] is merge_all, i.e. the default components deep-merged with arrays unioned
  # (merge_defaults), then normal, then the override components merged the same way
  # (merge_overrides), then automatic, these four combined with hash_only_merge! (a higher
  # level's array or scalar replaces, hashes merge key by key).
  class Node
    COMPONENTS = %i[default env_default role_default force_default normal override role_override env_override force_override automatic].freeze
    DEFAULT_COMPONENTS = %i[default env_default role_default force_default].freeze
    OVERRIDE_COMPONENTS = %i[override role_override env_override force_override].freeze
    # What attribute.rb's merge functions return for "no value at this path".
    NIL = Object.new.freeze

    attr_reader :name, :run_state, :levels
    attr_accessor :policy_name

    def initialize(name, automatic)
      @name = name
      @run_state = {}
      @levels = COMPONENTS.to_h { |l| [l, Vivid.new] }
      @levels[:automatic] = Vivid.from(automatic)
    end

    COMPONENTS.each { |c| define_method(c) { @levels[c] } }

    # Chef::Node#attributes is the Chef::Node::Attribute holding the components; here the node is both.
    def attributes = self
    def chef_environment = '_default'
    def policy_group = 'local'

    def merged
      parts = [merge_components(DEFAULT_COMPONENTS), @levels[:normal], merge_components(OVERRIDE_COMPONENTS), @levels[:automatic]]
      out = parts.reduce(NIL) { |acc, part| part.equal?(NIL) ? acc : hash_only_merge(acc, part) }
      out.equal?(NIL) ? Merged.new : Merged.from(out)
    end

    def combined_default
      out = merge_components(DEFAULT_COMPONENTS)
      out.equal?(NIL) ? nil : Merged.from(out)
    end

    def combined_override
      out = merge_components(OVERRIDE_COMPONENTS)
      out.equal?(NIL) ? nil : Merged.from(out)
    end

    def [](key) = merged[key]

    def []=(*)
      raise TypeError, "Chef's merged node attributes are immutable: write node.default[...] or node.override[...]"
    end

    def key?(key) = COMPONENTS.any? { |c| @levels[c].key?(key) }
    def attribute?(key) = key?(key)
    def dig(*path) = read(*path)
    def to_hash = merged

    def read(*path)
      path.reduce(merged) { |cur, k| cur.is_a?(Hash) ? cur[k] : nil }
    end

    def read!(*path)
      raise NoSuchAttribute, "no attribute #{path.join('.')}" unless exist?(*path)

      read(*path)
    end

    def exist?(*path)
      cur = merged
      path.all? do |k|
        ok = cur.is_a?(Hash) && cur.key?(k)
        cur = cur[k] if ok
        ok
      end
    end

    def platform_family?(*names) = names.flatten.map(&:to_s).include?(merged['platform_family'])
    def platform?(*names) = names.flatten.map(&:to_s).include?(merged['platform'])

    private

    def merge_components(components)
      components.reduce(NIL) { |acc, c| deep_merge(acc, @levels[c]) }
    end

    # attribute.rb deep_merge!: hashes merge key by key, two arrays are unioned (`|`), anything
    # else is replaced by the higher component's value.
    def deep_merge(onto, with)
      if onto.is_a?(Hash) && with.is_a?(Hash)
        out = onto.dup
        with.each { |k, v| out[k] = out.key?(k) ? deep_merge(out[k], v) : copy(v) }
        out
      elsif onto.is_a?(Array) && with.is_a?(Array)
        onto | with
      else
        copy(with)
      end
    end

    # attribute.rb hash_only_merge!: hashes merge key by key; anything else, arrays included, is replaced.
    def hash_only_merge(onto, with)
      if onto.is_a?(Hash) && with.is_a?(Hash)
        out = onto.dup
        with.each { |k, v| out[k] = out.key?(k) ? hash_only_merge(out[k], v) : copy(v) }
        out
      else
        copy(with)
      end
    end

    # Plain copies, so that merging never changes a component.
    def copy(value)
      case value
      when Hash then value.each_with_object({}) { |(k, v), h| h[k] = copy(v) }
      when Array then value.map { |v| copy(v) }
      else value
      end
    end
  end

  Lazy = Struct.new(:block)
  Deferred = Struct.new(:kind, :block)

  class Resource
    attr_reader :type, :name, :properties, :notifications, :where

    def initialize(type, name, where)
      @type = type
      # Chef::Resource's name property: `coerce: proc { |v| v.is_a?(Array) ? v.join(", ") : v.to_s }`, so a
      # multi-package resource is keyed (and found by notifications) as `apt_package[curl, jq]`.
      @name = name.is_a?(Array) ? name.join(', ') : name.to_s
      @where = where
      @properties = {}
      @notifications = []
    end

    def id = "#{type}[#{name}]"
  end

  # The block of a resource: each call sets a property; blocks Chef runs at converge are kept.
  class ResourceDSL < BasicObject
    def initialize(resource, run)
      @resource = resource
      @run = run
    end

    def node = @run.node
    def lazy(&block) = Lazy.new(block)

    # Chef::Resource#method_missing hands names it lacks to the enclosing action (enclosing_provider).
    def new_resource
      @run.actions.last or ::Kernel.raise(::NoMethodError, "undefined method `new_resource' outside a custom resource's action")
    end

    def only_if(cmd = nil, &block)
      @resource.properties['only_if'] = block ? Deferred.new(:guard, block) : cmd
    end

    def not_if(cmd = nil, &block)
      @resource.properties['not_if'] = block ? Deferred.new(:guard, block) : cmd
    end

    def notifies(action, target, timing = :delayed)
      @resource.notifications << [action, target, timing, @run.caller_where]
    end

    def subscribes(action, target, timing = :delayed)
      @run.subscriptions << [action, target, timing, @run.caller_where, @resource, @run.visible]
    end

    def method_missing(name, *args, &block)
      value = block ? Deferred.new(name, block) : (args.length == 1 ? args[0] : args)
      @run.validate(@resource, name.to_s, value)
      @resource.properties[name.to_s] = value
    end

    def respond_to_missing?(*) = true
    def raise(*args) = ::Kernel.raise(*args)
    def puts(*args) = ::Kernel.puts(*args)
    def format(*args) = ::Kernel.format(*args)
    def Integer(*args) = ::Kernel.Integer(*args)
    def Float(*args) = ::Kernel.Float(*args)
    def Array(*args) = ::Kernel.Array(*args)
    def String(*args) = ::Kernel.String(*args)
    def block_given? = false
  end

  class RecipeDSL
    def initialize(run, cookbook, recipe)
      @run = run
      @cookbook_name = cookbook
      @recipe_name = recipe
    end

    attr_reader :cookbook_name, :recipe_name

    def node = @run.node
    def run_state = @run.node.run_state
    def include_recipe(*names) = names.flatten.each { |n| @run.include_recipe(n) }
    def lazy(&block) = Lazy.new(block)
    def platform_family?(*n) = node.platform_family?(*n)
    def platform?(*n) = node.platform?(*n)

    def method_missing(type, *args, &block)
      return super unless @run.resource_type?(type.to_s)

      @run.declare(type.to_s, args[0], block)
    end

    def respond_to_missing?(type, priv = false) = @run.resource_type?(type.to_s) || super
  end

  # A cookbook's resources/<file>.rb, read for its properties and actions (Chef names it
  # `<cookbook>_<file>`); the first action is the default one.
  class CustomResourceDSL
    attr_reader :properties, :actions

    def initialize
      @properties = {}
      @actions = {}
    end

    def unified_mode(*) = nil
    def provides(*) = nil
    def resource_name(*) = nil
    def lazy(&block) = Lazy.new(block)

    def property(name, *_types, **opts)
      ChefCompile.check_property_name!('(custom resource)', name)
      @properties[name.to_s] = opts
    end
    def action(name, &block) = (@actions[name.to_s] = block)
  end

  # What `new_resource` answers inside an action: a passed value (a `lazy` one computed now, as
  # Chef computes it when the property is read), else the property's default (a `lazy` default is
  # evaluated on the resource, which has `node`), else nil; an undeclared property fails as in Chef.
  class NewResource
    def initialize(res, defn, run)
      @res = res
      @defn = defn
      @run = run
    end

    def node = @run.node
    def name = @res.name

    def method_missing(name, *args, &block)
      prop = name.to_s
      return super unless args.empty? && block.nil? && @defn.properties.key?(prop)

      if @res.properties.key?(prop)
        value = @res.properties[prop]
        return value.is_a?(Lazy) ? value.block.call : value
      end
      default = @defn.properties[prop][:default]
      default.is_a?(Lazy) ? instance_exec(&default.block) : default
    end

    def respond_to_missing?(name, priv = false) = @defn.properties.key?(name.to_s) || super
  end

  # The body of a custom resource's action: resources declared there are compiled as a recipe's.
  class ActionDSL < RecipeDSL
    def initialize(run, cookbook, new_resource)
      super(run, cookbook, nil)
      @new_resource = new_resource
    end

    attr_reader :new_resource
  end

  class AttributeDSL
    def initialize(run) = @run = run
    def node = @run.node
    def default = node.default
    def normal = node.normal
    def override = node.override
    def force_default = node.force_default
    def force_override = node.force_override
    def include_attribute(*) = nil
    # Chef::Node includes the platform introspection DSL: attribute files call it as recipes do.
    def platform_family?(*n) = node.platform_family?(*n)
    def platform?(*n) = node.platform?(*n)
  end

  # The Policyfile DSL, read for its run list and attributes.
  class PolicyDSL
    attr_reader :run_list_items, :defaults, :overrides

    def initialize
      @run_list_items = []
      @defaults = Vivid.new
      @overrides = Vivid.new
    end

    attr_reader :policy_name

    def name(value = nil) = (@policy_name = value)
    def default_source(*) = nil
    def cookbook(*) = nil
    def named_run_list(*) = nil
    def run_list(*items) = @run_list_items.concat(items.flatten)
    def default = @defaults
    def override = @overrides
  end

  class Run
    attr_reader :node, :subscriptions, :actions, :in_loops, :loop_collections

    def initialize(spec, automatic, resource_types)
      @spec = spec
      @dir = spec['cookbooks']
      @resource_types = resource_types
      @resources = []
      # The collections a declaration goes to, innermost last: the run's, then each converge loop's.
      @collections = [@resources]
      # What converge loops declared, each with its loop (for `detail`).
      @in_loops = []
      # Each converge loop's collection with the collections its notifications can reach.
      @loop_collections = []
      @subscriptions = []
      @included = {}
      @custom = {}
      @actions = []
      node_file = spec['node'] && JSON.parse(File.read(spec['node']))
      @node = Node.new(node_file ? node_file['name'] : 'compile-check', automatic)
      @node.normal.merge!(Vivid.from(node_file['normal'] || {})) if node_file
      @policy = PolicyDSL.new
      if spec['policyfile']
        @policy.instance_eval(File.read(spec['policyfile']), spec['policyfile'])
      else
        @policy.run_list(*spec['run_list'])
      end
      @node.levels[:role_default].merge!(@policy.defaults)
      @node.levels[:role_override].merge!(@policy.overrides)
      @node.policy_name = @policy.policy_name
    end

    def resource_type?(type) = @resource_types.key?(type) || @custom.key?(type)

    CLASSES = {
      'String' => String, 'Integer' => Integer, 'Float' => Float, 'Array' => Array, 'Hash' => Hash,
      'Symbol' => Symbol, 'TrueClass' => TrueClass, 'FalseClass' => FalseClass, 'NilClass' => NilClass,
      'ChefUtils::Mash' => Hash
    }.freeze

    # Chef validates a property when it is set (a lazy value when it is read, at converge), and
    # an action against the resource's actions.
    def validate(res, prop, value)
      return if value.is_a?(Lazy) || value.is_a?(Deferred) || value.nil?

      schema = @resource_types[res.type]
      return validate_custom(res, prop) if schema.nil?

      if prop == 'action'
        bad = Array(value).map(&:to_s) - schema['actions']
        raise ValidationFailed, "#{caller_where}: #{res.id} action #{bad.join(', ')} is not one of #{schema['actions'].join(', ')}" unless bad.empty?

        return
      end
      return unless schema['types'].key?(prop)

      accepted = Array(schema['types'][prop])
      return if accepted.empty?
      return if accepted.any? { |c| c.nil? ? value.nil? : (CLASSES.key?(c) ? value.is_a?(CLASSES[c]) : c == value) }

      raise ValidationFailed, "#{caller_where}: #{res.id} property #{prop} must be #{accepted.map { |c| c.nil? ? 'nil' : c }.join(' or ')}, is #{value.class} #{value.inspect[0, 60]}"
    end

    # Chef::Resource's own properties every resource has; a custom resource adds its declared ones.
    COMMON_PROPERTIES = %w[action sensitive ignore_failure retries retry_delay guard_interpreter compile_time provider].freeze

    # Setting a property a custom resource does not declare fails in Chef (NoMethodError); its
    # actions are checked when it runs.
    def validate_custom(res, prop)
      _, defn = @custom.fetch(res.type)
      return if COMMON_PROPERTIES.include?(prop) || defn.properties.key?(prop)

      raise NoMethodError, "#{caller_where}: undefined method `#{prop}' for #{res.id} (#{res.type} declares #{defn.properties.keys.join(', ')})"
    end

    def caller_where
      loc = caller_locations.find { |l| l.path.start_with?(@dir) }
      loc ? "#{relative(loc.path)}:#{loc.lineno}" : nil
    end

    def declare(type, name, block)
      res = Resource.new(type, name, caller_where)
      ResourceDSL.new(res, self).instance_eval(&block) if block
      @collections.last << res
      run_action(res, @custom[type]) if @custom.key?(type)
      ConvergeLoop.new(self, res).run if type == 'a2c_converge_loop'
      res
    end

    # The collections a resource declared now can reach: its own and the enclosing ones (Chef's
    # ResourceCollection#lookup recurses into the parent run context, never into a child).
    def visible = @collections.dup

    # Runs `block` with declarations going to a child collection of their own; returns it.
    def in_child_collection
      child = []
      @collections.push(child)
      yield
      child
    ensure
      @collections.pop
    end

    # Chef runs a custom resource's action when the resource converges; here the action body is
    # compiled where the resource is declared (its guards are not evaluated, as for any resource).
    def run_action(res, custom)
      cookbook, defn = custom
      actions = Array(res.properties.fetch('action', defn.actions.keys.first)).map(&:to_s)
      actions.each do |action|
        next if action == 'nothing'
        raise ValidationFailed, "#{res.where}: #{res.id} action #{action} is not one of #{defn.actions.keys.join(', ')}" unless defn.actions.key?(action)

        new_resource = NewResource.new(res, defn, self)
        @actions.push(new_resource)
        begin
          ActionDSL.new(self, cookbook, new_resource).instance_eval(&defn.actions[action])
        ensure
          @actions.pop
        end
      end
    end

    # Every custom resource (resources/*.rb) of the converted cookbooks the run loads (the support
    # cookbook's resources are checked against their schema instead).
    def load_custom_resources
      cookbook_order.each do |cb|
        next if cb == 'ansible2chef_support'

        Dir[File.join(@dir, cb, 'resources', '*.rb')].sort.each do |f|
          next if File.basename(f).start_with?('_') # a partial for `use`, as Chef skips it

          defn = CustomResourceDSL.new
          defn.instance_eval(File.read(f), f)
          @custom["#{cb}_#{File.basename(f, '.rb')}"] = [cb, defn]
        end
      end
    end

    def include_recipe(spec)
      cookbook, recipe = spec.sub(/\Arecipe\[(.*)\]\z/, '\1').split('::', 2)
      recipe ||= 'default'
      key = "#{cookbook}::#{recipe}"
      return if @included[key]

      @included[key] = true
      path = File.join(@dir, cookbook, 'recipes', "#{recipe}.rb")
      unless File.exist?(path)
        raise MissingCookbook, "include_recipe #{key}: cookbook #{cookbook} is not in the output (its role is not in the input)" unless File.directory?(File.join(@dir, cookbook))

        raise ArgumentError, "include_recipe #{key}: no #{relative(path)}"
      end

      RecipeDSL.new(self, cookbook, recipe).instance_eval(File.read(path), path)
    end

    # Cookbooks of the run list and their dependencies, dependencies first (metadata.rb order).
    def cookbook_order
      order = []
      visit = lambda do |cb|
        next if order.include?(cb)

        meta = File.join(@dir, cb, 'metadata.rb')
        deps = File.exist?(meta) ? File.read(meta).scan(/^depends\s+'([^']+)'/).flatten : []
        deps.each { |d| visit.call(d) }
        order << cb
      end
      @policy.run_list_items.each { |item| visit.call(item.sub(/\Arecipe\[(.*)\]\z/, '\1').split('::')[0]) }
      order
    end

    def load_attributes
      cookbook_order.each do |cb|
        files = Dir[File.join(@dir, cb, 'attributes', '*.rb')].sort_by { |f| [File.basename(f) == 'default.rb' ? 0 : 1, f] }
        files.each { |f| AttributeDSL.new(self).instance_eval(File.read(f), f) }
      end
    end

    # Chef loads every cookbook's libraries before any attribute file (the support cookbook's are
    # loaded once, for every run).
    def load_libraries
      cookbook_order.each do |cb|
        next if cb == 'ansible2chef_support'

        Dir[File.join(@dir, cb, 'libraries', '*.rb')].sort.each { |f| load f }
      end
    end

    def compile
      load_libraries
      load_attributes
      load_custom_resources
      @policy.run_list_items.each { |item| include_recipe(item) }
      check_notifications
      result = { 'ok' => true, 'resources' => @resources.length }
      result['detail'] = @resources.map { |r| detail(r) } + @in_loops.map { |r, loop| detail(r).merge('in' => loop.id) } if @spec['detail']
      result
    end

    # What each resource holds once compiled: values, with `<lazy>` and `<block>` for what Chef
    # computes at converge time.
    def detail(res)
      props = res.properties.transform_values do |v|
        case v
        when Lazy then '<lazy>'
        when Deferred then '<block>'
        else v
        end
      end
      { 'id' => res.id, 'properties' => props, 'notifies' => res.notifications.map { |a, t, timing, _| [a.to_s, t.to_s, timing.to_s] } }
    end

    def check_notifications
      check_notifications_of(@resources, [@resources])
      @loop_collections.each { |declared, visible| check_notifications_of(declared, visible) }
      @subscriptions.each do |action, target, _timing, where, res, visible|
        next if visible.flatten.map(&:id).include?(target.to_s)

        raise NotificationTarget, "#{where || res.where}: #{res.id} subscribes #{action} to #{target}, which is not declared (Chef: ResourceNotFound)"
      end
    end

    # Every notification of `resources` names a resource of `visible` (collections, innermost last).
    def check_notifications_of(resources, visible)
      ids = visible.flatten.map(&:id)
      resources.each do |res|
        res.notifications.each do |action, target, _timing, where|
          target = target.is_a?(Resource) ? target.id : target.to_s
          next if ids.include?(target)

          raise NotificationTarget, "#{where || res.where}: #{res.id} notifies #{action} on #{target}, which is not declared (Chef: ResourceNotFound)"
        end
      end
    end

    def relative(path) = path.delete_prefix("#{@dir}/")
  end

  # What Chef does with an a2c_converge_loop (support cookbook resources/converge_loop.rb) when it
  # converges, done where it is declared. Followed in chef/chef (main, as read in 2026):
  # - lib/chef/provider.rb `self.action` (action_<name> calls compile_and_converge_action) and
  #   `compile_and_converge_action`: `@run_context = run_context.create_child`, then
  #   `resource_collection.unified_mode = new_resource.class.unified_mode` (converge_loop.rb:
  #   `unified_mode true`), `instance_eval(&block)` of the action body on the provider (ours
  #   instance_execs the declare block there), `runner.converge`; the resource is marked updated
  #   when one of the child's resources was.
  # - lib/chef/resource_collection.rb `insert`: `run_context.runner.run_all_actions(resource) if
  #   unified_mode`, each resource declared runs its actions at once; `lookup`/`find` go through
  #   `lookup_recursive`/`find_recursive`: the child collection, then each `parent_run_context`'s,
  #   never a child's.
  # - lib/chef/runner.rb `converge`: `run_context.resource_collection.each(&:resolve_notification_references)`
  #   once the block has run, when the recipes around it are all compiled (they are not in unified
  #   mode): a name found nowhere raises ResourceNotFound.
  # The block reads registered results, which only the tasks before it store at converge; it runs
  # here with a stand-in for each (STAND_IN), so that the resources of its loop are declared, their
  # blocks evaluated and validated, and their notifications resolved, as for any recipe code.
  class ConvergeLoop
    # A registered result of every shape the support library stores (register_command, A2C::Find,
    # register_stat, register_slurp, register_each), each list holding one item: a loop over any
    # of them declares its body once. A path where the module gives one, a plain word for a line.
    ITEM = '/a2c-stand-in'.freeze
    LINE = 'a2c-stand-in'.freeze
    STAND_IN = {
      'changed' => false, 'failed' => false, 'skipped' => false, 'msg' => '', 'rc' => 0, 'cmd' => 'true',
      'stdout' => LINE, 'stdout_lines' => [LINE], 'stderr' => '', 'stderr_lines' => [],
      'files' => [{ 'path' => ITEM, 'mode' => '0644', 'isdir' => false, 'isreg' => true, 'islnk' => false, 'size' => 0, 'uid' => 0, 'gid' => 0, 'pw_name' => 'root', 'gr_name' => 'root' }],
      'matched' => 1, 'examined' => 1, 'skipped_paths' => {},
      'stat' => { 'exists' => true, 'path' => ITEM, 'isdir' => false, 'isreg' => true, 'islnk' => false, 'size' => 0, 'mode' => '0644', 'uid' => 0, 'gid' => 0 },
      'content' => ['a2c stand-in'].pack('m0'), 'source' => ITEM, 'encoding' => 'base64',
      'results' => [{ 'item' => LINE, 'ansible_loop_var' => 'item', 'changed' => false, 'failed' => false, 'rc' => 0, 'stdout' => LINE, 'stdout_lines' => [LINE] }]
    }.freeze

    # A fact a set_fact stores at converge time (A2C::Tasks.set_fact) is kept with the registered
    # results and has no module's shape: text (a version a command printed, a plain word). When the
    # block fails with the result stand-in, it runs again with each of these for the values it
    # reads that no task stored; it fails where none lets it run.
    TEXT_STAND_INS = ['1.2.3', LINE].freeze

    # The registered results as the block reads them: those stored, else the stand-in.
    class Results < Hash
      def initialize(stand_in = STAND_IN)
        super()
        @stand_in = stand_in
      end

      def key?(_name) = true
      def [](name) = super || Marshal.load(Marshal.dump(@stand_in))
    end

    def initialize(run, res)
      @run = run
      @res = res
    end

    def run
      return if Array(@res.properties['action']).map(&:to_s) == ['nothing']

      block = @res.properties['declare']
      # converge_loop.rb's action raises ArgumentError without one.
      raise ArgumentError, "#{@res.where}: #{@res.id} has no declare block" unless block.is_a?(Deferred) && block.kind == :declare

      declared = declare(block)
      # Resolved once the recipes are compiled: at converge the enclosing collections are complete.
      @run.loop_collections << [declared, @run.visible + [declared]]
      declared.each { |r| @run.in_loops << [r, @res] }
    end

    private

    # The resources the block declares with the result stand-in, else with the first text stand-in
    # it runs with (TEXT_STAND_INS); the first failure where none does.
    def declare(block)
      first = nil
      [STAND_IN, *TEXT_STAND_INS].each do |stand_in|
        return @run.in_child_collection { with_stand_in(stand_in) { ActionDSL.new(@run, nil, @res).instance_exec(&block.block) } }
      rescue StandardError => e
        first ||= e
      end
      raise first
    end

    def with_stand_in(stand_in)
      state = @run.node.run_state
      key = defined?(A2C::Tasks::REGISTERED) ? A2C::Tasks::REGISTERED : 'ansible2chef_registered'
      saved = state[key]
      state[key] = Results.new(stand_in).merge!(saved || {})
      yield
    ensure
      saved.nil? ? state.delete(key) : state[key] = saved
    end
  end

  class NotificationTarget < StandardError; end
  class ValidationFailed < StandardError; end
  # A run list reaching a cookbook the conversion did not produce: a role outside the input.
  class MissingCookbook < StandardError; end

  # What a failed run says about the conversion: a variable the input never sets, a value only the
  # Ansible controller has (A2C::Jinja.controller_input) or a role the input does not contain are
  # inputs the operator provides; anything else is a defect. A variable the input never sets whose
  # type is known is read with Chef's strict read!: the output's A2C::Inputs.check! calls name
  # every such variable's attribute path.
  def self.outcome(error, dir)
    return 'outside-input' if error.is_a?(MissingCookbook)
    return 'required-input' if defined?(A2C::Jinja::RequiredInput) && error.is_a?(A2C::Jinja::RequiredInput)
    return 'required-input' if defined?(A2C::Jinja::ControllerInputUnset) && error.is_a?(A2C::Jinja::ControllerInputUnset)
    return 'required-input' if error.is_a?(NoSuchAttribute) && input_paths(dir).include?(error.message.delete_prefix('no attribute '))

    'failed'
  end

  # The attribute paths ('ansible.x') the output's `A2C::Inputs.check!(node, 'ansible', M::INPUT_CONTRACTS)`
  # calls name: the keys of the table each names, which its cookbook's libraries define.
  def self.input_paths(dir)
    Dir[File.join(dir, '*', 'recipes', '*.rb')].flat_map do |f|
      File.read(f).scan(/^\s*A2C::Inputs\.check!\(node, '([^']+)', ([A-Z]\w*(?:::[A-Z]\w*)*)\)$/).flat_map do |(ns, table)|
        unless Object.const_defined?(table)
          Dir[File.join(File.dirname(f, 2), 'libraries', '*.rb')].sort.each { |lib| load lib }
        end
        Object.const_get(table).keys.map { |name| "#{ns}.#{name}" }
      end
    end.to_set
  end

  # The generated line that failed: the first frame in a converted cookbook, else in the support one.
  def self.error_where(error, dir)
    frames = (error.backtrace_locations || []).select { |l| l.path.start_with?("#{dir}/") }
    loc = frames.find { |l| !l.path.start_with?("#{dir}/ansible2chef_support/") } || frames.first
    loc ? "#{loc.path.delete_prefix("#{dir}/")}:#{loc.lineno}" : nil
  end

  # One line, without Ruby's dump of the receiver (`for #<ChefCompile::PolicyDSL ...>`).
  def self.message(error)
    error.message.lines.first.to_s.chomp.sub(/ for #<.*\z/, '')[0, 400]
  end

  # Every Policyfile with each node file whose run list holds its recipes (or none); without
  # Policyfiles, each cookbook's default recipe alone.
  def self.runs(dir)
    norm = ->(item) { item.sub(/\Arecipe\[(.*)\]\z/, '\\1').then { |r| r.include?('::') ? r : "#{r}::default" } }
    nodes = Dir[File.join(dir, 'nodes', '*.json')].sort.map { |f| [f, JSON.parse(File.read(f))['run_list'].to_a.map(&norm)] }
    policies = Dir[File.join(dir, 'policyfiles', '*.rb')].sort
    if policies.empty?
      return Dir[File.join(dir, '*', 'recipes', 'default.rb')].sort.map do |f|
        cb = File.basename(File.dirname(File.dirname(f)))
        { 'id' => "#{cb}::default", 'run_list' => ["#{cb}::default"] }
      end.reject { |r| r['id'].start_with?('ansible2chef_support') }
    end
    policies.flat_map do |pf|
      policy = PolicyDSL.new
      begin
        policy.instance_eval(File.read(pf), pf)
      rescue Exception => e # rubocop:disable Lint/RescueException -- `chef install` fails the same way
        next [{ 'id' => "policyfiles/#{File.basename(pf)}", 'policy_error' => e }]
      end
      wanted = policy.run_list_items.map(&norm)
      matching = nodes.select { |_, rl| (wanted - rl).empty? }.map(&:first)
      (matching.empty? ? [nil] : matching).map do |node|
        id = "policyfiles/#{File.basename(pf)}#{node ? " + nodes/#{File.basename(node)}" : ''}"
        { 'id' => id, 'policyfile' => pf, 'node' => node }
      end
    end
  end

  # Chef::Resource's own methods that are not properties (lib/chef/resource.rb): a property may
  # redefine one of Chef::Resource's properties (name, retries...), not these.
  CHEF_RESOURCE_METHODS = %w[node run_context notifies subscribes only_if not_if resources updated source_line
                             cookbook_name recipe_name params].freeze

  # Chef::Property#emit_dsl raises ArgumentError when a property would replace a public method of
  # Object, Kernel, BasicObject or Chef::Resource: the resource class fails to load, and with it
  # every run whose cookbooks hold it (`property :node` would also hide the node from the block).
  def self.check_property_name!(resource, name)
    sym = name.to_sym
    owned = Object.instance_methods.include?(sym) && [Object, Kernel, BasicObject].include?(Object.instance_method(sym).owner)
    return unless owned || CHEF_RESOURCE_METHODS.include?(sym.to_s)

    raise ArgumentError, "Property `#{name}` of resource `#{resource}` overwrites an existing method. A different name should be used for this property."
  end

  def self.main(input)
    dir = File.expand_path(input['cookbooks'])
    Dir[File.join(dir, 'ansible2chef_support', 'libraries', '*.rb')].sort.each { |f| load f }
    types = input['resources']
    runs(dir).map do |spec|
      spec = spec.merge('cookbooks' => dir, 'detail' => input['detail'])
      raise spec['policy_error'] if spec['policy_error']

      # The resources every run loads (Chef's own and the support cookbook's, described by their schema).
      types.each { |type, schema| schema['types'].each_key { |prop| check_property_name!(type, prop) } }

      result = Run.new(spec, input['automatic'], types).compile
      result.merge('id' => spec['id'], 'outcome' => 'ok')
    rescue Exception => e # rubocop:disable Lint/RescueException -- a SystemStackError is a result too
      { 'id' => spec['id'], 'ok' => false, 'outcome' => outcome(e, dir), 'error' => e.class.name, 'message' => message(e),
        'where' => error_where(e, dir) }
    end
  end
end

require 'set'
# Loaded by other harnesses (hostvars-render.rb) for its classes only.
puts JSON.generate(ChefCompile.main(JSON.parse($stdin.read))) if $PROGRAM_NAME == __FILE__
