# Jinja2 and Ansible filters and tests with Python semantics; see a2c_jinja.rb.
require_relative 'a2c_py_random'
require_relative 'a2c_url'
require_relative 'a2c_yaml'
require 'digest'

module A2C
  module Jinja
    module_function

    # Python's str.isspace() characters (used by split(), strip(), \s).
    PY_SPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000".freeze
    PY_SPACE_RUN = /[#{PY_SPACE}]+/

    # str.splitlines(): the lines without their ends; a final line end opens no empty line.
    def splitlines(value)
      value = check(value)
      raise NoMethodError, "'#{value.class}' object has no attribute 'splitlines'" unless value.is_a?(String)

      lines = value.split(PY_LINE_BREAK, -1)
      lines.pop if !value.empty? && lines.last == ''
      lines
    end

    # openstack.osa.string_2_int: int(sha256(utf-8 bytes).hexdigest(), 36) % 10240.
    def osa_string_2_int(value)
      value = check(value)
      raise TypeError, "object supporting the buffer API required, not #{value.class}" unless value.is_a?(String)

      Digest::SHA256.hexdigest(value.encode('UTF-8')).to_i(36) % 10_240
    end

    # A Python tuple (dictsort, dict.items()): prints with parentheses.
    class Tuple < Array; end

    def tuple(*items)
      Tuple.new(items)
    end

    # `value | type_debug == name` for the Python classes whose name does not depend on where the
    # value came from (a string is str, AnsibleUnicode or AnsibleUnsafeText by its origin).
    def type_debug_is(value, name)
      case name
      when 'bool' then value.equal?(true) || value.equal?(false)
      when 'int' then value.is_a?(Integer)
      when 'float' then value.is_a?(Float)
      when 'NoneType' then value.nil?
      else raise ArgumentError, "ansible2chef: type_debug is not compared with #{name.inspect}"
      end
    end

    def default(value, fallback = '', boolean = false)
      return fallback if value.is_a?(Undefined)
      return fallback if boolean && !truthy(value)

      value
    end

    def mandatory(value, msg = nil)
      return value unless value.is_a?(Undefined)

      raise UndefinedError, msg || "Mandatory variable not defined. (#{value.hint})"
    end

    def bool(value)
      value = check(value)
      return value if value.nil? || value == true || value == false

      value = value.downcase if value.is_a?(String)
      ['yes', 'on', '1', 'true', 1].any? { |t| eq(value, t) }
    end

    PY_INT = /\A[#{PY_SPACE}]*[+-]?\d+(?:_\d+)*[#{PY_SPACE}]*\z/
    PY_FLOAT = /\A[#{PY_SPACE}]*[+-]?(?:(?:\d+(?:_\d+)*)?\.?\d+(?:_\d+)*|\d+(?:_\d+)*\.)(?:[eE][+-]?\d+(?:_\d+)*)?[#{PY_SPACE}]*\z/
    PY_FLOAT_SPECIAL = /\A[#{PY_SPACE}]*([+-]?)(inf|infinity|nan)[#{PY_SPACE}]*\z/i

    # Python float(x), or nil where Python raises ValueError/TypeError.
    def parse_float(value)
      case value
      when true, false then num(value).to_f
      when Numeric then value.to_f
      when String
        if PY_FLOAT.match?(value)
          Float(value.strip.delete('_').sub(/\A([+-]?)\./, '\10.').sub(/\.([eE]|\z)/, '.0\1'))
        elsif (m = PY_FLOAT_SPECIAL.match(value))
          v = m[2].downcase == 'nan' ? Float::NAN : Float::INFINITY
          m[1] == '-' ? -v : v
        end
      end
    end

    def int(value, fallback = 0)
      value = check(value)
      case value
      when true, false then num(value)
      when Integer then value
      when String
        return Integer(value.strip.delete('_'), 10) if PY_INT.match?(value)

        f = parse_float(value)
        return fallback if f.nil? || f.nan?
        raise FloatDomainError, 'cannot convert float infinity to integer' if f.infinite?

        f.to_i
      when Float
        return fallback if value.nan?

        value.to_i
      else fallback
      end
    end

    def float(value, fallback = 0.0)
      parse_float(check(value)) || fallback
    end

    def lower(value) = str(value).downcase
    def upper(value) = str(value).upcase
    def capitalize(value) = str(value).capitalize

    def title(value)
      str(value).split(/([-#{PY_SPACE}({\[<]+)/).reject(&:empty?).map do |w|
        w[0].upcase + w[1..].downcase
      end.join
    end

    def trim(value, chars = nil)
      s = str(value)
      set = chars.nil? ? "[#{PY_SPACE}]" : "[#{Regexp.escape(chars)}]"
      chars == '' ? s : s.sub(/\A#{set}+/, '').sub(/#{set}+\z/, '')
    end

    # str.strip/lstrip/rstrip: Python's whitespace (str.isspace) when chars is None, else any of
    # chars' characters; the method's name says which ends.
    def strip_ends(value, method, chars = nil)
      chars = check(chars)
      raise TypeError, "#{method} arg must be None or str" unless chars.nil? || chars.is_a?(String)
      return value if chars == ''

      set = chars.nil? ? "[#{PY_SPACE}]" : "[#{Regexp.escape(chars)}]"
      value = value.sub(/\A#{set}+/, '') unless method == 'rstrip'
      value = value.sub(/#{set}+\z/, '') unless method == 'lstrip'
      value
    end

    # sep.join(iterable): Python's str.join takes strings only, never converting an item.
    def str_join(sep, values)
      items = iter(values)
      items.each_with_index do |v, i|
        raise TypeError, "sequence item #{i}: expected str instance, #{check(v).class} found" unless v.is_a?(String)
      end
      items.join(sep)
    end

    # Ansible's regex_escape: Python 3.11's re.escape (its special characters only) or, for
    # posix_basic, the BRE specials; the translator passes no other re_type.
    def regex_escape(value, re_type = 'python')
      s = str(value)
      case re_type
      when 'python' then s.gsub(/[()\[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/) { |c| "\\#{c}" }
      when 'posix_basic' then s.gsub(/[\].\[^$*\\]/) { |c| "\\#{c}" }
      else raise ArgumentError, "Invalid regex type (#{re_type})"
      end
    end

    def length(value)
      case check(value)
      when String, Array, Hash then value.length
      else raise TypeError, "object of type '#{value.class}' has no len()"
      end
    end

    # Jinja returns an undefined value for an empty sequence (first, last, min, max): it fails only
    # where it is used, so `default` and `is defined` see it.
    def first(value)
      items = iter(value)
      return Undefined.new('No first item, sequence was empty.') if items.empty?

      items.first
    end

    def last(value)
      items = iter(value)
      return Undefined.new('No last item, sequence was empty.') if items.empty?

      items.last
    end

    def sort_key(value, case_sensitive)
      !case_sensitive && value.is_a?(String) ? value.downcase : value
    end

    def min(value, case_sensitive = false)
      items = iter(value)
      return Undefined.new('No aggregated item, sequence was empty.') if items.empty?

      items.reduce { |acc, elem| lt(sort_key(elem, case_sensitive), sort_key(acc, case_sensitive)) ? elem : acc }
    end

    def max(value, case_sensitive = false)
      items = iter(value)
      return Undefined.new('No aggregated item, sequence was empty.') if items.empty?

      items.reduce { |acc, elem| gt(sort_key(elem, case_sensitive), sort_key(acc, case_sensitive)) ? elem : acc }
    end

    # Jinja's round: 'common' is Python's round() (half to even, on the float's exact binary value,
    # so 2.675 rounds to 2.67), 'ceil'/'floor' are math.ceil/floor(value * 10**precision) / 10**precision.
    def round(value, precision = 0, method = 'common')
      raise ArgumentError, 'method must be common, ceil or floor' unless %w(common ceil floor).include?(method)

      value = num(check(value))
      precision = num(check(precision))
      raise TypeError, "type #{value.class} doesn't define __round__ method" unless value.is_a?(Numeric)
      return round_common(value, precision) if method == 'common'

      scale = precision.is_a?(Integer) && precision >= 0 ? 10**precision : 10.0**precision
      whole = (value * scale).public_send(method)
      whole.is_a?(Integer) && scale.is_a?(Integer) ? whole.fdiv(scale) : whole / scale
    end

    def round_common(value, precision)
      raise TypeError, "'#{precision.class}' object cannot be interpreted as an integer" unless precision.is_a?(Integer)
      return (precision >= 0 ? value : value.round(precision, half: :even)) if value.is_a?(Integer)
      return value unless value.finite?

      r = value.to_r.round(precision, half: :even).to_f
      # Python keeps the sign of a value that rounds to zero (round(-0.4) is -0.0).
      r.zero? && (value.negative? || (value.zero? && (1.0 / value).negative?)) ? -0.0 : r
    end

    def sum(value, attribute = nil, start = 0)
      iter(value).reduce(start) { |acc, elem| add(acc, attribute.nil? ? elem : getattr_path(elem, attribute)) }
    end

    # Jinja's format filter where the conversion checked the format holds only %s (flag '-', width,
    # precision) and %% conversions, one argument each: Python's `fmt % args`, every argument printed
    # with Python's str(); Ruby's format pads and cuts by characters as Python does by code points.
    def format_str(fmt, *args)
      Kernel.format(fmt, *args.map { |a| str(a) })
    end

    def join(value, sep = '', attribute = nil)
      iter(value).map { |v| str(attribute.nil? ? v : getattr_path(v, attribute)) }.join(str(sep))
    end

    def map(value, &blk) = iter(value).map(&blk)

    def split(value, sep = nil, maxsplit = -1)
      s = check(value)
      raise TypeError, 'split() needs a string' unless s.is_a?(String)

      if sep.nil?
        parts = s.sub(/\A#{PY_SPACE_RUN}/o, '').split(PY_SPACE_RUN, maxsplit.negative? ? -1 : maxsplit + 1)
        parts[-1] = parts[-1].sub(/#{PY_SPACE_RUN}\z/o, '') if maxsplit >= 0 && !parts.empty?
        parts.reject(&:empty?)
      else
        raise ArgumentError, 'empty separator' if sep.empty?

        s.split(sep, maxsplit.negative? ? -1 : maxsplit + 1).then { |p| s.empty? ? [''] : p }
      end
    end

    def replace(value, old, new, count = nil)
      s = str(value)
      old = str(old)
      new = str(new)
      return s.gsub(old) { new } if count.nil? || count.negative?

      out = +''
      rest = s
      count.times do
        i = rest.index(old) or break
        out << rest[0...i] << new
        if old.empty?
          out << rest[0].to_s
          rest = rest[1..].to_s
        else
          rest = rest[(i + old.length)..]
        end
      end
      out + rest
    end

    # pieces: literal strings and group numbers, parsed from a Python
    # replacement template by the translator.
    def regex_replace(value, regex, pieces, count = 0)
      s = str(value)
      n = 0
      s.gsub(regex) do
        m = Regexp.last_match
        next m[0] if count.positive? && (n += 1) > count

        pieces.map { |p| p.is_a?(Integer) ? m[p].to_s : p }.join
      end
    end

    def regex_search(value, regex, groups = [])
      m = regex.match(str(value))
      return if m.nil?

      groups.empty? ? m[0] : groups.map { |g| m[g] }
    end

    def regex_findall(value, regex)
      str(value).scan(regex).map { |m| m.is_a?(Array) && m.length == 1 ? m[0].to_s : m }
                .map { |m| m.is_a?(Array) ? tuple(*m.map(&:to_s)) : m }
    end

    def select(value, &test) = iter(value).select(&test)
    def reject(value, &test) = iter(value).reject(&test)

    # Jinja's attribute getter: `a.b.0` walks keys and list indexes.
    def getattr_path(obj, path)
      path.split('.').reduce(obj) do |cur, key|
        key.match?(/\A\d+\z/) ? item(cur, key.to_i) : attr(cur, key)
      end
    end

    def selectattr(value, path, &test)
      iter(value).select { |v| test.call(try { getattr_path(v, path) }) }
    end

    def rejectattr(value, path, &test)
      iter(value).reject { |v| test.call(try { getattr_path(v, path) }) }
    end

    # openstack.osa's rejectattr: an item is dropped only when it has the attribute and the test
    # passes on its value. A mapping has it as a key; another value has it as a Python attribute,
    # which for a string or list is one of its methods (or a dunder name); other types are refused.
    def osa_rejectattr(value, name, &test)
      iter(value).reject do |v|
        v = check(v)
        case v
        when Hash then v.key?(name) && test.call(v[name])
        when Array, String
          methods = v.is_a?(Array) ? PY_LIST_METHODS : PY_STR_METHODS
          raise TypeError, "'#{name}' is a Python attribute of #{v.class}; not reproduced" if methods.include?(name) || name.start_with?('__')

          false
        else raise TypeError, "whether a #{v.class} has the Python attribute '#{name}' is not reproduced"
        end
      end
    end

    def map_attr(value, path, *fallback)
      iter(value).map do |v|
        got = try { getattr_path(v, path) }
        got.is_a?(Undefined) && !fallback.empty? ? fallback[0] : got
      end
    end

    def unique(value, case_sensitive = false)
      seen = []
      iter(value).each_with_object([]) do |v, out|
        key = sort_key(v, case_sensitive)
        next if seen.any? { |s| eq(s, key) }

        seen << key
        out << v
      end
    end

    def lists!(a, b)
      raise TypeError, 'set operations are translated for lists only' unless a.is_a?(Array) && b.is_a?(Array)
    end

    def union(a, b)
      lists!(a, b)
      unique(a + b, true)
    end

    def intersect(a, b)
      lists!(a, b)
      unique(a.select { |x| contains(b, x) }, true)
    end

    def difference(a, b)
      lists!(a, b)
      unique(a.reject { |x| contains(b, x) }, true)
    end

    def flatten(value, levels = nil, skip_nulls = true)
      iter(value).each_with_object([]) do |v, out|
        next if skip_nulls && (v.nil? || v == 'None' || v == 'null')

        if v.is_a?(Array) && (levels.nil? || levels >= 1)
          out.concat(flatten(v, levels&.-(1), skip_nulls))
        else
          out << v
        end
      end
    end

    # Python's sorted(): stable, also when reversed.
    def sort(value, reverse = false, case_sensitive = false, attribute = nil)
      # Jinja's key is a one-item list (make_multi_attrgetter): Python compares lists item by item with
      # == first, so two equal dicts sort where two different ones raise; cmp of arrays does the same.
      keyed = iter(value).each_with_index.map do |v, i|
        k = attribute.nil? ? v : getattr_path(v, attribute)
        [[sort_key(k, case_sensitive)], i, v]
      end
      keyed.sort { |a, b| (reverse ? cmp(b[0], a[0]) : cmp(a[0], b[0])).nonzero? || a[1] <=> b[1] }.map(&:last)
    end

    def dictsort(value, case_sensitive = false, by = 'key', reverse = false)
      pos = { 'key' => 0, 'value' => 1 }.fetch(by)
      sort_pairs(check(value).map { |k, v| tuple(k, v) }, pos, case_sensitive, reverse)
    end

    def sort_pairs(pairs, pos, case_sensitive, reverse)
      keyed = pairs.each_with_index.map { |p, i| [sort_key(p[pos], case_sensitive), i, p] }
      keyed.sort { |a, b| (reverse ? cmp(b[0], a[0]) : cmp(a[0], b[0])).nonzero? || a[1] <=> b[1] }.map(&:last)
    end

    def dict2items(value, key_name = 'key', value_name = 'value')
      raise TypeError, 'dict2items requires a dictionary' unless check(value).is_a?(Hash)

      value.map { |k, v| { key_name => k, value_name => v } }
    end

    def items2dict(value, key_name = 'key', value_name = 'value')
      raise TypeError, 'items2dict requires a list' unless check(value).is_a?(Array)

      value.to_h { |e| [item(e, key_name), item(e, value_name)] }
    end

    # Ansible's subelements filter: each element of a list (or of a dict's values) paired with each
    # item of the list its dotted key (or list of keys) leads to. skip_missing is a Python truth
    # value (a dict such as {'skip_missing': true} counts as true), unlike the lookup's flags; no
    # element is copied and none is skipped for a `skipped` key (the lookup does both). The pairs
    # are Python tuples in Ansible, arrays here.
    def subelements(obj, subelements, skip_missing = false)
      elements = case check(obj)
                 when Hash then obj.values
                 when Array then obj.dup
                 else raise TypeError, 'obj must be a list of dicts or a nested dict'
                 end
      keys = case check(subelements)
             when Array then subelements.dup
             when String then subelements.split('.')
             else raise TypeError, 'subelements must be a list or a string'
             end
      skip = truthy(skip_missing)
      elements.flat_map do |element|
        values = subelement_values(element, keys, skip)
        raise TypeError, "the key #{keys.inspect} should point to a list" unless values.is_a?(Array)

        values.map { |v| [element, v] }
      end
    end

    def subelement_values(element, keys, skip)
      values = element
      keys.each do |key|
        if values.is_a?(Hash) && !key.is_a?(Array) && !key.is_a?(Hash)
          unless values.key?(key)
            raise KeyError, "could not find #{key.inspect} key in iterated item" unless skip

            return []
          end
          values = values[key]
        elsif values.is_a?(Array) && key.is_a?(Integer)
          values = values.fetch(key)
        else
          raise TypeError, "the key #{key} should point to a dictionary"
        end
      end
      values
    end

    def combine(*dicts, recursive: false)
      dicts = dicts.flat_map { |d| check(d).is_a?(Array) ? d : [d] }
      dicts.reduce({}) { |acc, elem| merge_hash(acc, elem, recursive) }
    end

    def merge_hash(a, b, recursive)
      raise TypeError, 'combine expects dictionaries' unless a.is_a?(Hash) && b.is_a?(Hash)

      out = a.to_h { |k, v| [k, v] }
      b.each do |k, v|
        out[k] = recursive && out[k].is_a?(Hash) && v.is_a?(Hash) ? merge_hash(out[k], v, true) : v
      end
      out
    end

    def list(value) = iter(value).dup

    def ternary(value, if_true, if_false, if_none = nil)
      return if_none if check(value).nil? && !if_none.nil?

      truthy(value) ? if_true : if_false
    end

    def b64encode(value) = Base64.strict_encode64(str(value).encode('UTF-8'))

    def b64decode(value)
      s = str(value).gsub(%r{[^A-Za-z0-9+/=]}, '')
      out = Base64.strict_decode64(s).force_encoding('UTF-8')
      raise EncodingError, 'b64decode result is not UTF-8' unless out.valid_encoding?

      out
    end

    def basename(value) = str(value).rpartition('/').last

    def dirname(value)
      s = str(value)
      head = s[0, (s.rindex('/') || -1) + 1]
      head.match?(%r{\A/+\z}) ? head : head.sub(%r{/+\z}, '')
    end

    def path_join(value)
      parts = value.is_a?(Array) ? value.map { |p| str(p) } : [str(value)]
      parts.reduce do |path, b|
        if b.start_with?('/') then b
        elsif path.empty? || path.end_with?('/') then path + b
        else
          "#{path}/#{b}"
        end
      end
    end

    def quote(value)
      s = check(value).nil? ? '' : str(value)
      return "''" if s.empty?
      return s unless s.match?(%r{[^A-Za-z0-9_@%+=:,./-]})

      "'#{s.gsub("'", %q('"'"'))}'"
    end

    PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\u0085\u2028\u2029]/

    def indent(value, width = 4, first = false, blank = false)
      s = check(value)
      raise TypeError, 'indent expects a string' unless s.is_a?(String)

      pad = width.is_a?(String) ? width : ' ' * width
      lines = "#{s}\n".split(PY_LINE_BREAK, -1)[0...-1]
      rv = if blank
             lines.join("\n#{pad}")
           else
             head, *rest = lines
             if rest.empty?
               head.to_s
             else
               "#{head}\n#{rest.map { |l| l.empty? ? l : pad + l }.join("\n")}"
             end
           end
      first ? pad + rv : rv
    end

    COMMENT_STYLES = {
      'plain' => { 'decoration' => '# ' },
      'erlang' => { 'decoration' => '% ' },
      'c' => { 'decoration' => '// ' },
      'cblock' => { 'beginning' => '/*', 'decoration' => ' * ', 'end' => ' */' },
      'xml' => { 'beginning' => '<!--', 'decoration' => ' - ', 'end' => '-->' },
    }.freeze

    # Ansible's `comment` filter: the text decorated as a comment block of the given style.
    def comment(value, style = 'plain', options = {})
      text = check(value)
      raise TypeError, 'comment expects a string' unless text.is_a?(String)

      style_params = COMMENT_STYLES.fetch(style) { raise KeyError, style.to_s }
      edge = str(options.fetch('decoration') { style_params['decoration'] }).rstrip
      p = { 'newline' => "\n", 'beginning' => '', 'prefix' => edge, 'prefix_count' => 1, 'decoration' => '',
            'postfix' => edge, 'postfix_count' => 1, 'end' => '' }.merge(style_params).merge(options)
      nl = str(p['newline'])
      deco = str(p['decoration'])
      beginning = truthy(p['beginning']) ? "#{str(p['beginning'])}#{nl}" : ''
      prefix = if !truthy(p['prefix']) then ''
               elsif p['prefix'] == p['newline'] then nl * py_int(p['prefix_count'])
               else
                 "#{str(p['prefix'])}#{nl}" * py_int(p['prefix_count'])
               end
      body = "#{deco}#{text.gsub(nl) { nl + deco }}".gsub(deco + nl) { deco.rstrip + nl }
      postfix = ([''] + Array.new(py_int(p['postfix_count'])) { str(p['postfix']) }).join(nl)
      ending = truthy(p['end']) ? "#{nl}#{str(p['end'])}" : ''
      beginning + prefix + body + postfix + ending
    end

    # Python int() of a count: strings in base 10, floats truncated, anything else an error.
    def py_int(v) = v.is_a?(String) ? Integer(v.strip, 10) : Integer(v)

    # --- JSON exactly as Python's json.dumps prints it ------------------

    # ensure_ascii: json.dumps escapes every character past ASCII unless told not to (truthiness).
    def to_json(value, indent: nil, sort_keys: false, ensure_ascii: true)
      json_dump(check(value), indent, sort_keys, indent.nil? ? ', ' : ',', 0, truthy(ensure_ascii))
    end

    def to_nice_json(value, indent: 4, sort_keys: true, ensure_ascii: true)
      to_json(value, indent: indent, sort_keys: sort_keys, ensure_ascii: ensure_ascii)
    end

    def json_dump(v, indent, sort_keys, item_sep, depth, ascii = true, key_sep: ': ')
      case v
      when nil then 'null'
      when true then 'true'
      when false then 'false'
      when Integer then v.to_s
      when Float
        return 'NaN' if v.nan?
        return v.positive? ? 'Infinity' : '-Infinity' if v.infinite?

        float_repr(v)
      when String then json_string(v, ascii)
      when Array, Hash
        pairs = v.is_a?(Hash) ? v.to_a : nil
        pairs = pairs.sort { |a, b| cmp(a[0], b[0]) } if pairs && sort_keys
        return v.is_a?(Hash) ? '{}' : '[]' if v.empty?

        items = if pairs
                  pairs.map { |k, x| "#{json_key(k, ascii)}#{key_sep}#{json_dump(x, indent, sort_keys, item_sep, depth + 1, ascii, key_sep:)}" }
                else
                  v.map { |x| json_dump(x, indent, sort_keys, item_sep, depth + 1, ascii, key_sep:) }
                end
        open, close = pairs ? ['{', '}'] : ['[', ']']
        if indent.nil?
          "#{open}#{items.join(item_sep)}#{close}"
        else
          inner = "\n#{' ' * (indent * (depth + 1))}"
          "#{open}#{inner}#{items.join(item_sep + inner)}\n#{' ' * (indent * depth)}#{close}"
        end
      else raise TypeError, "Object of type #{v.class} is not JSON serializable"
      end
    end

    def json_key(k, ascii = true)
      case k
      when String then json_string(k, ascii)
      when nil, true, false, Numeric then json_string(json_dump(k, nil, false, ', ', 0))
      else raise TypeError, "keys must be str, int, float, bool or None, not #{k.class}"
      end
    end

    JSON_ESCAPES = { '"' => '\\"', '\\' => '\\\\', "\n" => '\\n', "\r" => '\\r', "\t" => '\\t', "\b" => '\\b', "\f" => '\\f' }.freeze

    def json_string(s, ascii = true)
      body = s.each_char.map do |c|
        next JSON_ESCAPES[c] if JSON_ESCAPES.key?(c)

        o = c.ord
        if o < 0x20 || (ascii && o > 0x7f)
          if o > 0xffff
            o -= 0x10000
            format('\\u%04x\\u%04x', 0xd800 | (o >> 10), 0xdc00 | (o & 0x3ff))
          else
            format('\\u%04x', o)
          end
        else
          c
        end
      end
      "\"#{body.join}\""
    end

    def from_json(value) = JSON.parse(str(value), allow_nan: true)

    # --- YAML (a2c_yaml.rb) and URLs (a2c_url.rb) ---------------------------

    # options: the yaml.dump keywords the translator lets through (indent, width, sort_keys...).
    def to_yaml(value, **options) = A2C::Yaml.dump(value, **options)

    def to_nice_yaml(value, indent = 4, **options)
      A2C::Yaml.dump(value, indent: indent, default_flow_style: false, **options)
    end

    # Anything but a string comes back unchanged, as in Ansible.
    def from_yaml(value)
      s = check(value)
      s.is_a?(String) ? A2C::Yaml.load(s) : s
    end

    # The whole split as a dict, or one component of it (all of them are computed first, so an
    # invalid port fails any query, as in Ansible).
    def urlsplit(value, query = '')
      parts = A2C::Url.split(check(value))
      return parts unless truthy(query)

      parts.fetch(query) { raise ArgumentError, "urlsplit: unknown URL component: #{str(query)}" }
    end

    # Jinja's urlencode: a string (or any value that is not iterable, printed as Python's str) is
    # percent-quoted keeping '/'; a dict, or a list of (key, value) pairs, becomes a query string
    # (each part quoted with '/' too, spaces as '+').
    def urlencode(value)
      v = check(value)
      return url_quote(v, false) if v.is_a?(String) || !(v.is_a?(Array) || v.is_a?(Hash))

      pairs = v.is_a?(Hash) ? v.to_a : v.map { |item| url_pair(item) }
      pairs.map { |k, val| "#{url_quote(k, true)}=#{url_quote(val, true)}" }.join('&')
    end

    # Python's `for k, v in items` unpacking of one item: two elements, or Python fails.
    def url_pair(item)
      parts = case check(item)
              when Array then item
              when Hash then item.keys
              when String then item.chars
              else raise TypeError, "urlencode: cannot unpack #{str(item)}"
              end
      raise ArgumentError, "urlencode: expected 2 values to unpack, got #{parts.length}" unless parts.length == 2

      parts
    end

    # urllib.parse.quote_from_bytes over the UTF-8 bytes: letters, digits and '_.-~' stay (and '/'
    # outside a query string).
    def url_quote(value, for_qs)
      safe = for_qs ? /[A-Za-z0-9_.~-]/n : %r{[A-Za-z0-9_.~/-]}n
      bytes = str(value).encode('UTF-8').b
      quoted = bytes.each_char.map { |c| c.match?(safe) ? c : format('%%%02X', c.ord) }.join
      for_qs ? quoted.gsub('%20', '+') : quoted
    end

    # Ansible's urldecode, urllib.parse.unquote_plus: '+' is a space, each run of %XX escapes is
    # decoded as UTF-8 with U+FFFD for bytes that are not; anything else is kept.
    def urldecode(value)
      s = check(value)
      raise TypeError, "urldecode expects a string: #{str(s)}" unless s.is_a?(String)

      s.tr('+', ' ').gsub(/(?:%[0-9A-Fa-f]{2})+/) do |run|
        [run.delete('%')].pack('H*').force_encoding('UTF-8').scrub("\uFFFD")
      end
    end

    # --- tests -----------------------------------------------------------

    # Class#=== rather than is_a?, which a NotRead fails: it answers this test as it was made to
    # (true for package_facts' archive keys; a failure for a controller input nobody set).
    def is_defined(value) = NotRead === value ? value.defined_answer : !(Undefined === value) # rubocop:disable Style/CaseEquality
    # Type tests are isinstance checks in Jinja: false, not an error, for undefined.
    def is_none(value) = value.nil?
    def is_string(value) = value.is_a?(String)
    def is_number(value) = number?(value)
    def is_integer(value) = value.is_a?(Integer)
    def is_float(value) = value.is_a?(Float)
    def is_mapping(value) = value.is_a?(Hash)
    def is_sequence(value) = [String, Array, Hash].any? { |t| check(value).is_a?(t) }
    def is_iterable(value) = is_sequence(value)
    def is_boolean(value) = value == true || value == false

    # LooseVersion from Python's distutils, as Ansible's `version` test uses it.
    def loose_version(v)
      str(v).scan(/\d+|[a-z]+|\./i).reject { |c| c == '.' }.map { |c| c.match?(/\A\d+\z/) ? c.to_i : c }
    end

    VERSION_OPS = { '==' => 'eq', '=' => 'eq', 'eq' => 'eq', '<' => 'lt', 'lt' => 'lt', '<=' => 'le', 'le' => 'le',
                    '>' => 'gt', 'gt' => 'gt', '>=' => 'ge', 'ge' => 'ge', '!=' => 'ne', '<>' => 'ne', 'ne' => 'ne' }.freeze

    def is_version(value, version, op = 'eq')
      raise ArgumentError, 'Input version value cannot be empty' unless truthy(value)
      raise ArgumentError, 'Version parameter to compare against cannot be empty' unless truthy(version)

      c = cmp(loose_version(value), loose_version(version))
      case VERSION_OPS.fetch(op)
      when 'eq' then c.zero?
      when 'ne' then !c.zero?
      when 'lt' then c.negative?
      when 'le' then c <= 0
      when 'gt' then c.positive?
      else c >= 0
      end
    end

    def is_match(value, regex) = !regex.match(str(value)).nil?
  end
end
