# Python/Jinja semantics for translated Ansible templates and expressions.
#
# Generated cookbooks call these helpers instead of Ruby's own operators
# wherever Ruby and Python disagree (truthiness, printing of lists, None and
# floats, division, comparison of booleans with numbers, undefined variables).
# Each helper reproduces what Ansible 2.14 (Jinja2 3.x on Python 3) does; the
# differential tests of ansible2chef render the same cases with real Ansible.
require 'json'
require 'base64'
require 'shellwords'

module A2C
  module Jinja
    # Raised when a template reads a variable, key or attribute that does not
    # exist: Ansible fails the task in that case, so the Chef run must fail too.
    class UndefinedError < StandardError; end

    # The value of an undefined expression inside `default` and `is defined`.
    # Any other use of it fails, as Ansible's StrictUndefined does.
    class Undefined
      attr_reader :hint

      def initialize(hint)
        @hint = hint
      end

      def fail!
        raise UndefinedError, @hint
      end

      # Its text is a use: Ansible's StrictUndefined fails when printed or joined into a string, where
      # Ruby's Object#to_s would write `#<A2C::Jinja::Undefined...>` into the file (a value written
      # as "{{ a | default(b) }}" with both undefined, keystone's cache servers).
      def to_s
        fail!
      end

      def to_str
        fail!
      end

      # Saving the node is no use of the value: Chef serializes every attribute at the end of the
      # run (ffi-yajl asks an object for to_json, which the json gem answers with to_s), and a
      # default nobody reads must not fail the run where Ansible, evaluating lazily, never did.
      def to_json(*_args)
        'null'
      end
    end

    # A value that must not be used: every use raises `error` with `message`, `is defined` too
    # unless `defined` (package_facts' archive keys are in Ansible's entry, a2c_facts_packages.rb;
    # a controller input nobody set is no value at all, controller_input). A BasicObject, so that no
    # method Ruby's Object has answers for it without a word; the comparisons BasicObject has are
    # overridden, and respond_to_missing? makes Ruby's implicit conversions (String#== asks for
    # to_str) call it and fail rather than answer false.
    # Chef's attribute store holds one (controller_input) and asks of it what it asks of every value
    # it stores, merges and reads (chef/chef lib/chef/node): frozen?, dup and freeze
    # (Immutablize#convert_value) and is_a? of its own classes (Mixin::StateTracking on each write
    # and read, DelayedEvaluator on each read). Those are answered, being no use of the value; is_a?
    # of any other class is a type test (`default` and `check` ask for Undefined, `is string` for
    # String), a use.
    class NotRead < BasicObject
      def initialize(error, message, defined: false)
        @error = error
        @message = message
        @defined = defined
      end

      def method_missing(*)
        ::Kernel.raise @error, @message
      end

      def respond_to_missing?(*)
        true
      end

      def ==(*)
        method_missing
      end

      def !=(*)
        method_missing
      end

      def !
        method_missing
      end

      def frozen?
        true
      end

      def freeze
        self
      end

      def dup
        self
      end

      def clone(*)
        self
      end

      def is_a?(klass)
        method_missing unless klass.name.to_s.start_with?('Chef::')
        NotRead.ancestors.include?(klass)
      end
      alias kind_of? is_a?

      # `x is defined` (A2C::Jinja.is_defined).
      def defined_answer
        @defined ? true : method_missing
      end
    end

    # A use of a variable Ansible computes on its controller (an `env` lookup) that the operator has not set.
    class ControllerInputUnset < StandardError; end

    module_function

    # --- variables and lookups -------------------------------------------

    # Raised for a variable no source in the Ansible input sets: the operator must provide it.
    class RequiredInput < UndefinedError; end

    # A project variable stored as a node attribute: every step must exist. The message names the
    # attribute only: a cookbook's key need not be its Ansible variable's name (['cinder']['packages']
    # holds cinder_packages), which CONVERSION.md lists.
    def var(node, *path)
      found, value = attribute(node, path)
      raise UndefinedError, "undefined: #{attribute_ref(path)} is not set (CONVERSION.md lists the Ansible variable it holds)" unless found

      value
    end

    # Chef's attribute components, highest precedence first (Chef::Node::Attribute::COMPONENTS reversed).
    COMPONENTS_HIGH_FIRST = %i(automatic force_override env_override role_override override normal force_default role_default env_default default).freeze

    # [found, value] of the attribute at `path`, taken whole from the highest Chef component that
    # has it. Ansible (hash_behaviour=replace) takes a variable whole from the highest-precedence
    # source defining it, while Chef's merged node[...] view deep-merges hashes across components
    # and unions arrays within the default and within the override components: a role default
    # [a, b] under group_vars [a] would read [a, b]. A node without components (a plain Hash)
    # is walked as it is.
    def attribute(node, path)
      return walk(node, path) unless node.respond_to?(:attributes) && node.attributes.respond_to?(:force_default)

      attrs = node.attributes
      COMPONENTS_HIGH_FIRST.each do |component|
        found, value = walk(attrs.public_send(component), path)
        return [true, value] if found
      end
      [false, nil]
    end

    # Steps down `path` with key? first, so a component (a VividMash) never autovivifies a read.
    def walk(tree, path)
      value = path.reduce(tree) do |cur, key|
        return [false, nil] unless cur.respond_to?(:key?) && cur.key?(key)

        cur[key]
      end
      [true, value]
    end

    # A variable computed at each use whose higher-ranked Ansible sources are attributes: the
    # attribute where one of them sets it, else the value the block computes.
    def var_or(node, *path)
      var(node, *path)
    rescue UndefinedError
      yield
    end

    # A variable the Ansible input reads but never sets (extra vars, another inventory): the same
    # read as var, failing with what to set. Its path is [namespace, name] (keys under the namespace
    # are never shortened), so the last key names the variable.
    def input(node, *path)
      var(node, *path)
    rescue UndefinedError
      raise RequiredInput, "'#{path.last}' is undefined (#{attribute_ref(path)} is not set); no role, inventory or play of the converted input sets it: set it in a Policyfile or node file"
    end

    # The attribute of a variable whose whole value Ansible computes on its controller (an `env`
    # lookup; translate/controller-input.ts), as its cookbook's attribute file writes it: the value
    # the operator set at any precedence level (a Policyfile's attributes, a node file's; Chef
    # applies them before attribute files load), else a NotRead failing every use, `is defined`
    # included, naming the attribute and Ansible's expression. Another cookbook's attribute file
    # may have written the NotRead already: that is no operator's value.
    def controller_input(node, expression, *path)
      trees = node.respond_to?(:attributes) && node.attributes.respond_to?(:force_default) ? COMPONENTS_HIGH_FIRST.map { |c| node.attributes.public_send(c) } : [node]
      trees.each do |tree|
        found, value = walk(tree, path)
        return value if found && !(NotRead === value) # rubocop:disable Style/CaseEquality
      end
      NotRead.new(ControllerInputUnset, "#{attribute_ref(path)} is not set: Ansible computes it on its controller as " \
                                        "{{ #{expression} }}, which no Chef node can; set the attribute in a Policyfile or " \
                                        'node file (CONVERSION.md, "Values the operator sets")')
    end

    def attribute_ref(path)
      "node#{path.map { |k| "['#{k}']" }.join}"
    end

    PY_LIST_METHODS = %w(append clear copy count extend index insert pop remove reverse sort).freeze
    PY_STR_METHODS = %w(
      capitalize casefold center count encode endswith expandtabs find format format_map index isalnum isalpha
      isascii isdecimal isdigit isidentifier islower isnumeric isprintable isspace istitle isupper join ljust lower
      lstrip maketrans partition removeprefix removesuffix replace rfind rindex rjust rpartition rsplit rstrip split
      splitlines startswith strip swapcase title translate upper zfill
    ).freeze

    # Jinja `a.b`: a mapping key, else undefined (Python attributes of other
    # values are not reproduced; the translator only emits this for keys).
    def attr(obj, name)
      obj = check(obj)
      return obj[name] if obj.is_a?(Hash) && obj.key?(name)
      if (obj.is_a?(Array) && PY_LIST_METHODS.include?(name)) || (obj.is_a?(String) && PY_STR_METHODS.include?(name))
        raise TypeError, "'.#{name}' is a Python method of #{obj.class}, which Jinja would return; not reproduced"
      end

      raise UndefinedError, "object has no attribute '#{name}'"
    end

    # Jinja `a[b]`: a mapping key or a list/string index (negative from the end).
    def item(obj, key)
      obj = check(obj)
      case obj
      when Hash
        return obj[key] if obj.key?(key)
      when Array, String
        if key.is_a?(Integer) && !key.is_a?(TrueClass) && key >= -obj.length && key < obj.length
          return obj[key]
        end
      end
      raise UndefinedError, "object has no element #{repr(key)}"
    end

    # Jinja's `obj[key]` where its undefinedness is looked at (`default`, `is defined`): a missing
    # element, or an undefined obj, is an Undefined value instead of an error. The key was evaluated
    # by the caller, so a key that fails has failed already, as in Jinja.
    def item_or_undefined(obj, key)
      return obj if obj.is_a?(Undefined)

      item(obj, key)
    rescue UndefinedError => e
      Undefined.new(e.message)
    end

    # Evaluates the block; an undefined read inside it yields an Undefined value. A strict
    # attribute read (`node.read!`) of a missing attribute is an undefined read too.
    def try
      yield
    rescue UndefinedError => e
      Undefined.new(e.message)
    rescue StandardError => e
      raise unless defined?(::Chef::Exceptions::NoSuchAttribute) && e.is_a?(::Chef::Exceptions::NoSuchAttribute)

      Undefined.new(e.message)
    end

    def check(value)
      value.is_a?(Undefined) ? value.fail! : value
    end

    # A lone `{{ a | default(b) }}` rendered to text where both may be unset: the Undefined is kept
    # (the variable fails where it is used, as Ansible's does), any other value becomes its text.
    def text(value)
      value.is_a?(Undefined) ? value : value.to_s
    end

    # --- printing ----------------------------------------------------------

    # Python str().
    def str(value)
      case check(value)
      when String then value
      when nil then 'None'
      when true then 'True'
      when false then 'False'
      when Float then float_repr(value)
      when Integer then value.to_s
      else repr(value)
      end
    end

    # What `{{ x }}` prints in Ansible: its finalize hook turns None into ''.
    def out(value)
      check(value).nil? ? '' : str(value)
    end

    # Ansible 2.14 templates a module argument or variable string to text, then turns text that
    # reads as a list, dict or boolean back into one (ansible_eval_concat). Lists, dicts and
    # booleans keep their value; a lone None stays None (Templar.template('{{ x }}') returns it);
    # text starting with `[` or `{` is read by
    # Python's ast.literal_eval (A2C::PyLiteral) and stays text where Python cannot read it
    # (`[2001:db8::1]`). A value Ruby data cannot carry (a set, bytes) fails the run loudly.
    def convert_data(value)
      # A value nobody set (NotRead) templated alone is that same value: it fails where it is used.
      return value if NotRead === value # rubocop:disable Style/CaseEquality

      value = check(value)
      case value
      when 'True' then true
      when 'False' then false
      when String
        return value unless value.start_with?('{', '[')

        begin
          A2C::PyLiteral.eval(value)
        rescue A2C::PyLiteral::NotLiteral
          value
        rescue A2C::PyLiteral::Unsupported => e
          raise ArgumentError, "ansible2chef: Ansible reads #{value[0, 60].inspect} as a Python value holding #{e.message}, which is not reproduced; set this value by hand"
        end
      else value
      end
    end

    # set_fact's own rule (plugins/action/set_fact.py, jinja2_native off): a value that is text
    # spelling true/false/yes/no in any case becomes that boolean; anything else stays.
    def set_fact_value(value)
      return value unless value.is_a?(String)

      case value.downcase
      when 'true', 'yes' then true
      when 'false', 'no' then false
      else value
      end
    end

    # A variable string's source ended with `wanted` newlines: Jinja drops one, and Ansible
    # appends what a text result lacks (Templar.do_template); a list, dict or boolean stays.
    def keep_trailing_newlines(value, wanted)
      value.is_a?(String) ? end_with_newlines(value, wanted) : value
    end

    # Python repr() for the data types YAML and Jinja produce.

    def repr(value)
      case check(value)
      when String then string_repr(value)
      when Tuple then value.length == 1 ? "(#{repr(value[0])},)" : "(#{value.map { |v| repr(v) }.join(', ')})"
      when Array then "[#{value.map { |v| repr(v) }.join(', ')}]"
      when Hash then "{#{value.map { |k, v| "#{repr(k)}: #{repr(v)}" }.join(', ')}}"
      else str(value)
      end
    end

    def float_repr(f)
      return 'nan' if f.nan?
      return (f.positive? ? 'inf' : '-inf') if f.infinite?

      s = f.to_s
      s.include?('e') ? s.sub('.0e', 'e') : s
    end

    NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/

    def string_repr(s)
      quote = s.include?("'") && !s.include?('"') ? '"' : "'"
      body = s.each_char.map do |c|
        case c
        when '\\' then '\\\\'
        when quote then "\\#{quote}"
        when "\n" then '\\n'
        when "\r" then '\\r'
        when "\t" then '\\t'
        when ' ' then c
        when NON_PRINTABLE
          o = c.ord
          if o < 0x100 then format('\\x%02x', o)
          elsif o < 0x10000 then format('\\u%04x', o)
          else
            format('\\U%08x', o)
          end
        else c
        end
      end
      "#{quote}#{body.join}#{quote}"
    end

    # --- truthiness and operators -----------------------------------------

    def truthy(value)
      case check(value)
      when nil, false then false
      when true then true
      when Numeric then !value.zero?
      when String, Array, Hash then !value.empty?
      else true
      end
    end

    # Python treats booleans as the integers 0 and 1 in arithmetic and comparison.
    def num(value)
      case value
      when true then 1
      when false then 0
      else value
      end
    end

    def number?(value)
      value.is_a?(Numeric) || value == true || value == false
    end

    def type_error(op, a, b)
      raise TypeError, "unsupported operand types for #{op}: #{a.class} and #{b.class}"
    end

    def add(a, b)
      a = check(a)
      b = check(b)
      return num(a) + num(b) if number?(a) && number?(b)
      return a + b if (a.is_a?(String) && b.is_a?(String)) || (a.is_a?(Array) && b.is_a?(Array))

      type_error('+', a, b)
    end

    def sub(a, b)
      a = check(a)
      b = check(b)
      type_error('-', a, b) unless number?(a) && number?(b)
      num(a) - num(b)
    end

    def mul(a, b)
      a = check(a)
      b = check(b)
      return num(a) * num(b) if number?(a) && number?(b)

      seq, n = a.is_a?(Integer) || a == true || a == false ? [b, a] : [a, b]
      if (seq.is_a?(String) || seq.is_a?(Array)) && (n.is_a?(Integer) || n == true || n == false)
        return seq * [num(n), 0].max
      end

      type_error('*', a, b)
    end

    def div(a, b)
      a = check(a)
      b = check(b)
      type_error('/', a, b) unless number?(a) && number?(b)
      raise ZeroDivisionError, 'division by zero' if num(b).zero?

      num(a).to_f / num(b)
    end

    def floordiv(a, b)
      a = check(a)
      b = check(b)
      type_error('//', a, b) unless number?(a) && number?(b)
      raise ZeroDivisionError, 'integer division or modulo by zero' if num(b).zero?

      x = num(a)
      y = num(b)
      x.is_a?(Float) || y.is_a?(Float) ? (x.to_f / y).floor.to_f : x.div(y)
    end

    def mod(a, b)
      a = check(a)
      b = check(b)
      return percent(a, b) if a.is_a?(String)

      type_error('%', a, b) unless number?(a) && number?(b)
      raise ZeroDivisionError, 'integer division or modulo by zero' if num(b).zero?

      num(a) % num(b)
    end

    def pow(a, b)
      a = check(a)
      b = check(b)
      type_error('**', a, b) unless number?(a) && number?(b)
      x = num(a)
      y = num(b)
      y.is_a?(Integer) && y.negative? ? x.to_f**y : x**y
    end

    def neg(a)
      a = check(a)
      type_error('unary -', a, a) unless number?(a)
      -num(a)
    end

    # Jinja `~`: both sides through str().
    def concat(*parts)
      parts.map { |p| str(p) }.join
    end

    def eq(a, b)
      a = check(a)
      b = check(b)
      if number?(a) && number?(b)
        num(a) == num(b)
      elsif a.is_a?(Array) && b.is_a?(Array)
        a.length == b.length && a.zip(b).all? { |x, y| eq(x, y) }
      elsif a.is_a?(Hash) && b.is_a?(Hash)
        a.length == b.length && a.all? { |k, v| b.key?(k) && eq(v, b[k]) }
      else
        a == b
      end
    end

    def ne(a, b)
      !eq(a, b)
    end

    # Python ordering: numbers with numbers, strings with strings (code point
    # order, which UTF-8 byte order preserves), lists element by element.
    def cmp(a, b)
      a = check(a)
      b = check(b)
      if number?(a) && number?(b)
        num(a) <=> num(b)
      elsif a.is_a?(String) && b.is_a?(String)
        a.b <=> b.b
      elsif a.is_a?(Array) && b.is_a?(Array)
        [a.length, b.length].min.times do |i|
          return cmp(a[i], b[i]) unless eq(a[i], b[i])
        end
        a.length <=> b.length
      else
        raise TypeError, "'<' not supported between #{a.class} and #{b.class}"
      end
    end

    def lt(a, b) = cmp(a, b).negative?
    def le(a, b) = cmp(a, b) <= 0
    def gt(a, b) = cmp(a, b).positive?
    def ge(a, b) = cmp(a, b) >= 0

    # Python `a in b`.
    def contains(container, value)
      container = check(container)
      value = check(value)
      case container
      when String
        raise TypeError, "'in <string>' requires string as left operand" unless value.is_a?(String)

        container.include?(value)
      # Search groups hold only the groups read so far: whether a group is one is a search.
      when SearchGroups then value.is_a?(String) && container.key?(value)
      when Hash then container.keys.any? { |k| eq(k, value) }
      when Array then container.any? { |v| eq(v, value) }
      else raise TypeError, "argument of type #{container.class} is not iterable"
      end
    end

    # Iterating a mapping in Jinja yields its keys; a string yields characters.
    def iter(value)
      case check(value)
      when Array then value
      when Hash then value.keys
      when String then value.chars
      else raise TypeError, "'#{value.class}' object is not iterable"
      end
    end

    # The `loop` variable of a Jinja for loop.
    class Loop
      attr_reader :index0, :length

      def initialize(index0, length)
        @index0 = index0
        @length = length
      end

      def index = @index0 + 1
      def revindex = @length - @index0
      def revindex0 = @length - @index0 - 1
      def first = @index0.zero?
      def last = @index0 == @length - 1
    end

    def loop_info(index0, length)
      Loop.new(index0, length)
    end

    # Ansible's template action keeps the source's trailing newlines: Jinja
    # drops one, Ansible appends what the rendered text lacks. A template that
    # ends with a value prints it through this: `wanted` newlines at the end,
    # counting the `before` newlines the text before the value ended with
    # when the value is only newlines (or empty).
    def end_with_newlines(text, wanted, before = 0)
      text = text.to_s
      body = text.sub(/\n*\z/, '')
      have = text.length - body.length + (body.empty? ? before : 0)
      wanted > have ? text + ("\n" * (wanted - have)) : text
    end

    # The same rule applied to Erubis' output buffer, for a template whose end
    # the conversion could not work out (trailing-newlines.ts).
    def pad_newlines(buf, wanted)
      have = buf.length - buf.sub(/\n*\z/, '').length
      buf << ("\n" * (wanted - have)) if wanted > have
      buf
    end

    # `a if c` without else, when c is false: Ansible fails on the undefined value.
    def undefined(msg)
      raise UndefinedError, msg
    end

    # A template name set only in an if branch that did not run: reading it fails.
    def unset(name)
      Undefined.new("'#{name}' is undefined")
    end

    # Python slicing of a list or string (step 1).
    def slice(value, start, stop)
      value = check(value)
      raise TypeError, "'#{value.class}' object is not subscriptable" unless value.is_a?(Array) || value.is_a?(String)

      len = value.length
      clamp = lambda { |i, dflt|
        if i.nil?
          dflt
        else
          (i.negative? ? [i + len, 0].max : [i, len].min)
        end
      }
      from = clamp.call(start, 0)
      to = clamp.call(stop, len)
      to > from ? value[from...to] : value[0, 0]
    end

    # The few str/dict methods templates call directly (`x.split(',')`).
    def call_method(obj, name, *args)
      obj = check(obj)
      if obj.is_a?(Hash) && name == 'get'
        return obj.key?(args[0]) ? obj[args[0]] : args[1]
      end
      if obj.is_a?(Array) && name == 'append'
        obj << args[0]
        return
      end
      raise NoMethodError, "'#{obj.class}' object has no attribute '#{name}'" unless obj.is_a?(String)

      case name
      when 'split' then split(obj, *args)
      when 'splitlines' then splitlines(obj)
      when 'startswith' then obj.start_with?(*Array(args[0]))
      when 'endswith' then obj.end_with?(*Array(args[0]))
      when 'strip', 'lstrip', 'rstrip' then strip_ends(obj, name, *args)
      when 'join' then str_join(obj, args[0])
      when 'lower' then obj.downcase
      when 'upper' then obj.upcase
      when 'replace' then replace(obj, args[0], args[1])
      # Character (code point) positions, as Python's; -1 where the text is not found.
      when 'find' then obj.index(str_arg(args[0], name)) || -1
      when 'rfind' then obj.rindex(str_arg(args[0], name)) || -1
      else raise NoMethodError, "'str' object has no attribute '#{name}'"
      end
    end

    # `list.append(x)` / `list.extend(xs)` of a list a variable string builds, as a new list (the
    # translation threads it through the statements; nothing else sees the old one). Only a list
    # has these methods; extend takes what Python iterates (a dict's keys, a string's characters).
    def appended(list, value)
      raise NoMethodError, "'#{check(list).class}' object has no attribute 'append'" unless list.is_a?(Array) && !list.is_a?(Tuple)

      list + [value]
    end

    def extended(list, values)
      raise NoMethodError, "'#{check(list).class}' object has no attribute 'extend'" unless list.is_a?(Array) && !list.is_a?(Tuple)

      list + iter(values)
    end

    # A for loop of a list-building string: the list threaded through the items (Enumerable#reduce
    # under a name that says what the block's two parameters are: the list so far, the item).
    def fold(items, list, &block)
      items.reduce(list, &block)
    end

    # `item.update({...})` of a loop's item (a fresh copy in Ansible): the merged dict, as a new
    # one. Existing keys keep their place and new ones follow, as in Python's dict.
    def updated(dict, other)
      raise NoMethodError, "'#{check(dict).class}' object has no attribute 'update'" unless dict.is_a?(Hash)

      dict.to_h.merge(other)
    end

    # `d.update({...})` of the dict a variable string builds (string-accumulate.ts): the merged dict,
    # as a new one. Keys are matched as Python's dict matches them (True, 1 and 1.0 are one key,
    # which keeps its first spelling); existing keys keep their place and new ones follow.
    def dict_updated(dict, other)
      raise NoMethodError, "'#{check(dict).class}' object has no attribute 'update'" unless dict.is_a?(Hash)

      other.each_with_object(dict.to_h.dup) do |(key, value), out|
        keys = out.keys
        same = keys.index { |k| eq(k, key) }
        out[same ? keys[same] : key] = value
      end
    end

    # `item.pop(key[, default])` of a loop's item whose result is thrown away: the dict without
    # the key, as a new one; a missing key without a default fails as Python's KeyError does.
    def popped(dict, key, *default)
      raise NoMethodError, "'#{check(dict).class}' object has no attribute 'pop'" unless dict.is_a?(Hash)
      raise KeyError, key.inspect unless dict.key?(key) || !default.empty?

      dict.to_h.reject { |k, _| k == key }
    end

    # Python's str methods take only a str where Ruby would also take a Regexp.
    def str_arg(value, method)
      value = check(value)
      raise TypeError, "#{method}() argument must be str, not #{value.class}" unless value.is_a?(String)

      value
    end

    # --- Ohai values converted to what the Ansible fact holds (mappings/facts.toml)

    def fact_nil_to_empty(v) = v.nil? ? '' : v
    def fact_downcase(v) = v.downcase
    def fact_major_version(v) = v.split('.')[0]
    def fact_kb_to_mb(v) = Integer(v.delete_suffix('kB'), 10) / 1024
    def fact_to_int(v) = Integer(v, 10)

    def fact_lookup(v, table)
      table.fetch(v) { raise ArgumentError, "no Ansible fact value known for Ohai value #{v.inspect}" }
    end

    # `for a, b in seq` with loop.*: Python unpacks exactly `count` items (a string into characters).
    def unpack(value, count, index)
      v = check(value)
      items = if v.is_a?(String)
                v.chars
              else
                v.is_a?(Hash) ? v.keys : v
              end
      unless items.is_a?(Array) && items.length == count
        raise ArgumentError, "cannot unpack #{repr(v)} into #{count} values"
      end

      items[index]
    end

    # `for k, v in d.items()` and friends (only as loop iterables: printing a
    # dict view is not reproduced).
    def dict_items(d) = dict_view(d, 'items').map { |k, v| Tuple.new([k, v]) }
    def dict_keys(d) = dict_view(d, 'keys').keys
    def dict_values(d) = dict_view(d, 'values').values

    # Only a dict has these methods: on a list Jinja finds no attribute, and calling it fails.
    def dict_view(d, method)
      raise NoMethodError, "'#{check(d).class}' object has no attribute '#{method}'" unless d.is_a?(Hash)

      d
    end
  end
end

require_relative 'a2c_jinja_filters'
require_relative 'a2c_jinja_magic'
require_relative 'a2c_jinja_blocks'
require_relative 'a2c_jinja_percent'
require_relative 'a2c_py_literal'
