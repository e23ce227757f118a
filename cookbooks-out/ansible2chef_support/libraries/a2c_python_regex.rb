# frozen_string_literal: true
#
# Python `re` semantics on Ruby's Onigmo engine, for the file-editing helpers in
# a2c_file_edit*.rb. Ansible's lineinfile, blockinfile and replace take Python
# regular expressions; this module rewrites one into an equivalent Ruby Regexp, or
# raises A2C::PythonRegex::Error when a construct has no faithful translation.
#
# Two modes mirror how the modules compile their patterns:
# - :bytes (lineinfile, blockinfile): the pattern and the subject are bytes, so
#   `.` matches one byte and \w, \d, \s, \b are ASCII-only.
# - :text (replace): the subject is decoded UTF-8, so `.` matches one code point and
#   \w, \d, \s, \b follow Unicode (Ruby's (?u) option).
# `^`, `$` and `.` are always emitted in explicit forms, so Ruby's own always-on
# line anchors never leak in: Python's `^` is \A unless MULTILINE is set.
# Pure Ruby: no Chef dependency.
module A2C
  module PythonRegex
    class Error < StandardError; end

    # A compiled pattern. Ruby stops numbering plain groups once a pattern has
    # named ones, while Python numbers every group; so named groups are emitted as
    # plain numbered groups and `names` maps each name to its number.
    Pattern = Struct.new(:regex, :names) do
      def match(string, pos = 0)
        regex.match(string, pos)
      end

      def group_index(ref)
        return ref if ref.is_a?(Integer)

        names.fetch(ref) { raise Error, "unknown group name #{ref.inspect}" }
      end
    end

    # Python inline flag letters -> what they change here.
    FLAG_LETTERS = 'aiLmsux'

    module_function

    # Translate and compile a Python pattern into a Pattern. multiline/dotall are
    # the flags the calling module passes to re.compile (inline flags add to them).
    def compile(pattern, mode: :bytes, multiline: false, dotall: false)
      source, flags, names = translate(pattern, mode: mode, multiline: multiline, dotall: dotall)
      options = flags[:i] ? Regexp::IGNORECASE : 0
      options |= Regexp::EXTENDED if flags[:x]
      source = "(?u)#{source}" if mode == :text && !flags[:a]
      source = source.b if mode == :bytes
      Pattern.new(Regexp.new(source, options), names)
    rescue RegexpError => e
      raise Error, "regular expression #{pattern.inspect} does not compile in Ruby: #{e.message}"
    end

    # True when the pattern itself turns on MULTILINE with a leading inline flag
    # group; blockinfile changes how it searches in that case.
    def multiline_flag?(pattern)
      leading_flags(pattern)[0].include?('m')
    end

    # Returns [ruby_source, global_flags, group_names]. Global inline flags (only legal at the
    # start of a Python pattern since 3.11) become Ruby options or change how the
    # anchors and dot are written.
    def translate(pattern, mode:, multiline:, dotall:)
      letters, rest = leading_flags(pattern)
      raise Error, "the 'L' (locale) flag is not supported: #{pattern.inspect}" if letters.include?('L')

      flags = { i: letters.include?('i'), x: letters.include?('x'), a: letters.include?('a'),
                m: multiline || letters.include?('m'), s: dotall || letters.include?('s') }
      translator = Translator.new(rest, mode, flags, pattern)
      [translator.run, flags, translator.names]
    end

    def leading_flags(pattern)
      letters = +''
      rest = pattern
      while (m = /\A\(\?([#{FLAG_LETTERS}]+)\)/.match(rest))
        letters << m[1]
        rest = m.post_match
      end
      [letters, rest]
    end

    # Walks the pattern once, copying what means the same in both engines and
    # rewriting the rest. Scoped flag groups `(?s:...)` push onto a stack so the
    # dot and anchors inside them are written for the flags in force there.
    class Translator
      SAME_ESCAPES = 'AbBdDsSwWntrfva'
      PUNCT_OK = /[^0-9A-Za-z]/

      attr_reader :names

      def initialize(src, mode, flags, original)
        @src = src
        @mode = mode
        @orig = original
        @pos = 0
        @out = +''
        @groups = 0
        @names = {}
        @stack = [{ m: flags[:m], s: flags[:s], x: flags[:x] }]
      end

      def run
        step while @pos < @src.length
        fail!('unbalanced parenthesis') if @stack.length > 1
        @out
      end

      private

      def fail!(why)
        raise Error, "cannot translate Python regular expression #{@orig.inspect} faithfully: #{why}"
      end

      def peek(offset = 0)
        @src[@pos + offset]
      end

      def flags
        @stack.last
      end

      def step
        c = peek
        return verbose_comment if c == '#' && flags[:x]

        case c
        when '\\' then escape(false)
        when '[' then char_class
        when '(' then open_group
        when ')'
          fail!('unbalanced parenthesis') if @stack.length == 1
          @stack.pop
          @out << ')'
          @pos += 1
        when '.'
          @out << (flags[:s] ? '(?m:.)' : '(?-m:.)')
          @pos += 1
        when '^'
          @out << (flags[:m] ? '(?:\A|(?<=\n))' : '\A')
          @pos += 1
        when '$'
          @out << (flags[:m] ? '(?=\n|\z)' : '(?=\n?\z)')
          @pos += 1
        else
          @out << c
          @pos += 1
        end
      end

      # In verbose mode a comment runs to the end of the line; copy it untouched so
      # brackets inside it are not read as pattern syntax.
      def verbose_comment
        stop = @src.index("\n", @pos) || @src.length
        @out << @src[@pos...stop]
        @pos = stop
      end

      # Escapes outside (in_class false) or inside a character class.
      def escape(in_class)
        c = peek(1)
        fail!('pattern ends with a backslash') if c.nil?
        if c == 'Z' && !in_class
          @out << '\z'
          @pos += 2
        elsif c == 'x'
          hex = @src[@pos + 2, 2]
          fail!('bad \\x escape') unless hex =~ /\A\h\h\z/
          @out << "\\x#{hex}"
          @pos += 4
        elsif %w(u U).include?(c)
          unicode_escape(c)
        elsif c =~ /[0-9]/
          digits_escape(in_class)
        elsif SAME_ESCAPES.include?(c)
          fail!("\\#{c} is not valid inside a character class") if in_class && 'AB'.include?(c)
          @out << "\\#{c}"
          @pos += 2
        elsif c =~ PUNCT_OK
          @out << "\\#{c}"
          @pos += 2
        else
          fail!("unsupported escape \\#{c}")
        end
      end

      def unicode_escape(c)
        fail!("\\#{c} escapes are not valid in a bytes pattern") if @mode == :bytes
        len = c == 'u' ? 4 : 8
        hex = @src[@pos + 2, len]
        fail!("bad \\#{c} escape") unless hex && hex =~ /\A\h{#{len}}\z/
        @out << "\\u{#{hex.to_i(16).to_s(16)}}"
        @pos += 2 + len
      end

      # \1..\99 are group references; \0 and three octal digits are octal escapes.
      def digits_escape(in_class)
        octal = @src[@pos + 1..][/\A[0-7]{3}/]
        if octal || peek(1) == '0'
          octal ||= @src[@pos + 1..][/\A0[0-7]{0,2}/]
          value = octal.to_i(8)
          fail!('octal escape above \\177 is ambiguous between bytes and text') if value > 0x7f
          @out << format('\\x%02x', value)
          @pos += 1 + octal.length
          return
        end
        fail!('group references are not valid inside a character class') if in_class
        num = @src[@pos + 1..][/\A[0-9]{1,2}/]
        @out << "(?:\\#{num})"
        @pos += 1 + num.length
      end

      # Python treats `[` inside a class literally and has no `&&`; Ruby nests both.
      def char_class
        @out << '['
        @pos += 1
        if peek == '^'
          @out << '^'
          @pos += 1
        end
        first = true
        loop do
          c = peek
          fail!('unterminated character class') if c.nil?
          if c == ']' && !first
            @out << ']'
            @pos += 1
            return
          end
          first = false
          case c
          when '\\' then escape(true)
          when '[', ']', '&'
            @out << "\\#{c}"
            @pos += 1
          else
            @out << c
            @pos += 1
          end
        end
      end

      def open_group
        rest = @src[@pos..]
        if rest.start_with?('(?P<')
          name = rest[/\A\(\?P<(\w+)>/, 1] or fail!('bad named group')
          @groups += 1
          @names[name] = @groups
          @out << '('
          @pos += 5 + name.length
          @stack.push(flags.dup)
        elsif rest.start_with?('(?P=')
          name = rest[/\A\(\?P=(\w+)\)/, 1] or fail!('bad named backreference')
          fail!("unknown group name #{name}") unless @names.key?(name)
          @out << "(?:\\#{@names[name]})"
          @pos += 5 + name.length
        elsif rest =~ /\A\(\?#[^)]*\)/
          @pos += Regexp.last_match(0).length
        elsif rest =~ /\A\(\?(:|=|!|<=|<!|>)/
          token = Regexp.last_match(0)
          @out << token
          @pos += token.length
          @stack.push(flags.dup)
        elsif rest =~ /\A\(\?([#{FLAG_LETTERS}]*)(?:-([#{FLAG_LETTERS}]+))?:/
          scoped_flags(Regexp.last_match)
        elsif rest.start_with?('(?')
          fail!("unsupported group syntax #{rest[0, 4].inspect}")
        else
          @groups += 1
          @out << '('
          @pos += 1
          @stack.push(flags.dup)
        end
      end

      # (?flags-flags:...): i and x pass through to Ruby; s and m are tracked here.
      def scoped_flags(match)
        on = match[1].to_s
        off = match[2].to_s
        fail!('the L, a and x flags cannot be scoped here') if (on + off) =~ /[Lax]/
        state = flags.dup
        state[:m] = true if on.include?('m')
        state[:s] = true if on.include?('s')
        state[:m] = false if off.include?('m')
        state[:s] = false if off.include?('s')
        ruby_on = on.delete('msu')
        ruby_off = off.delete('msu')
        @out << "(?#{ruby_on}#{ruby_off.empty? ? '' : "-#{ruby_off}"}:"
        @pos += match[0].length
        @stack.push(state)
      end
    end

    # Python's re.sub template language (also Match.expand): \1, \g<1>, \g<name>,
    # and the usual character escapes. Returns a list of String or Integer/String
    # group references, so substitution never passes through Ruby's own \0/\& rules.
    def parse_template(template)
      parts = []
      literal = +''
      i = 0
      while i < template.length
        c = template[i]
        if c != '\\'
          literal << c
          i += 1
          next
        end
        nxt = template[i + 1]
        ref = nil
        if nxt.nil?
          raise Error, "bad escape (end of pattern) in replacement #{template.inspect}"
        elsif nxt == 'g'
          m = /\A\\g<([^>]*)>/.match(template[i..]) or raise Error, "missing group name in #{template.inspect}"
          ref = m[1] =~ /\A\d+\z/ ? m[1].to_i : m[1]
          i += m[0].length
        elsif nxt =~ /[0-9]/
          octal = template[i + 1..][/\A(?:[0-7]{3}|0[0-7]{0,2})/]
          if octal
            raise Error, "octal escape above \\177 in replacement #{template.inspect}" if octal.to_i(8) > 0x7f

            literal << octal.to_i(8).chr
            i += 1 + octal.length
          else
            digits = template[i + 1..][/\A\d{1,2}/]
            ref = digits.to_i
            i += 1 + digits.length
          end
        elsif (char = { 'n' => "\n", 't' => "\t", 'r' => "\r", 'f' => "\f", 'v' => "\v", 'a' => "\a",
                        'b' => "\b", '\\' => '\\' }[nxt])
          literal << char
          i += 2
        elsif nxt =~ /[A-Za-z]/
          raise Error, "bad escape \\#{nxt} in replacement #{template.inspect}"
        else
          literal << '\\' << nxt
          i += 2
        end
        next unless ref

        parts << literal unless literal.empty?
        literal = +''
        parts << [ref]
      end
      parts << literal unless literal.empty?
      parts
    end

    # Build the replacement text for one match. Python substitutes '' for a group
    # that did not participate; an unknown group is an error.
    def expand(parts, match, pattern)
      out = String.new(encoding: match.string.encoding)
      parts.each do |part|
        if part.is_a?(String)
          out << part.dup.force_encoding(match.string.encoding)
        else
          index = pattern.group_index(part[0])
          raise Error, "invalid group reference #{index}" if index >= match.size

          out << (match[index] || '')
        end
      end
      out
    end

    # re.subn: all non-overlapping matches, Python 3.7+ rules for empty matches
    # (an empty match right after a non-empty one counts; after an empty match the
    # search must move on). Returns [new_string, count].
    def subn(pattern, template, string)
      parts = parse_template(template)
      out = string.dup
      out.clear
      pos = 0
      last = 0
      count = 0
      must_advance = false
      while pos <= string.length
        m = pattern.match(string, pos)
        break unless m

        if must_advance && m.begin(0) == pos && m.end(0) == pos
          break if pos >= string.length

          pos += 1
          must_advance = false
          next
        end
        out << string[last...m.begin(0)] << expand(parts, m, pattern)
        last = m.end(0)
        count += 1
        must_advance = m.begin(0) == m.end(0)
        pos = m.end(0)
      end
      out << string[last..]
      [out, count]
    end
  end
end
