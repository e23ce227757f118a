# Types of the variables a converted cookbook reads but no converted source sets (extra vars, an
# inventory that is not converted).
#
# ansible2chef reads such a variable as plain Chef only where its type is known: declared in
# ansible2chef.toml ([extra-var-types], extra-var-files) or inferred from how the input uses it
# ("text or integer" where every use means the same for both). The plain read is right only for a
# value of that type, so the cookbook's recipes call check! first, in the compile phase, after every
# attribute file and the Policyfile's and node file's values are in: a value of another type
# fails the run there, naming the variable, rather than printing differently from Ansible.
#
# Types, as the cookbook's libraries/input_contracts.rb writes them (README "Project config" gives
# the grammar of [extra-var-types] they come from, which the failure message speaks):
#   :str         text Ansible keeps as text: not beginning with `[` or `{`, not 'True' or 'False'
#   :text        any text          :str_or_int   an Integer, or a :str
#   :int, :bool, :float, :none, :list, :dict
#   { list: T }, { dict: T }       every item, every value (string keys) of type T
#   { fields: { 'name' => T } }    a dict with at least these keys, each of its type
# ITEM_CONTRACTS gives each field { type: T, from: '...' }; a field iterated as a dict also has
# dict: { 'g' => {...} }: a dict with text keys whose every value is a dict, its fields checked the same way.
module A2C
  module Inputs
    class TypeMismatch < StandardError; end

    # contracts: variable name => { type: T, from: where the type comes from } (a cookbook's
    # INPUT_CONTRACTS); each variable is node[namespace][name] (a variable no input source sets lives
    # under the namespace by its own name). A variable the node does not hold is not checked: its
    # read fails or falls back to its default() as it would without the check.
    def self.check!(node, namespace, contracts)
      wrong = contracts.filter_map do |name, contract|
        next unless node.exist?(namespace, name)

        type = contract.fetch(:type)
        value = node.read(namespace, name)
        next if conforms?(value, type)

        "'#{name}' (node['#{namespace}']['#{name}']) is #{describe_as(value, type)}, not #{written(type)} (#{contract.fetch(:from)})"
      end
      return if wrong.empty?

      raise TypeMismatch, "#{wrong.join('; ')}: set a value of that type, or declare the variable's type in [extra-var-types] of ansible2chef.toml and convert again"
    end

    # Item-field contracts of lists whose items only come from outside the input.
    # contracts: list name => { path: [attribute path], fields: { 'f' => { type: T or nil, from: '...' } } }
    # (a cookbook's ITEM_CONTRACTS; kind: :dict for a dict variable whose only input source is {},
    # checked as one item). A list the node does not hold is not checked; one it holds must be a
    # list of dicts, and each contracted field an item has must be of its type (nil: only tested with
    # `is defined`, any value passes). An entry { path: [...], type: T, from: '...' } is a list whose
    # own type is known from use instead (a role default `[]` read as a list of text or integers).
    def self.check_items!(node, contracts)
      wrong = contracts.flat_map do |name, contract|
        path = contract.fetch(:path)
        next [] unless node.exist?(*path)
        next list_mismatches(name, path, node.read(*path), contract) if contract.key?(:type)

        value = node.read(*path)
        fields = contract.fetch(:fields)
        next items_mismatches(name, path, value, fields) unless contract[:kind] == :dict

        # A dict variable whose only input source is {} (kind: :dict): the value is the one dict checked.
        fields_mismatches(name, "(node#{path.map { |k| "['#{k}']" }.join})", value, fields, fields.values.first&.fetch(:from))
      end
      return if wrong.empty?

      raise TypeMismatch, "#{wrong.join('; ')}: set values of those types, or declare the variable's type in [extra-var-types] of ansible2chef.toml and convert again"
    end

    # A list whose own type is known from use (a role default `[]` read as a list of text or
    # integers): { path: [...], type: T, from: '...' }.
    def self.list_mismatches(name, path, value, contract)
      type = contract.fetch(:type)
      return [] if conforms?(value, type)

      ["'#{name}' (node#{path.map { |k| "['#{k}']" }.join}) is #{describe_as(value, type)}, not #{written(type)} (#{contract.fetch(:from)})"]
    end

    # The value's kind; for a list where `type` is { list: T }, the kind of its first item not a T.
    def self.describe_as(value, type)
      return describe(value) unless value.is_a?(Array) && type.is_a?(Hash) && type.key?(:list)

      index = value.index { |v| !conforms?(v, type.fetch(:list)) }
      index.nil? ? describe(value) : "a list whose item #{index} is #{describe(value[index])}"
    end

    def self.items_mismatches(name, path, value, fields)
      at = "(node#{path.map { |k| "['#{k}']" }.join})"
      first_use = fields.values.first&.fetch(:from)
      return ["'#{name}' #{at} is #{describe(value)}, not a list of dicts (its items' fields are read: #{first_use})"] unless value.is_a?(Array)

      value.each_with_index.flat_map { |item, index| fields_mismatches("#{name}[#{index}]", at, item, fields, first_use) }
    end

    # label names the value as the message shows it (web_sites[0], web_sites[0]['acls']['a']); a
    # field with dict: is a dict with text keys (its values are iterated), each value a dict of those fields.
    def self.fields_mismatches(label, at, value, fields, first_use)
      return ["#{label} #{at} is #{describe(value)}, not a dict (its fields are read: #{first_use})"] unless value.is_a?(Hash)

      fields.flat_map do |field, contract|
        next [] unless value.key?(field)

        here = "#{label}['#{field}']"
        next dict_mismatches(here, at, value[field], contract) if contract.key?(:dict)

        type = contract.fetch(:type)
        next [] if type.nil? || conforms?(value[field], type)

        ["#{here} #{at} is #{describe_as(value[field], type)}, not #{written(type)} (#{contract.fetch(:from)})"]
      end
    end

    def self.dict_mismatches(label, at, value, contract)
      from = contract.fetch(:from)
      return ["#{label} #{at} is #{describe(value)}, not a dict (it is iterated: #{from})"] unless value.is_a?(Hash)

      fields = contract.fetch(:dict)
      value.flat_map do |key, v|
        # The key's kind, never the key: it is data too.
        next ["#{label} #{at} has a key that is #{describe(key)}, not text (it is iterated: #{from})"] unless key.is_a?(String)

        fields.empty? ? [] : fields_mismatches("#{label}['#{key}']", at, v, fields, from)
      end
    end

    def self.plain_text?(value)
      value.is_a?(String) && !value.start_with?('[', '{') && value != 'True' && value != 'False'
    end

    def self.conforms?(value, type)
      case type
      when :str then plain_text?(value)
      when :text then value.is_a?(String)
      when :str_or_int then value.is_a?(Integer) || plain_text?(value)
      when :int then value.is_a?(Integer)
      when :bool then [true, false].include?(value)
      when :float then value.is_a?(Float)
      when :none then value.nil?
      when :list then value.is_a?(Array)
      when :dict then value.is_a?(Hash)
      when Hash then conforms_nested?(value, *nested(type))
      else raise ArgumentError, "unknown type #{type.inspect}"
      end
    end

    def self.conforms_nested?(value, kind, inner)
      case kind
      when :list then value.is_a?(Array) && value.all? { |v| conforms?(v, inner) }
      when :dict then value.is_a?(Hash) && value.values.all? { |v| conforms?(v, inner) }
      else value.is_a?(Hash) && inner.all? { |k, t| value.key?(k) && conforms?(value[k], t) }
      end
    end

    # { list: T } -> [:list, T]: one kind, and what it holds.
    def self.nested(type)
      raise ArgumentError, "unknown type #{type.inspect}" unless type.size == 1 && %i(list dict fields).include?(type.keys.first)

      type.first
    end

    # The type as [extra-var-types] writes it: :str_or_int -> str|int, { list: :str } -> list[str],
    # { fields: { 'a' => :int } } -> {a: int}.
    def self.written(type)
      return type == :str_or_int ? 'str|int' : type.to_s if type.is_a?(Symbol)

      kind, inner = nested(type)
      return "#{kind}[#{written(inner)}]" unless kind == :fields

      "{#{inner.map { |k, t| "#{k}: #{written(t)}" }.join(', ')}}"
    end

    # The value's kind, never the value: such a variable may be a password.
    def self.describe(value)
      case value
      when nil then 'None'
      when true, false then 'a boolean'
      when String then plain_text?(value) ? 'text' : 'text Ansible reads back as a list, dict or boolean'
      when Integer then 'an integer'
      when Float then 'a float'
      when Array then 'a list'
      when Hash then 'a dict'
      else "a #{value.class}"
      end
    end
  end
end
