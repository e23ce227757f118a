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
    # classes, anchors and dot are written.
    def translate(pattern, mode:, multiline:, dotall:)
      letters, rest = leading_flags(pattern)
      raise Error, "the 'L' (locale) flag is not supported: #{pattern.inspect}" if letters.include?('L')
      raise Error, "the verbose flag is not supported: #{pattern.inspect}" if letters.include?('x')
      if letters.include?('u') && (mode == :bytes || letters.include?('a'))
        raise Error, "the 'u' flag is not valid here: #{pattern.inspect}"
      end

      flags = { i: letters.include?('i'), m: multiline || letters.include?('m'), s: dotall || letters.include?('s') }
      translator = Translator.new(rest, mode, letters.include?('a'), flags, pattern)
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
    # rewriting the rest. This is the same grammar as the converter's
    # src/translate/jinja/regex.ts (same constructs accepted and refused, for the
    # same reasons; a differential test checks both against Python's re): change
    # one, change the other. Python's str classes are Unicode (\s includes
    # \x1c-\x1f, \w is letters, numbers and _) where Onigmo's differ, so classes are
    # spelled out; Onigmo folds case over several characters (/ss/i matches "ß")
    # where Python does not, so under IGNORECASE adjacent s/f letters are kept apart
    # and counted repeats and non-ASCII characters are refused.
    class Translator
      UNICODE_CLASSES = {
        'd' => '\p{Nd}',
        'w' => '\p{L}\p{N}_',
        's' => '\t\n\v\f\r\x1c-\x1f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000',
      }.freeze
      ASCII_CLASSES = { 'd' => '0-9', 'w' => 'A-Za-z0-9_', 's' => '\t\n\v\f\r ' }.freeze
      SIMPLE_ESCAPES = { 'n' => 10, 't' => 9, 'r' => 13, 'f' => 12, 'v' => 11, 'a' => 7 }.freeze
      # Letters spelled as a class outside Onigmo's folding under IGNORECASE, for Python's matches in each mode.
      UNICODE_SPELLED = { 'i' => '[iIİı]', 'k' => '[kKK]', 's' => '[sSſ]' }.freeze
      ASCII_SPELLED = { 'k' => '[kK]', 's' => '[sS]' }.freeze
      # Above this a counted repeat is refused: Onigmo's limit is far below Python's.
      MAX_REPEAT = 1000

      attr_reader :names

      def initialize(src, mode, ascii, flags, original)
        @src = src
        @mode = mode
        @ascii = ascii
        @orig = original
        @pos = 0
        @out = +''
        @groups = 0
        @closed = {}
        @names = {}
        @stack = [flags.merge(group: nil, lookaround: false, lookbehind: false)]
        @last = :none
        @fold_left = nil
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

      def flags
        @stack.last
      end

      def in_lookbehind?
        @stack.any? { |f| f[:lookbehind] }
      end

      def class_body(letter)
        (unicode? ? UNICODE_CLASSES : ASCII_CLASSES)[letter]
      end

      def step
        c = @src[@pos]
        case c
        when '\\' then escape
        when '[' then char_class
        when '(' then open_group
        when ')' then close_group
        when '*', '+', '?', '{' then quantifier(c)
        else
          @pos += 1
          simple(c)
        end
      end

      def simple(c)
        case c
        when '.' then atom(flags[:s] ? '(?m:.)' : '(?-m:.)')
        when '^'
          fail!('^ with MULTILINE inside a lookbehind') if flags[:m] && in_lookbehind?
          assert(flags[:m] ? '(?:\A|(?<=\n))' : '\A')
        when '$'
          fail!('$ inside a lookbehind') if in_lookbehind?
          assert(flags[:m] ? '(?=\n|\z)' : '(?=\n?\z)')
        when '|'
          fail!('alternation inside a lookbehind') if in_lookbehind?
          @out << '|'
          @last = :none
          @fold_left = nil
        else char(c)
        end
      end

      def atom(text)
        @out << text
        @last = :atom
        @fold_left = nil
      end

      def assert(text)
        fail!('an anchor inside a lookbehind') if in_lookbehind?
        @out << text
        @last = :assert
        @fold_left = nil
      end

      def literal(c)
        return c if c =~ /\A[A-Za-z0-9_]\z/

        code = c.ord
        return format('\\x%02x', code) if code < 0x20 || code == 0x7f
        return "\\#{c}" if code < 0x80

        c
      end

      # Whether a character's case mapping is several characters (ß -> SS, ẞ -> ß -> SS): Onigmo folds
      # those, Python does not; and dotless ı, which Python's IGNORECASE matches with i and Onigmo does not.
      def folds_to_several?(c)
        return false if c.ord <= 0x7f

        c == 'ı' || c.upcase.length > 1 || c.downcase.length > 1 || c.downcase.upcase.length > 1
      end

      def unicode?
        !@ascii && @mode == :text
      end

      # The letters whose IGNORECASE matches differ between Python and Onigmo in this mode.
      def special_letters
        return 'iI' if unicode?

        @mode == :text ? 'KSks' : ''
      end

      # One literal character.
      def char(c)
        if flags[:i]
          fail!("'#{c}' with IGNORECASE") if folds_to_several?(c)
          @out << '(?:)' if @fold_left && @fold_left =~ /[sf]/i && c =~ /[a-z]/i
          # Python's Unicode IGNORECASE matches i and I with İ and ı, Onigmo does not; its ASCII
          # IGNORECASE does not match k and s with K (Kelvin) and ſ, Onigmo does.
          # Spelling s and k out also avoids an Onigmo search shortcut that misses ſ and K (/s\z/i on "ſ").
          fail!('a non-ASCII character with ASCII IGNORECASE') if @mode == :text && @ascii && c.ord > 0x7f
          spelled = (unicode? ? UNICODE_SPELLED : ASCII_SPELLED)[c.downcase] if @mode == :text
          if spelled
            @out << "(?-i:#{spelled})"
            @last = :atom
            @fold_left = c
            return
          end
        end
        @out << literal(c)
        @last = :atom
        @fold_left = c
      end

      def code_point(value)
        fail!("code point #{value.to_s(16)}") if value > 0x10ffff || (0xd800..0xdfff).cover?(value)
        fail!('an escape above \\x7f in a bytes pattern') if @mode == :bytes && value > 0x7f
        char(value.chr(Encoding::UTF_8))
      end

      def hex(len)
        digits = @src[@pos, len]
        fail!('bad \\x/\\u/\\U escape') unless digits && digits =~ /\A\h{#{len}}\z/
        @pos += len
        digits.to_i(16)
      end

      # \0 and three octal digits are octal escapes (Python's rule); the value must be ASCII.
      def octal
        text = @src[@pos..][/\A[0-7]{3}/] || @src[@pos..][/\A0[0-7]{0,2}/]
        return unless text

        fail!('an octal escape above \\177') if text.to_i(8) > 0x7f
        @pos += text.length
        text.to_i(8)
      end

      def word_boundary(negated)
        w = class_body('w')
        # Python's \B never matches in an empty string.
        if negated
          "(?:(?<=[#{w}])(?=[#{w}])|(?<![#{w}])(?![#{w}])(?!\\A\\z))"
        else
          "(?:(?<=[#{w}])(?![#{w}])|(?<![#{w}])(?=[#{w}]))"
        end
      end

      # A class escape's set: closed under case already, so kept out of Onigmo's folding
      # (/[\p{L}]/i matches "st" as ﬅ).
      def set(text)
        atom(flags[:i] && @mode == :text ? "(?-i:#{text})" : text)
      end

      def escape
        c = @src[@pos + 1]
        fail!('pattern ends with a backslash') if c.nil?
        @pos += 2
        if c == 'A' then assert('\A')
        elsif c == 'Z' then assert('\z')
        elsif %w(b B).include?(c)
          fail!('\\b inside a lookbehind') if in_lookbehind?
          b = word_boundary(c == 'B')
          assert(flags[:i] && @mode == :text ? "(?-i:#{b})" : b)
        elsif c == 'd' && unicode? then set('\p{Nd}')
        elsif c == 'D' && unicode? then set('\P{Nd}')
        elsif 'dws'.include?(c) then set("[#{class_body(c)}]")
        elsif 'DWS'.include?(c) then set("[^#{class_body(c.downcase)}]")
        elsif c == 'x' then code_point(hex(2))
        elsif %w(u U).include?(c)
          fail!("\\#{c} is not valid in a bytes pattern") if @mode == :bytes
          code_point(hex(c == 'u' ? 4 : 8))
        elsif SIMPLE_ESCAPES.key?(c) then char(SIMPLE_ESCAPES[c].chr)
        elsif c =~ /[0-9]/
          @pos -= 1
          value = octal
          return code_point(value) if value

          digits = @src[@pos..][/\A[0-9]{1,2}/]
          @pos += digits.length
          backref(digits.to_i)
        elsif c =~ /[A-Za-z]/ then fail!("unsupported escape \\#{c}")
        else
          char(c)
        end
      end

      def backref(num)
        fail!("backreference \\#{num} to a group not yet closed") unless @closed[num]
        fail!('a backreference inside a lookbehind') if in_lookbehind?
        atom("(?:\\#{num})")
      end

      # One member of a class: [:cp, code point] or [:set, Ruby text].
      def class_item
        c = @src[@pos]
        unless c == '\\'
          @pos += 1
          return [:cp, c.ord]
        end
        e = @src[@pos + 1]
        fail!('unterminated character class') if e.nil?
        @pos += 2
        fail!("\\#{e} in a class with IGNORECASE") if 'dwsDWS'.include?(e) && flags[:i] && @mode == :text
        if 'dws'.include?(e) then [:set, class_body(e)]
        elsif 'DWS'.include?(e) then [:set, "[^#{class_body(e.downcase)}]"]
        elsif e == 'b' then [:cp, 8]
        elsif e == 'x' then [:cp, hex(2)]
        elsif %w(u U).include?(e)
          fail!("\\#{e} is not valid in a bytes pattern") if @mode == :bytes
          [:cp, hex(e == 'u' ? 4 : 8)]
        elsif SIMPLE_ESCAPES.key?(e) then [:cp, SIMPLE_ESCAPES[e]]
        elsif e =~ /[0-7]/
          text = @src[(@pos - 1)..][/\A[0-7]{1,3}/]
          @pos += text.length - 1
          fail!('an octal escape above \\177') if text.to_i(8) > 0x7f
          [:cp, text.to_i(8)]
        elsif e =~ /[A-Za-z0-9]/ then fail!("unsupported escape \\#{e} in a class")
        else
          [:cp, e.ord]
        end
      end

      def class_char(code)
        fail!("code point #{code.to_s(16)}") if code > 0x10ffff || (0xd800..0xdfff).cover?(code)
        fail!('a non-ASCII character in a bytes class') if code > 0x7f && @mode == :bytes
        fail!('a non-ASCII character with ASCII IGNORECASE') if code > 0x7f && flags[:i] && @ascii
        c = code.chr(Encoding::UTF_8)
        fail!("'#{c}' with IGNORECASE") if flags[:i] && folds_to_several?(c)
        fail!("a class holding #{special_letters} with IGNORECASE") if flags[:i] && special_letters.include?(c)
        literal(c)
      end

      # Python reads `]` first and `[` anywhere as literals and has no `&&`; Ruby nests and intersects.
      def char_class
        @pos += 1
        out = +'['
        if @src[@pos] == '^'
          out << '^'
          @pos += 1
        end
        first = true
        loop do
          c = @src[@pos]
          fail!('unterminated character class') if c.nil?
          break if c == ']' && !first

          first = false
          kind, value = class_item
          if @src[@pos] == '-' && !@src[@pos + 1].nil? && @src[@pos + 1] != ']'
            @pos += 1
            end_kind, end_value = class_item
            fail!('a range with a class escape') unless kind == :cp && end_kind == :cp
            fail!('a reversed range') if end_value < value
            fail!('a non-ASCII range with IGNORECASE') if flags[:i] && end_value > 0x7f
            if flags[:i] && special_letters.each_char.any? { |x| (value..end_value).cover?(x.ord) }
              fail!("a class holding #{special_letters} with IGNORECASE")
            end
            out << class_char(value) << '-' << class_char(end_value)
          else
            out << (kind == :cp ? class_char(value) : value)
          end
        end
        @pos += 1
        atom(out << ']')
      end

      def push(frame, text)
        @stack.push(flags.merge(group: nil, lookaround: false).merge(frame))
        @out << text
        @last = :none
        @fold_left = nil
      end

      def open_group
        rest = @src[@pos..]
        unless rest[1] == '?'
          @pos += 1
          @groups += 1
          return push({ group: @groups }, '(')
        end
        if (m = /\A\(\?P<([^>]*)>/.match(rest))
          name = m[1]
          fail!("group name '#{name}'") unless name =~ /\A[A-Za-z_][A-Za-z0-9_]*\z/
          fail!("group name '#{name}' is defined twice") if @names.key?(name)
          @pos += m[0].length
          @groups += 1
          @names[name] = @groups
          push({ group: @groups }, '(')
        elsif (m = /\A\(\?P=([^)]*)\)/.match(rest))
          fail!("unknown group name '#{m[1]}'") unless @names.key?(m[1])
          @pos += m[0].length
          backref(@names[m[1]])
        elsif (m = /\A\(\?#[^)]*\)/.match(rest))
          @pos += m[0].length
          # A quantifier after a comment would apply to the atom before it; refused to stay simple.
          @last = :assert unless @last == :none
        elsif (m = /\A\(\?(:|=|!|<=|<!)/.match(rest))
          fail!('a lookaround inside a lookbehind') if m[1] != ':' && in_lookbehind?
          @pos += m[0].length
          push({ lookaround: m[1] != ':', lookbehind: m[1].start_with?('<') || in_lookbehind? }, m[0])
        elsif (m = /\A\(\?([imsx]*)(?:-([imsx]*))?:/.match(rest)) && !(m[1].empty? && m[2].to_s.empty?)
          scoped_flags(m)
        else
          fail!('atomic groups, conditionals, inline flags and other (? syntax')
        end
      end

      # (?flags-flags:...): i passes through to Ruby; s and m are tracked here.
      def scoped_flags(match)
        on = match[1].to_s
        off = match[2].to_s
        fail!('the verbose flag') if (on + off).include?('x')
        fail!('an empty flag group') if !match[2].nil? && off.empty?
        frame = {}
        %w(i m s).each do |f|
          fail!('a flag turned on and off at once') if on.include?(f) && off.include?(f)
          frame[f.to_sym] = true if on.include?(f)
          frame[f.to_sym] = false if off.include?(f)
        end
        @pos += match[0].length
        push(frame, "(?#{on.include?('i') ? 'i' : ''}#{off.include?('i') ? '-i' : ''}:")
      end

      def close_group
        fail!('unbalanced parenthesis') if @stack.length == 1
        frame = @stack.pop
        @closed[frame[:group]] = true if frame[:group]
        @pos += 1
        @out << ')'
        @last = frame[:lookaround] ? :assert : :atom
        @fold_left = nil
      end

      def quantifier(c)
        text = c
        min = c == '+' ? 1 : 0
        max = c == '?' ? 1 : Float::INFINITY
        if c == '{'
          m = /\A\{(\d*)(,?)(\d*)\}/.match(@src[@pos..])
          if m.nil? || (m[1].empty? && m[2].empty? && m[3].empty?)
            # Not a repeat: Python reads the brace as a literal.
            @pos += 1
            return char('{')
          end
          fail!("'#{m[0]}'") if m[1].empty? && m[3].empty?
          min = m[1].empty? ? 0 : m[1].to_i
          max = if m[2].empty? then min
                elsif m[3].empty? then Float::INFINITY
                else
                  m[3].to_i
                end
          fail!("'#{m[0]}' repeats more than #{MAX_REPEAT} times") if min > MAX_REPEAT || (max.finite? && max > MAX_REPEAT)
          fail!("'#{m[0]}': the minimum is above the maximum") if max < min
          text = m[0]
        end
        fail!('a quantifier with nothing to repeat') if %i(none assert).include?(@last)
        fail!('possessive or stacked quantifiers') if @last == :quantified
        fail!('a variable repeat inside a lookbehind') if in_lookbehind? && min != max
        fail!('a counted repeat with IGNORECASE') if flags[:i] && min >= 2
        @pos += text.length
        if @src[@pos] == '?'
          # A lazy exact repeat is the exact repeat; Onigmo would read `{n}?` as an optional `{n}`.
          text += '?' unless text =~ /\A\{\d+\}\z/
          @pos += 1
        end
        @out << text
        @last = :quantified
        @fold_left = nil
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
