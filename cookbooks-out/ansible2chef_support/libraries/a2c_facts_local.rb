# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_local
#
# ansible_local: Ansible's setup module reads /etc/ansible/facts.d/*.fact on the host when facts
# are gathered (at the play's start, and again at each setup task). Ohai has no such plugin, so
# the files are read here by the rules of ansible-core 2.14 (module_utils/facts/system/local.py):
# each file's text, stripped, is JSON if Python's json.loads takes it, else an INI file read by
# Python's configparser (sections of options, lower-cased names, %-interpolation), else an error
# string. test/support-cookbook/facts-local.test.ts compares the result with the setup module.
#
# Ansible's value is a snapshot: it changes only when facts are gathered again. The first read
# of a run takes it, so it must see the files as they were when the run began: a file changed
# since (ohai_time) would give a value Ansible never saw, and the run stops. A converted setup
# task takes the snapshot again (refresh_local). What is refused, with the reason, rather than
# guessed: executable facts (Ansible runs them when gathering), files that are not regular files,
# and JSON or INI that Python would read in ways not reproduced here.

module A2C
  module Facts
    LOCAL_FACT_PATH = '/etc/ansible/facts.d'

    # Python's str.isspace characters (what str.strip and \s of re treat as space), for a character class.
    LOCAL_SPACE = "\t\n\v\f\r\x1c-\x20\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

    class LocalFactRefused < StandardError; end

    def self.local(node, path = LOCAL_FACT_PATH)
      state = node.run_state
      return state['a2c_ansible_local'] if state.key?('a2c_ansible_local')

      started = node['ohai_time']
      changed = ([path] + local_fact_files(path)).find { |f| File.exist?(f) && File.stat(f).ctime.to_f >= started.to_f }
      if changed
        raise LocalFactRefused, "ansible_local: #{changed} changed during this Chef run before the first read of " \
                                'ansible_local; Ansible reads the files when facts are gathered, before the play ' \
                                'changes them: read ansible_local earlier, or gather facts again (setup) first'
      end
      state['a2c_ansible_local'] = read_local(path)
    end

    # A setup task: the facts as the files are now.
    def self.refresh_local(node, path = LOCAL_FACT_PATH)
      node.run_state['a2c_ansible_local'] = read_local(path)
    end

    # Whether a setup task gathers ansible_local again, where its filter is known only when it runs
    # (ansible-core 2.14, modules/setup.py and module_utils/facts): filter and gather_subset are
    # lists, a string split on ','; the collector keeps a fact whose name fnmatches a pattern, or
    # 'ansible_' + a pattern not starting ansible_, facter or ohai; an empty pattern or list keeps
    # all. Local facts are in the minimal subset, always added, so they are gathered unless !min or
    # !local leaves them out (an explicit local keeps them): decided for subsets of all, !all, min,
    # !min, local and !local; another subset (which Ansible checks against its collectors) fails
    # the run rather than guess, as does a pattern with [...] (fnmatch's sets are not reproduced).
    def self.setup_gathers_local?(filter, subset)
      patterns = setup_list(filter)
      unless patterns.empty?
        raise LocalFactRefused, "setup filter #{patterns.inspect}: patterns with [...] are not converted" if patterns.any? { |p| p.include?('[') }
        return false unless patterns.any? { |p| setup_keeps?(p, 'ansible_local') }
      end
      items = subset.nil? ? ['all'] : setup_list(subset)
      unless (items - %w(all !all min !min local !local)).empty?
        raise LocalFactRefused, "setup gather_subset #{items.inspect}: whether it gathers the local facts (facts.d) is not converted"
      end

      items.include?('local') || !(items.include?('!min') || items.include?('!local'))
    end

    # A setup task whose filter is known only when it runs: the local facts read again where it gathers them.
    def self.setup_refresh_local(node, filter, subset, path = LOCAL_FACT_PATH)
      refresh_local(node, path) if setup_gathers_local?(filter, subset)
    end

    # AnsibleModule's list type with str elements: a list's items as strings, a string split on ','.
    def self.setup_list(value)
      return [] if value.nil?
      return value.map { |v| A2C::Jinja.str(v) } if value.is_a?(Array)

      A2C::Jinja.str(value).split(',', -1)
    end

    def self.setup_keeps?(pattern, name)
      return true if pattern.empty? || fnmatch?(pattern, name)

      !pattern.start_with?('ansible_', 'facter', 'ohai') && fnmatch?("ansible_#{pattern}", name)
    end

    # Python's fnmatch of a pattern without [...]: * any text, ? one character, the rest literal.
    def self.fnmatch?(pattern, name)
      /\A#{pattern.chars.map { |c| { '*' => '.*', '?' => '.' }[c] || Regexp.escape(c) }.join}\z/m.match?(name)
    end

    def self.local_fact_files(path)
      Dir.glob('*.fact', base: path).sort.map { |n| "#{path}/#{n}" }
    end

    def self.read_local(path)
      return {} unless File.exist?(path)

      local_fact_files(path).to_h do |fn|
        base = File.basename(fn).gsub('.fact', '')
        raise LocalFactRefused, "ansible_local: #{fn} is not a regular file: not converted" unless File.file?(fn)
        if File.stat(fn).mode & 0o100 != 0
          raise LocalFactRefused, "ansible_local: #{fn} is executable: Ansible runs it when gathering facts; not converted"
        end

        [base, local_fact_value(fn, File.readable?(fn) ? File.binread(fn) : '')]
      end
    end

    # One non-executable fact file's value from its bytes (`fn` names it in the error string).
    def self.local_fact_value(fn, bytes)
      text = bytes.dup.force_encoding(Encoding::UTF_8)
      # Python's open() fails on bytes that are not UTF-8: the file then reads as empty.
      text = +'' unless text.valid_encoding?
      # Text mode: universal newlines.
      text = text.gsub(/\r\n?/, "\n").gsub(/\A[#{LOCAL_SPACE}]+|[#{LOCAL_SPACE}]+\z/o, '')
      json = PyJson.new(text).parse
      return json[0] if json

      ini = ini_sections(text)
      return "error loading facts as JSON or ini - please check content: #{fn}" unless ini

      ini_fact(*ini)
    end

    # The sections, defaults and their raw values as configparser reads them (strict, `=` and `:`
    # delimiters, `#` and `;` whole-line comments, multi-line values), or nil where it raises.
    def self.ini_sections(text)
      sections = {}
      defaults = {}
      added = {}
      cur = nil
      sect = nil
      opt = nil
      indent = 0
      error = false
      text.split("\n", -1).tap { |l| l.pop if l.last == '' }.each do |line|
        stripped = line.gsub(/\A[#{LOCAL_SPACE}]+|[#{LOCAL_SPACE}]+\z/o, '')
        if stripped.start_with?('#', ';')
          next
        elsif stripped.empty?
          cur[opt] << '' if cur && opt && cur[opt]
          next
        end
        level = line.index(/[^#{LOCAL_SPACE}]/o) || 0
        if cur && opt && level > indent
          cur[opt] << stripped
          next
        end
        indent = level
        if (m = /\A\[(.+)\]/.match(stripped))
          sect = m[1]
          if sections.key?(sect)
            return nil if added[sect]

            cur = sections[sect]
            added[sect] = true
          elsif sect == 'DEFAULT'
            cur = defaults
          else
            cur = sections[sect] = {}
            added[sect] = true
          end
          opt = nil
        elsif cur.nil?
          return nil
        elsif (m = /\A(.*?)[#{LOCAL_SPACE}]*([=:])[#{LOCAL_SPACE}]*(.*)\z/o.match(stripped))
          error = true if m[1].empty?
          raw = m[1].sub(/[#{LOCAL_SPACE}]+\z/o, '')
          raise LocalFactRefused, "ansible_local: INI option name #{raw.inspect} is not ASCII: not converted" unless raw.ascii_only?

          opt = raw.downcase
          return nil if added[[sect, opt]]

          added[[sect, opt]] = true
          cur[opt] = [m[3].gsub(/\A[#{LOCAL_SPACE}]+|[#{LOCAL_SPACE}]+\z/o, '')]
        else
          error = true
        end
      end
      return if error

      join = ->(h) { h.transform_values { |v| v.join("\n").sub(/[#{LOCAL_SPACE}]+\z/o, '') } }
      [sections.transform_values(&join), join.call(defaults)]
    end

    def self.ini_fact(sections, defaults)
      sections.to_h do |name, opts|
        vars = defaults.merge(opts)
        [name, opts.keys.union(defaults.keys).to_h { |o| [o, ini_interpolate(vars[o], vars, 1)] }]
      end
    end

    # configparser's BasicInterpolation: %% and %(name)s; its errors are refused.
    def self.ini_interpolate(value, vars, depth)
      raise LocalFactRefused, 'ansible_local: INI interpolation deeper than configparser allows: not converted' if depth > 10

      out = +''
      rest = value
      while (p = rest.index('%'))
        out << rest[0, p]
        rest = rest[p..]
        if rest[1] == '%'
          out << '%'
          rest = rest[2..]
        elsif (m = /\A%\(([^)]+)\)s/.match(rest)) && m[1].ascii_only? && vars.key?(m[1].downcase)
          v = vars[m[1].downcase]
          out << (v.include?('%') ? ini_interpolate(v, vars, depth + 1) : v)
          rest = rest[m.end(0)..]
        else
          raise LocalFactRefused, "ansible_local: INI value #{value.inspect} has % interpolation configparser rejects: not converted"
        end
      end
      out << rest
    end

    # Python's json.loads (the C scanner, strict): [value] or nil where Python raises ValueError.
    # Ruby's JSON.parse is not used: it accepts /* */ comments, which json.loads refuses (the file is
    # then INI to Ansible), and refuses lone surrogate escapes, which json.loads takes.
    class PyJson
      NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/

      def initialize(text)
        @s = text
        @i = 0
        @depth = 0
      end

      def parse
        skip
        v = value
        skip
        @i == @s.length ? [v] : nil
      rescue StopIteration
        nil
      end

      private

      def skip
        @i = @s.index(/[^ \t\n\r]|\z/, @i)
      end

      def fail!
        raise StopIteration
      end

      def value
        c = @s[@i]
        case c
        when '"' then string
        when '{' then nested { object }
        when '[' then nested { array }
        else literal
        end
      end

      def nested
        @depth += 1
        raise LocalFactRefused, 'ansible_local: JSON nested deeper than converted' if @depth > 200

        v = yield
        @depth -= 1
        v
      end

      CONSTANTS = { 'null' => nil, 'true' => true, 'false' => false }.freeze

      def literal
        CONSTANTS.each do |word, v|
          next unless @s[@i, word.length] == word

          @i += word.length
          return v
        end
        if (m = NUMBER.match(@s, @i)) && m.begin(0) == @i
          @i = m.end(0)
          return m[1] || m[2] ? Float(m[0]) : number(m[0])
        end
        { 'NaN' => Float::NAN, 'Infinity' => Float::INFINITY, '-Infinity' => -Float::INFINITY }.each do |word, v|
          next unless @s[@i, word.length] == word

          @i += word.length
          return v
        end
        fail!
      end

      def number(text)
        # Python refuses integers of more than 4300 digits (ValueError: then INI is tried).
        raise LocalFactRefused, 'ansible_local: JSON integer too long for Python: not converted' if text.length > 4300

        Integer(text, 10)
      end

      def string
        @i += 1
        out = +''
        loop do
          c = @s[@i]
          fail! if c.nil? || c.ord < 0x20
          @i += 1
          return out if c == '"'
          next out << c unless c == '\\'

          e = @s[@i]
          @i += 1
          simple = { '"' => '"', '\\' => '\\', '/' => '/', 'b' => "\b", 'f' => "\f", 'n' => "\n", 'r' => "\r", 't' => "\t" }[e]
          next out << simple if simple
          fail! unless e == 'u'

          out << unicode_escape
        end
      end

      def unicode_escape
        code = hex4
        if code.between?(0xd800, 0xdbff) && @s[@i, 2] == '\\u'
          save = @i
          @i += 2
          low = hex4
          return [0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)].pack('U') if low.between?(0xdc00, 0xdfff)

          @i = save
        end
        raise LocalFactRefused, 'ansible_local: JSON string with a lone surrogate: not converted' if code.between?(0xd800, 0xdfff)

        [code].pack('U')
      end

      def hex4
        h = @s[@i, 4]
        fail! unless h && h.length == 4 && h.match?(/\A[0-9a-fA-F]{4}\z/)
        @i += 4
        h.to_i(16)
      end

      def object
        @i += 1
        out = {}
        skip
        if @s[@i] == '}'
          @i += 1
          return out
        end
        loop do
          fail! unless @s[@i] == '"'
          k = string
          skip
          fail! unless @s[@i] == ':'
          @i += 1
          skip
          out[k] = value
          skip
          c = @s[@i]
          @i += 1
          return out if c == '}'

          fail! unless c == ','
          skip
        end
      end

      def array
        @i += 1
        out = []
        skip
        if @s[@i] == ']'
          @i += 1
          return out
        end
        loop do
          out << value
          skip
          c = @s[@i]
          @i += 1
          return out if c == ']'

          fail! unless c == ','
          skip
        end
      end
    end
  end
end
