# YAML exactly as Ansible's to_yaml/to_nice_yaml/from_yaml filters produce and read it.
#
# Ansible dumps with PyYAML's CSafeDumper and loads with CSafeLoader: libyaml's emitter and
# parser, with PyYAML's SafeRepresenter, SafeConstructor and YAML 1.1 resolver in Python.
# Ruby's Psych wraps the same libyaml, so this file restates only the Python half (which
# events are emitted: tags, implicit flags, flow style, key order, anchors; how scalars are
# resolved and constructed) and lets libyaml itself choose quoting, folding and indentation.
require 'psych'
require 'stringio'

module A2C
  module Yaml
    STR = 'tag:yaml.org,2002:str'.freeze
    INT = 'tag:yaml.org,2002:int'.freeze
    FLOAT = 'tag:yaml.org,2002:float'.freeze
    BOOL = 'tag:yaml.org,2002:bool'.freeze
    NULL = 'tag:yaml.org,2002:null'.freeze
    SEQ = 'tag:yaml.org,2002:seq'.freeze
    MAP = 'tag:yaml.org,2002:map'.freeze

    # PyYAML's implicit resolvers (yaml/resolver.py), tried in registration order among those
    # registered for the scalar's first character. Python's `$` also matches before a final
    # newline, hence `\n?\z`.
    RESOLVERS = [
      [BOOL, /\A(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\n?\z/, 'yYnNtTfFoO'],
      [FLOAT, /\A(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\n?\z/, '-+0123456789.'],
      [INT, /\A(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)\n?\z/, '-+0123456789'],
      ['tag:yaml.org,2002:merge', /\A(?:<<)\n?\z/, '<'],
      [NULL, /\A(?:~|null|Null|NULL|)\n?\z/, '~nN'],
      ['tag:yaml.org,2002:timestamp', /\A(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\n?\z/, '0123456789'],
      ['tag:yaml.org,2002:value', /\A(?:=)\n?\z/, '='],
    ].freeze

    module_function

    # The tag a plain scalar resolves to (Resolver.resolve with implicit plain).
    def resolve(text)
      return NULL if text.empty?

      found = RESOLVERS.find { |_, re, firsts| firsts.include?(text[0]) && re.match?(text) }
      found ? found[0] : STR
    end

    # --- loading ------------------------------------------------------------

    class FromYamlError < StandardError; end

    # yaml.load(text, Loader=CSafeLoader): one document (none gives nil), PyYAML's types.
    def load(text)
      raise TypeError, 'from_yaml: not a string' unless text.is_a?(String)

      docs = Psych.parse_stream(text).children
      raise FromYamlError, 'expected a single document in the stream' if docs.length > 1
      return if docs.empty?

      Loader.new.construct(docs[0].root)
    end

    # SafeConstructor over libyaml's parse tree (Psych::Nodes), with the YAML 1.1 resolver.
    class Loader
      def initialize
        @anchors = {}
        @built = {}.compare_by_identity
      end

      def construct(node, key: false)
        if node.is_a?(Psych::Nodes::Alias)
          target = @anchors.fetch(node.anchor) { raise FromYamlError, "found undefined alias #{node.anchor}" }
          return @built.fetch(target) { raise FromYamlError, 'recursive aliases are not supported' }
        end
        if node.anchor
          raise FromYamlError, "found duplicate anchor #{node.anchor}" if @anchors.key?(node.anchor)

          @anchors[node.anchor] = node
        end
        case node
        when Psych::Nodes::Scalar then @built[node] = scalar(node, key)
        when Psych::Nodes::Sequence then collection(node, SEQ, []) { |out| node.children.each { |c| out << construct(c) } }
        when Psych::Nodes::Mapping then collection(node, MAP, {}) { |out| fill_mapping(node, out) }
        else raise FromYamlError, "unexpected YAML node #{node.class}"
        end
      end

      private

      def tag_of(node, default)
        node.tag.nil? || node.tag == '!' ? default : node.tag
      end

      def collection(node, tag, out)
        raise FromYamlError, "could not determine a constructor for the tag #{node.tag}" unless tag_of(node, tag) == tag

        @built[node] = out
        yield out
        out
      end

      def fill_mapping(node, out)
        node.children.each_slice(2) do |k, v|
          key = construct(k, key: true)
          raise FromYamlError, 'found unhashable key' if key.is_a?(Array) || key.is_a?(Hash)

          # Python's dict treats 1, 1.0 and True as one key; the first one stays.
          same = key.is_a?(String) || key.nil? ? nil : out.keys.find { |o| A2C::Jinja.number?(o) && A2C::Jinja.eq(o, key) }
          out[same.nil? ? key : same] = construct(v)
        end
      end

      def scalar(node, key)
        text = node.value
        # libyaml marks untagged plain scalars and `!`-tagged ones as plain-implicit: those resolve.
        tag = if node.tag.nil? || node.tag == '!'
                node.plain ? A2C::Yaml.resolve(text) : STR
              else
                node.tag
              end
        case tag
        when STR then text
        when NULL then nil
        when BOOL then BOOL_VALUES.fetch(text.downcase) { raise FromYamlError, "#{text.inspect} is not a boolean" }
        when INT then A2C::Yaml.construct_int(text)
        when FLOAT then A2C::Yaml.construct_float(text)
        when 'tag:yaml.org,2002:merge' then raise FromYamlError, 'merge keys (<<) are not supported'
        when 'tag:yaml.org,2002:value'
          raise FromYamlError, 'could not determine a constructor for the tag tag:yaml.org,2002:value' unless key

          text
        else raise FromYamlError, "from_yaml: the tag #{tag} (#{text.inspect}) is not supported"
        end
      end
    end

    BOOL_VALUES = { 'yes' => true, 'no' => false, 'true' => true, 'false' => false, 'on' => true, 'off' => false }.freeze

    # SafeConstructor.construct_yaml_int: 0b, 0x, leading-zero octal, sexagesimal, decimal.
    def construct_int(text)
      v = text.delete('_')
      sign = v.start_with?('-') ? -1 : 1
      v = v[1..] if v.start_with?('-', '+')
      sign * if v == '0' then 0
             elsif v.start_with?('0b') then Integer(v[2..], 2)
             elsif v.start_with?('0x') then Integer(v[2..], 16)
             elsif v.start_with?('0') then Integer(v, 8)
             elsif v.include?(':') then v.split(':').reduce(0) { |acc, elem| acc * 60 + Integer(elem, 10) }
             else
               Integer(v, 10)
             end
    end

    # SafeConstructor.construct_yaml_float; sexagesimal parts summed in PyYAML's order.
    def construct_float(text)
      v = text.delete('_').downcase
      sign = v.start_with?('-') ? -1 : 1
      v = v[1..] if v.start_with?('-', '+')
      return sign * Float::INFINITY if v == '.inf'
      return Float::NAN if v == '.nan'
      return sign * py_float(v) unless v.include?(':')

      base = 1
      # Plain left-to-right addition (Array#sum would compensate rounding, Python does not).
      sign * v.split(':').reverse.reduce(0.0) do |acc, d|
        acc += py_float(d) * base
        base *= 60
        acc
      end
    end

    # Python float() of the digit strings the resolver lets through (`1.`, `.5`, `1.5e+3`).
    def py_float(v)
      Float(v.sub(/\A\./, '0.').sub(/\.(?=e|\z)/, '.0'))
    end

    # --- dumping ------------------------------------------------------------

    STYLES = { nil => Psych::Nodes::Scalar::ANY, "'" => Psych::Nodes::Scalar::SINGLE_QUOTED,
               '"' => Psych::Nodes::Scalar::DOUBLE_QUOTED, '|' => Psych::Nodes::Scalar::LITERAL,
               '>' => Psych::Nodes::Scalar::FOLDED }.freeze

    # yaml.dump(value, Dumper=CSafeDumper, allow_unicode=True, **options) as Ansible calls it.
    def dump(value, indent: nil, width: nil, default_flow_style: nil, sort_keys: true, explicit_start: nil,
             explicit_end: nil, canonical: nil, default_style: nil)
      [indent, width].each do |n|
        raise TypeError, "to_yaml: indent and width must be integers, not #{n.inspect}" unless n.nil? || n.is_a?(Integer)
      end
      style = STYLES.fetch(default_style) { raise ArgumentError, "to_yaml: default_style #{default_style.inspect} is not translated" }
      rep = Representer.new(default_flow_style, A2C::Jinja.truthy(sort_keys), style)
      root = rep.represent(value)
      io = StringIO.new(+'')
      opts = Psych::Handler::DumperOptions.new
      # libyaml's own defaults when PyYAML passes nothing: width 0 and indent 2 mean 80 and 2.
      opts.line_width = width || 0
      opts.indentation = indent || 2
      opts.canonical = A2C::Jinja.truthy(canonical)
      out = Psych::Emitter.new(io, opts)
      out.start_stream(Psych::Parser::UTF8)
      out.start_document([], [], !A2C::Jinja.truthy(explicit_start))
      emit(out, root, anchors(root), {}.compare_by_identity)
      out.end_document(!A2C::Jinja.truthy(explicit_end))
      out.end_stream
      io.string.force_encoding('UTF-8')
    end

    # A representation node. A scalar has tag, text and style; a :seq has nodes and a :map
    # [key, value] node pairs as items, and a flow flag.
    Node = Struct.new(:kind, :tag, :text, :style, :items, :flow) do
      def children = kind == :map ? items.flatten(1) : items.to_a
    end

    # Collections are shared by identity, as PyYAML's representer shares them by id().
    class Representer
      def initialize(default_flow_style, sort_keys, style)
        @flow = default_flow_style
        @sort_keys = sort_keys
        @style = style
        @seen = {}.compare_by_identity
      end

      def represent(value)
        value = A2C::Jinja.check(value)
        return @seen[value] if @seen.key?(value)

        case value
        when nil then scalar(NULL, 'null')
        when true, false then scalar(BOOL, value.to_s)
        when Integer then scalar(INT, value.to_s)
        when Float then scalar(FLOAT, float_text(value))
        when String then scalar(STR, value)
        when Array then collection(value, :seq) { value.map { |v| represent(v) } }
        when Hash then collection(value, :map) { pairs(value).map { |k, v| [represent(k), represent(v)] } }
        else raise TypeError, "to_yaml: cannot represent an object of class #{value.class}"
        end
      end

      private

      def scalar(tag, text) = Node.new(:scalar, tag, text, @style)

      # SafeRepresenter.represent_float: repr(), lower case, and `.0` added to `1e+17`.
      def float_text(f)
        return '.nan' if f.nan?
        return f.positive? ? '.inf' : '-.inf' if f.infinite?

        text = A2C::Jinja.float_repr(f).downcase
        text.include?('.') || !text.include?('e') ? text : text.sub('e', '.0e')
      end

      def collection(value, kind)
        node = Node.new(kind)
        @seen[value] = node
        node.items = yield
        # default_flow_style=None: flow style when every item is a plain-style scalar.
        simple = node.children.all? { |n| n.kind == :scalar && n.style == Psych::Nodes::Scalar::ANY }
        node.flow = @flow.nil? ? simple : A2C::Jinja.truthy(@flow)
        node
      end

      # sorted(dict.items()) when sort_keys; keys Python cannot order leave the dict order.
      def pairs(hash)
        return hash.to_a unless @sort_keys

        hash.to_a.sort { |a, b| A2C::Jinja.cmp(a[0], b[0]) }
      rescue TypeError
        hash.to_a
      end
    end

    # Collections met twice get anchors id001, id002... in the order of their second visit.
    def anchors(root)
      seen = {}.compare_by_identity
      names = {}.compare_by_identity
      walk = lambda do |node|
        if seen.key?(node)
          names[node] ||= format('id%03d', names.length + 1)
          next
        end
        seen[node] = true
        node.children.each { |n| walk.call(n) } unless node.kind == :scalar
      end
      walk.call(root)
      names
    end

    def emit(out, node, names, done)
      if node.kind == :scalar
        out.scalar(node.text, nil, node.tag, resolve(node.text) == node.tag, node.tag == STR, node.style)
        return
      end
      anchor = names[node]
      return out.alias(anchor) if anchor && done.key?(node)

      done[node] = true if anchor
      if node.kind == :seq
        out.start_sequence(anchor, SEQ, true, node.flow ? Psych::Nodes::Sequence::FLOW : Psych::Nodes::Sequence::BLOCK)
        node.items.each { |n| emit(out, n, names, done) }
        out.end_sequence
      else
        out.start_mapping(anchor, MAP, true, node.flow ? Psych::Nodes::Mapping::FLOW : Psych::Nodes::Mapping::BLOCK)
        node.items.each do |k, v|
          emit(out, k, names, done)
          emit(out, v, names, done)
        end
        out.end_mapping
      end
    end
  end
end
