# frozen_string_literal: true

# openstack.config_template with config_type yaml or json and `content` (its action plugin, as of the
# collection's 2.x releases): the content, given as data, is printed with Python's str(), read back
# with yaml.safe_load (so None becomes the string 'None'), the overrides are merged in with the
# plugin's _merge_dict, and the result is dumped with PyYAML (A2C::Yaml.dump_block).
module A2C
  module ConfigTemplate
    class MergeError < StandardError; end

    # Python's str.strip(): whitespace as str.isspace() counts it.
    PY_SPACE = '[\s\v\x1c-\x1f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]'
    PY_STRIP = /\A#{PY_SPACE}+|#{PY_SPACE}+\z/

    module_function

    # The text config_template writes. `list_extend` is the task's argument: the plugin passes
    # None when the task leaves it out, so lists in the overrides replace lists by default.
    def yaml(content, overrides = {}, list_extend = nil, yml_multilines = false)
      text = A2C::Jinja.str(content)
      raise MergeError, 'config_template: No user [ src ] or [ content ] was provided' if text.empty?

      merged = merge(A2C::Yaml.load(text), plain(overrides), list_extend, yml_multilines)
      A2C::Yaml.dump_block(merged)
    end

    # config_type json with content given as data: the plugin dumps it with json.dumps and reads
    # it back with json.loads, which gives the same data for what node attributes hold; then the
    # merge, then json.dumps(indent=4, sort_keys=True). Content given as text is not reproduced
    # (Python's json.loads is not Ruby's parser) and fails the run.
    def json(content, overrides = {}, list_extend = nil, yml_multilines = false)
      raise MergeError, 'ansible2chef: config_template json with content given as text is not converted; give it as data' unless A2C::Jinja.check(content).is_a?(Hash)

      json_dumps(merge(plain(content), plain(overrides), list_extend, yml_multilines), 0)
    end

    # json.dumps(value, indent=4, sort_keys=True): ensure_ascii escapes, ',' between items.
    def json_dumps(value, level)
      pad = ' ' * (4 * (level + 1))
      close = ' ' * (4 * level)
      case value
      when Hash
        return '{}' if value.empty?

        items = value.keys.sort.map { |k| "#{pad}#{json_key(k)}: #{json_dumps(value[k], level + 1)}" }
        "{\n#{items.join(",\n")}\n#{close}}"
      when Array
        return '[]' if value.empty?

        "[\n#{value.map { |v| pad + json_dumps(v, level + 1) }.join(",\n")}\n#{close}]"
      when String then json_string(value)
      when true then 'true'
      when false then 'false'
      when nil then 'null'
      when Integer then value.to_s
      when Float then json_float(value)
      else raise MergeError, "config_template json: cannot write #{value.class}"
      end
    end

    def json_key(key)
      raise MergeError, 'config_template json: keys other than strings are not converted' unless key.is_a?(String)

      json_string(key)
    end

    def json_float(f)
      return 'NaN' if f.nan?
      return f.positive? ? 'Infinity' : '-Infinity' if f.infinite?

      A2C::Jinja.float_repr(f)
    end

    JSON_SHORT = { '\\' => '\\\\', '"' => '\\"', "\b" => '\\b', "\f" => '\\f', "\n" => '\\n', "\r" => '\\r', "\t" => '\\t' }.freeze

    # py_encode_basestring_ascii: every character outside ' '..'~' escaped, astral ones as a surrogate pair.
    def json_string(s)
      raise MergeError, 'config_template json: a string that is not valid UTF-8' unless s.valid_encoding?

      body = s.each_char.map do |c|
        next JSON_SHORT[c] if JSON_SHORT.key?(c)
        next c if c.ord.between?(0x20, 0x7e)

        n = c.ord
        if n < 0x10000
          format('\\u%04x', n)
        else
          n -= 0x10000
          format('\\u%04x\\u%04x', 0xd800 | ((n >> 10) & 0x3ff), 0xdc00 | (n & 0x3ff))
        end
      end
      "\"#{body.join}\""
    end

    # ActionModule._merge_dict. A value the plugin cannot merge (it raises a Python TypeError or
    # AttributeError there) fails here too.
    def merge(base, new, list_extend, yml_multilines = false)
      if new.is_a?(Hash)
        new.each do |key, value|
          base = mergeable!(base, key)
          if value.is_a?(Hash)
            # The nested call is made without yml_multilines: False below the top level.
            base[key] = merge(base.fetch(key, {}), value, list_extend)
          elsif !int_like?(value) && splits?(value, yml_multilines)
            base[key] = value.split(/,|\n/, -1).reject(&:empty?).map { |s| s.gsub(PY_STRIP, '') }
          elsif value.is_a?(Array) && base[key].is_a?(Array) && A2C::Jinja.truthy(list_extend)
            base[key].concat(value)
          else
            base[key] = value
          end
        end
      elsif new.is_a?(Array)
        return new unless A2C::Jinja.truthy(list_extend)
        raise MergeError, "config_template: cannot extend #{base.class} with a list" unless base.is_a?(Array)

        base.concat(new)
      end
      base
    end

    def mergeable!(base, key)
      return base if base.is_a?(Hash)

      raise MergeError, "config_template: cannot merge the override #{key.inspect} into #{A2C::Jinja.repr(base)[0, 60]}"
    end

    # Python's bool is an int: the plugin never splits one.
    def int_like?(value) = value.is_a?(Integer) || value == true || value == false

    # `',' in value or ('\n' in value and not yml_multilines)`: a substring test on a string, an
    # element test on a list (whose re.split then fails), a TypeError on anything else.
    def splits?(value, yml_multilines)
      case value
      when String then value.include?(',') || (value.include?("\n") && !A2C::Jinja.truthy(yml_multilines))
      when Array
        return false unless value.include?(',') || (value.include?("\n") && !A2C::Jinja.truthy(yml_multilines))

        raise MergeError, 'config_template: a list holding "," or a newline cannot be split (Python re.split of a list)'
      else raise MergeError, "config_template: cannot merge the override value #{A2C::Jinja.repr(value)[0, 60]} (Python: argument is not iterable)"
      end
    end

    # Node attributes (immutable) as plain, mutable Ruby data.
    def plain(value)
      case A2C::Jinja.check(value)
      when Hash then value.each_with_object({}) { |(k, v), h| h[k] = plain(v) }
      when Array then value.map { |v| plain(v) }
      else value
      end
    end
  end
end
