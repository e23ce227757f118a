# Types of the variables a converted cookbook reads but no converted source sets (extra vars, an
# inventory that is not converted).
#
# ansible2chef reads such a variable as plain Chef only where its type is known: declared in
# ansible2chef.toml ([extra-var-types], extra-var-files) or inferred from how the input uses it
# ("text or integer" where every use means the same for both). The plain read is right only for a
# value of that type, so the default recipe calls check! first, in the compile phase, after every
# attribute file and the Policyfile's and node file's values are in: a value of another type
# fails the run there, naming the variable, rather than printing differently from Ansible.
#
# Type grammar (that of [extra-var-types], README "Project config"):
#   str      text Ansible keeps as text: not beginning with `[` or `{`, not 'True' or 'False'
#   text     any text          str|int  an Integer, or a str as above
#   int, bool, float, none, list, dict, list[T], dict[T], {field: T, ...} (at least these keys)
module A2C
  module Inputs
    class TypeMismatch < StandardError; end

    # checks: variable name => [grammar text of its type, where the type comes from]; each variable is
    # node[namespace][name] (a variable no input source sets lives under the namespace by its own
    # name). A variable the node does not hold is not checked: its read fails or falls back to its
    # default() as it would without the check.
    def self.check!(node, namespace, checks)
      wrong = checks.filter_map do |name, (type, from)|
        next unless node.exist?(namespace, name)

        value = node.read(namespace, name)
        next if conforms?(value, parse(type))

        "'#{name}' (node['#{namespace}']['#{name}']) is #{describe(value)}, not #{type} (#{from})"
      end
      return if wrong.empty?

      raise TypeMismatch, "#{wrong.join('; ')}: set a value of that type, or declare the variable's type in [extra-var-types] of ansible2chef.toml and convert again"
    end

    # Item-field contracts of lists whose items only come from outside the input: checks is variable
    # name => [attribute path, { field => [grammar text of its type, or nil: only its presence is
    # tested, where the contract comes from] }]. Every item must be a dict; a field it holds must be of
    # its type. A list the node does not hold is not checked (its read fails as it would without this).
    def self.check_items!(node, checks)
      wrong = checks.flat_map do |name, (path, fields)|
        next [] unless node.exist?(*path)

        items_mismatches(name, path, node.read(*path), fields)
      end
      return if wrong.empty?

      raise TypeMismatch, "#{wrong.join('; ')}: set values of those types, or declare the variable's type in [extra-var-types] of ansible2chef.toml and convert again"
    end

    def self.items_mismatches(name, path, value, fields)
      at = "(node#{path.map { |k| "['#{k}']" }.join})"
      first_use = fields.values.first&.last
      return ["'#{name}' #{at} is #{describe(value)}, not a list of dicts (its items' fields are read: #{first_use})"] unless value.is_a?(Array)

      value.each_with_index.flat_map do |item, index|
        next ["#{name}[#{index}] #{at} is #{describe(item)}, not a dict (its fields are read: #{first_use})"] unless item.is_a?(Hash)

        fields.filter_map do |field, (type, from)|
          next if type.nil? || !item.key?(field) || conforms?(item[field], parse(type))

          "#{name}[#{index}]['#{field}'] #{at} is #{describe(item[field])}, not #{type} (#{from})"
        end
      end
    end

    def self.plain_text?(value)
      value.is_a?(String) && !value.start_with?('[', '{') && value != 'True' && value != 'False'
    end

    def self.conforms?(value, type)
      case type
      when 'str' then plain_text?(value)
      when 'text' then value.is_a?(String)
      when 'str|int' then value.is_a?(Integer) || plain_text?(value)
      when 'int' then value.is_a?(Integer)
      when 'bool' then [true, false].include?(value)
      when 'float' then value.is_a?(Float)
      when 'none' then value.nil?
      when 'list' then value.is_a?(Array)
      when 'dict' then value.is_a?(Hash)
      when Array then conforms_nested?(value, type)
      else raise ArgumentError, "unknown type #{type.inspect}"
      end
    end

    def self.conforms_nested?(value, type)
      kind, inner = type
      case kind
      when 'list' then value.is_a?(Array) && value.all? { |v| conforms?(v, inner) }
      when 'dict' then value.is_a?(Hash) && value.values.all? { |v| conforms?(v, inner) }
      else value.is_a?(Hash) && inner.all? { |k, t| value.key?(k) && conforms?(value[k], t) }
      end
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

    # 'list[str]' -> ['list', 'str'], '{a: int, b: list}' -> ['fields', { 'a' => 'int', 'b' => 'list' }].
    def self.parse(text)
      tokens = text.scan(/str\|int|[A-Za-z_][A-Za-z0-9_]*|[\[\]{}:,]/)
      type = parse_type(tokens)
      raise ArgumentError, "unexpected #{tokens.first.inspect} in type #{text.inspect}" unless tokens.empty?

      type
    end

    def self.parse_type(tokens)
      word = tokens.shift
      if word == '{'
        fields = {}
        loop do
          key = tokens.shift
          expect(tokens, ':')
          fields[key] = parse_type(tokens)
          break unless tokens.first == ','

          tokens.shift
        end
        expect(tokens, '}')
        return ['fields', fields]
      end
      return word unless %w(list dict).include?(word) && tokens.first == '['

      tokens.shift
      inner = parse_type(tokens)
      expect(tokens, ']')
      [word, inner]
    end

    def self.expect(tokens, token)
      got = tokens.shift
      raise ArgumentError, "expected #{token.inspect}, found #{got.inspect}" unless got == token
    end
  end
end
