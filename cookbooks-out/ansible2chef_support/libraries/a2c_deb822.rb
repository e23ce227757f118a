# frozen_string_literal: true

# ansible.builtin.deb822_repository (ansible-core 2.15+): the sources file the module writes, with
# its steps. The file is /etc/apt/sources.list.d/<slug>.sources, the slug made from the name (lower
# case, runs of '_' and blanks turned into '-', anything but a-z, 0-9 and '-' dropped). Its fields are
# the given arguments sorted by argument name (mode and state are not fields), each converted as
# AnsibleModule converts its type (a list from a comma-separated string, a boolean as yes/no) and
# written as python-debian's Deb822.dump writes it: a value of several lines on lines of their own,
# indented by four blanks, an empty line written as '.'. Types defaults to deb.
require_relative 'a2c_jinja'
require_relative 'a2c_tasks'

module A2C
  module Deb822
    class Error < StandardError; end

    # The module's deb822 arguments, in the sorted order it writes them.
    BOOLS = %w(allow_downgrade_to_insecure allow_insecure allow_weak by_hash check_date check_valid_until enabled pdiffs trusted).freeze
    LISTS = %w(architectures components languages suites targets types uris).freeze
    STRINGS = %w(inrelease_path name signed_by).freeze
    INTS = %w(date_max_future).freeze
    FIELDS = (BOOLS + LISTS + STRINGS + INTS).sort.freeze
    TYPES = %w(deb deb-src).freeze

    module_function

    def slug(name)
      name.downcase.gsub(/[_[:space:]]+/, '-').gsub(/[^a-z0-9-]+/, '')
    end

    def sources_path(name)
      "/etc/apt/sources.list.d/#{slug(name)}.sources"
    end

    # The key files the module writes for a signed_by URL, and deletes with state: absent.
    def key_paths(name)
      %w(asc gpg).map { |ext| "/etc/apt/keyrings/#{slug(name)}.#{ext}" }
    end

    # The file's text from the arguments (Ansible names; nil: not given).
    def render(params)
      unknown = params.keys - FIELDS
      raise Error, "deb822_repository: unknown arguments #{unknown.join(', ')}" unless unknown.empty?

      args = params.merge('types' => params['types'].nil? ? ['deb'] : params['types'])
      FIELDS.each_with_object(+'') do |key, out|
        next if args[key].nil?

        value = field_text(key, args[key])
        value = multiline(value) if value.include?("\n")
        field = field_name(key)
        out << (value.empty? || value.start_with?("\n") ? "#{field}:#{value}\n" : "#{field}: #{value}\n")
      end
    end

    def field_text(key, value)
      if BOOLS.include?(key)
        A2C::Tasks.to_bool(value, key) ? 'yes' : 'no'
      elsif INTS.include?(key)
        A2C::Tasks.to_int(value, key).to_s
      elsif LISTS.include?(key)
        list(key, value).join(' ')
      elsif key == 'signed_by'
        signed_by(A2C::Tasks.to_str(value, key))
      else
        A2C::Tasks.to_str(value, key)
      end
    end

    # check_type_list with elements: str (and the choices of types).
    def list(key, value)
      items =
        case value
        when Array then value
        when String then value.empty? ? [''] : value.split(',', -1)
        when Integer, Float, true, false then [value]
        else raise Error, "argument '#{key}' is of type <class '#{A2C::Tasks.py_type(value)}'> and we were unable to convert to list: <class '#{A2C::Tasks.py_type(value)}'> cannot be converted to a list"
        end
      items = items.map { |v| A2C::Tasks.to_str(v, key) }
      bad = key == 'types' ? items - TYPES : []
      raise Error, "value of types must be one or more of: #{TYPES.join(', ')}. Got no match for: #{bad.join(', ')}" unless bad.empty?

      items
    end

    # A file on the node or key text is written as it is; a URL the module downloads into
    # /etc/apt/keyrings first, which is not converted: the run fails rather than write the URL.
    def signed_by(value)
      return value if ::File.file?(value)
      raise Error, "deb822_repository: signed_by #{value.inspect} is a URL the module would download into /etc/apt/keyrings; convert it by hand" if value.match?(/\A[A-Za-z][A-Za-z0-9+.-]*:/)

      value
    end

    # The module's format_multiline: stripped lines, '.' for an empty one, indented by four blanks.
    def multiline(value)
      lines = value.strip.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\u0085\u2028\u2029]/)
      "\n" + lines.map { |l| "    #{l.strip.empty? ? '.' : l.strip}" }.join("\n")
    end

    def field_name(key)
      return 'X-Repolib-Name' if key == 'name'
      return 'URIs' if key == 'uris'

      key.split('_').map(&:capitalize).join('-')
    end
  end
end
