# Ansible's magic variables as a Chef node sees them (see src/translate/jinja/magic.ts).
module A2C
  module Jinja
    # `omit`: shaped like Ansible's placeholder (`__omit_place_holder__` + 40 hex digits), so a
    # template prints the same kind of value; converted resources drop a property set to it.
    OMIT = "__omit_place_holder__#{'a2c0' * 10}".freeze

    module_function

    # `groups` when the converted input has no inventory: node[namespace]['groups'] if an
    # operator sets it (read whole from its highest component, as var reads), else what Ansible
    # defines without an inventory.
    def groups(node, namespace)
      found, value = attribute(node, [namespace, 'groups'])
      found ? value : { 'all' => [], 'ungrouped' => [] }
    end

    # `groups[name]`: a group the inventory must define. A missing one is undefined, as in Ansible
    # (so `is defined` and `default` see it), and the failure names the group to provide.
    def group(groups, name)
      all = check(groups)
      return all[name] if all.respond_to?(:key?) && all.key?(name)

      if all.is_a?(SearchGroups)
        raise RequiredInput, "no node found by Chef search is in group '#{name}' (groups['#{name}'] is undefined): a node joins it by listing it in its #{all.namespace}.group_names attribute (its node file)"
      end

      raise RequiredInput, "group '#{name}' is not in the inventory (groups['#{name}'] is undefined): add it to the inventory the Policyfiles are converted from"
    end

    # `group_names`: the inventory groups holding this host, 'all' excepted, sorted (Ansible's Host.get_vars).
    def group_names(groups, host)
      check(groups).select { |name, hosts| name != 'all' && hosts.include?(host) }.keys.sort
    end

    # `hostvars[host]`: the node named after that inventory host (this node, or found by Chef search,
    # which reads nodes/<host>.json in local mode). An unknown host is undefined, as in Ansible.
    def host_node(node, host)
      return node if host == node.name

      found = []
      if defined?(::Chef::Search::Query)
        ::Chef::Search::Query.new.search(:node, "name:#{host.to_s.gsub(%r{[-+&|!(){}\[\]^"~*?:\\/ ]}) { |c| "\\#{c}" }}") { |n| found << n }
      end
      raise UndefinedError, "hostvars['#{host}'] is undefined" if found.empty?

      found.first
    end

    # `hostvars[host].inventory_hostname`: the host's own name where the inventory holds it; Ansible's
    # hostvars[host] is undefined for any other. `groups` is the converted one: the inventory's
    # 'all' (static groups), or, with --groups search (no node publishes 'all'), the node found by name.
    def inventory_host(node, groups, host)
      return host if host == node.name
      return host_node(node, host).name if groups.is_a?(SearchGroups)

      all = groups.is_a?(Hash) ? groups['all'] : nil
      raise UndefinedError, "hostvars['#{host}'] is undefined" unless all.is_a?(Array) && all.include?(host)

      host
    end

    # `'x' in hostvars[host]`: whether that host's node holds the variable's attribute (at any
    # precedence level, as var reads it).
    def var_set?(node, *path)
      attribute(node, path).first
    end

    # `groups` with `--groups search`: membership comes from Chef search at run time, over the
    # group names each node publishes (node[namespace]['group_names'], from nodes/<host>.json).
    # Hosts are sorted by name: a search has no inventory order.
    class SearchGroups < Hash
      attr_reader :namespace

      def initialize(namespace, declared = [])
        super()
        @namespace = namespace
        @declared = declared
      end

      # A group with no node found is not a key: Chef search cannot tell an empty group from an
      # unknown one, unless the inventory declared it with no host (`declared`): Ansible's `[]`, as
      # with static groups.
      def key?(group)
        @declared.include?(group.to_s) || !self[group].empty?
      end
      alias include? key?
      alias has_key? key?

      def [](group)
        return super if super_key?(group)

        found = []
        escaped = group.to_s.gsub(%r{[-+&|!(){}\[\]^"~*?:\\/ ]}) { |c| "\\#{c}" }
        # Outside a Chef run (the compile-phase check) there is no search, as for host_node: no node is found.
        if defined?(::Chef::Search::Query)
          ::Chef::Search::Query.new.search(:node, "#{@namespace}_group_names:#{escaped}") { |n| found << n.name }
        end
        store(group, found.sort)
      end

      private

      def super_key?(group)
        method(:key?).super_method.call(group)
      end
    end

    def search_groups(namespace, declared = [])
      SearchGroups.new(namespace, declared)
    end

    # The play's hosts (ansible_play_hosts and its kin) with static groups: node[namespace]
    # ['ansible_play_hosts'], which the Policyfile of the play that runs the node sets (the play's
    # hosts in inventory order). A Policyfile written for a role no play of the input runs must set
    # it too: without it the play's hosts are unknown, and the run stops naming what to set.
    def play_hosts(node, namespace, cookbook)
      found, value = attribute(node, [namespace, 'ansible_play_hosts'])
      return value if found && value.is_a?(Array)

      set = "node['#{namespace}']['ansible_play_hosts']"
      raise RequiredInput, "#{set} must be a list of host names, not #{value.inspect}" if found

      raise RequiredInput, "the play's hosts (ansible_play_hosts) are not set: set #{set} in the Policyfile " \
                           "that runs recipe[#{cookbook}] to the hosts of its play, in inventory order"
    end

    # The play's hosts for a role no play of the input runs (--groups search): the nodes whose run
    # list carries the role's recipe, this one included (a node is indexed only once a run has
    # saved it), sorted by name as groups are. Chef indexes the expanded run list as `recipes`, as
    # written there (`cookbook`) or qualified (`cookbook::default`, as Policyfiles write it).
    # Outside a Chef run (the compile-phase check) there is no search, as for host_node.
    def recipe_nodes(node, cookbook)
      found = [node.name]
      escaped = cookbook.to_s.gsub(%r{[-+&|!(){}\[\]^"~*?:\\/ ]}) { |c| "\\#{c}" }
      if defined?(::Chef::Search::Query)
        ::Chef::Search::Query.new.search(:node, "recipes:#{escaped} OR recipes:#{escaped}\\:\\:default") { |n| found << n.name }
      end
      found.uniq.sort
    end

    # `ansible_check_mode`: Chef's why-run mode is the dry run that corresponds to --check.
    def check_mode
      defined?(::Chef::Config) ? ::Chef::Config[:why_run] == true : false
    end
  end
end
