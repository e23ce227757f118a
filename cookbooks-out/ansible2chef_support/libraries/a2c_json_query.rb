# community.general's json_query filter: JMESPath as Python's jmespath (1.0.x) answers it.
#
# Chef Infra Client 18 carries the Ruby `jmespath` gem (aws-sdk-core, which chef's gemspec pulls in through
# aws-sdk-s3 and aws-sdk-secretsmanager, depends on it), so its lexer and parser are used as they are. Its
# evaluation differs from Python's in places, and the tree it parses is rewritten so that those nodes
# answer as Python's jmespath does:
# - JMESPath.search optimizes filters into conditions that never order floats (`[?x > `1`]` skips 1.5):
#   the tree is evaluated unoptimized;
# - truth: Ruby's gem calls `[null]` and `[false]` false; Python's only '', [], {}, null and false;
# - `==` is Python's (1 == 1.0, [true] == [1], but not 0/1 against a boolean at the top); `<` between a
#   number and a string fails as Python's TypeError does, where Ruby's gem gives null;
# - a slice of a string is null (Python slices lists only), `contains` compares with Python's `in`,
#   `to_number` is Python's int() then float(), `to_string` writes json.dumps(separators=(',', ':')).
# The gem is not patched: other users of it in the same Chef run (aws-sdk) keep its own behaviour.
require 'jmespath'

module A2C
  module JsonQuery
    module_function

    # `data | json_query(expr)`: the value Ansible's filter returns, as plain Ruby data.
    def search(data, expr)
      raise TypeError, "json_query: the expression must be a string, not #{expr.class}" unless expr.is_a?(String)

      tree(expr).visit(plain(A2C::Jinja.check(data)))
    end

    # A fresh parse (the gem's caching parser shares its trees), rewritten once per expression.
    def tree(expr)
      @trees ||= {}
      @trees[expr] ||= rewrite(JMESPath::Parser.new.parse(expr))
    end

    # Node attributes (ImmutableMash, ImmutableArray) and Jinja values as plain Hash/Array/scalars.
    def plain(value)
      case value
      when A2C::Jinja::Undefined then value.fail!
      when A2C::Jinja::Tuple then raise TypeError, 'json_query: a Python tuple is not a JMESPath array; not translated'
      when Hash then value.each_with_object({}) { |(k, v), h| h[k] = plain(v) }
      when Array then value.map { |v| plain(v) }
      when String, Numeric, true, false, nil then value
      else raise TypeError, "json_query: #{value.class} is not JSON data"
      end
    end

    # Python jmespath's _is_false.
    def py_false?(v)
      v.nil? || v == false || v == '' || v == [] || v == {}
    end

    def py_bool?(v) = v.equal?(true) || v.equal?(false)

    def py_num?(v) = py_bool?(v) || v.is_a?(Numeric)

    # Python's ==: booleans are the integers 0 and 1 inside containers and numbers compare by value.
    def py_eq(a, b)
      case a
      when Array then b.is_a?(Array) && a.size == b.size && a.zip(b).all? { |x, y| py_eq(x, y) }
      when Hash then b.is_a?(Hash) && a.size == b.size && a.all? { |k, v| b.key?(k) && py_eq(v, b[k]) }
      else
        return a == b unless py_num?(a) && py_num?(b)

        A2C::Jinja.num(a) == A2C::Jinja.num(b)
      end
    end

    # jmespath's _equals: 0 or 1 is never equal to a boolean at the top of a comparison.
    def equals(a, b)
      special = ->(x, y) { x.is_a?(Numeric) && [0, 1].include?(x) && py_bool?(y) }
      return false if special.call(a, b) || special.call(b, a)

      py_eq(a, b)
    end

    def comparable?(v) = v.is_a?(Numeric) || v.is_a?(String)

    def compare(op, a, b)
      case op
      when '==' then equals(a, b)
      when '!=' then !equals(a, b)
      else
        return unless comparable?(a) && comparable?(b)
        raise TypeError, "json_query: '#{op}' not supported between #{a.class} and #{b.class}" if a.is_a?(String) != b.is_a?(String)

        a.public_send(op, b)
      end
    end

    COMPARATORS = {
      JMESPath::Nodes::Comparators::Eq => '==', JMESPath::Nodes::Comparators::Neq => '!=',
      JMESPath::Nodes::Comparators::Lt => '<', JMESPath::Nodes::Comparators::Lte => '<=',
      JMESPath::Nodes::Comparators::Gt => '>', JMESPath::Nodes::Comparators::Gte => '>='
    }.freeze

    # A node of the gem's tree with Python's answer in place of its own.
    class PyNode < JMESPath::Nodes::Node
      def initialize(&visit)
        super()
        @visit = visit
      end

      def visit(value) = @visit.call(value)
    end

    def node(&blk) = PyNode.new(&blk)

    def ivar(n, name) = n.instance_variable_get(name)

    # Rewrites the parsed tree bottom-up (the gem's nodes keep their children in instance variables).
    def rewrite(n)
      return n.map { |x| rewrite(x) } if n.is_a?(Array)
      return n unless n.class.name.to_s.start_with?('JMESPath::Nodes::')

      n.instance_variables.each { |iv| n.instance_variable_set(iv, rewrite(ivar(n, iv))) }
      python(n) || n
    end

    def python(n)
      op = COMPARATORS[n.class]
      return node { |v| compare(op, n.left.visit(v), n.right.visit(v)) } if op

      case n
      when JMESPath::Nodes::Condition
        test = ivar(n, :@test)
        child = ivar(n, :@child)
        node { |v| py_false?(test.visit(v)) ? nil : child.visit(v) }
      when JMESPath::Nodes::Not
        inner = ivar(n, :@expression)
        node { |v| py_false?(inner.visit(v)) }
      when JMESPath::Nodes::Or then logical(n, :or)
      when JMESPath::Nodes::And then logical(n, :and)
      when JMESPath::Nodes::Slice then node { |v| v.is_a?(Array) ? n.visit(v) : nil }
      when JMESPath::Nodes::Function then function(n)
      end
    end

    def logical(n, kind)
      left = ivar(n, :@left)
      right = ivar(n, :@right)
      node do |v|
        first = left.visit(v)
        py_false?(first) == (kind == :or) ? right.visit(v) : first
      end
    end

    FUNCTIONS = {
      JMESPath::Nodes::ContainsFunction => :contains,
      JMESPath::Nodes::ToNumberFunction => :to_number,
      JMESPath::Nodes::ToStringFunction => :to_string,
    }.freeze

    def function(n)
      name = FUNCTIONS[n.class]
      return unless name

      children = ivar(n, :@children)
      node do |v|
        args = children.map { |c| c.visit(v) }
        raise ArgumentError, "json_query: #{name}() takes #{name == :contains ? 2 : 1} arguments" if args.size != (name == :contains ? 2 : 1)

        send("py_#{name}", *args)
      end
    end

    def py_contains(subject, search)
      case subject
      when Array then subject.any? { |x| py_eq(x, search) }
      when String
        raise TypeError, "json_query: 'in <string>' requires string as left operand, not #{search.class}" unless search.is_a?(String)

        subject.include?(search)
      else raise TypeError, 'json_query: contains() expects an array or a string'
      end
    end

    def py_to_number(v)
      return v if v.is_a?(Numeric)
      return unless v.is_a?(String)

      begin
        A2C::Jinja.py_int(v)
      rescue ArgumentError
        A2C::Jinja.parse_float(v)
      end
    end

    def py_to_string(v) = v.is_a?(String) ? v : A2C::Jinja.json_dump(v, nil, false, ',', 0, true, key_sep: ':')
  end
end
