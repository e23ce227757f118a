# Python's ast.literal_eval for the text Ansible re-reads after templating.
#
# Ansible 2.14 templates a string to text, then, when the text starts with `[` or `{`, passes it
# to ast.literal_eval and keeps the text when that raises (ansible_eval_concat). `[::1]` and
# `[2001:db8::1]:5672` are not Python, so they stay text; `[1, 'a']` becomes a list. This reader
# gives the same answer at converge time. The text only exists on the node, so the conversion-time
# reader of INI inventory values (src/ansible/python-literal.ts) cannot serve here.
#
# Values Python can build but Ruby data cannot carry faithfully (sets, bytes, complex numbers,
# Ellipsis, \N{...} escapes, dict keys Python merges such as 1 and True) raise Unsupported: the
# run fails loudly rather than continue with a guess.
module A2C
  module PyLiteral
    # Python raises (SyntaxError, ValueError, TypeError): Ansible keeps the text.
    class NotLiteral < StandardError; end
    # Python would return a value this reader does not reproduce.
    class Unsupported < StandardError; end

    module_function

    # The value Python reads, or NotLiteral / Unsupported.
    def eval(text)
      Reader.new(text).read
    end

    class Reader
      STRING_PREFIX = /\G(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?(?='|")/
      NAME = /\G[A-Za-z_][A-Za-z0-9_]*/
      NUMBER = /\G(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:[0-9](?:_?[0-9])*)?(?:\.(?:[0-9](?:_?[0-9])*)?)?(?:[eE][-+]?[0-9](?:_?[0-9])*)?)/

      # Stands for a value Python builds but Ruby data does not carry. Python checks the syntax
      # of the whole text before it evaluates anything, so the refusal waits until the end.
      class Foreign
        attr_reader :hashable

        def initialize(hashable)
          @hashable = hashable
        end
      end

      def initialize(text)
        @s = text
        @i = 0
        @depth = 0
        @foreign = nil
      end

      def read
        # Python reads leading blanks as an unexpected indent.
        raise NotLiteral if @s.match?(/\A[ \t\f]/)

        value = expression_list
        skip_space
        raise NotLiteral unless @i >= @s.length
        raise Unsupported, @foreign if @foreign

        value
      end

      private

      def foreign(what, hashable: true)
        @foreign ||= what
        Foreign.new(hashable)
      end

      # Blanks and comments; newlines only inside brackets (implicit line joining) or after a
      # backslash. A newline at the top level ends the expression; only blank lines may follow.
      def skip_space
        loop do
          c = @s[@i]
          if c == ' ' || c == "\t" || c == "\f"
            @i += 1
          elsif c == '#'
            @i += 1 while @i < @s.length && @s[@i] != "\n"
          elsif c == '\\' && (@s[@i + 1] == "\n" || @s[@i + 1, 2] == "\r\n")
            @i += @s[@i + 1] == "\n" ? 2 : 3
            # A continuation needs a line to continue onto: at the end of the text it is an EOF error.
            raise NotLiteral if @i >= @s.length
          elsif (c == "\n" || c == "\r") && (@depth.positive? || only_blank_after?)
            @i += 1
          else
            break
          end
        end
      end

      def only_blank_after?
        @s[@i..].match?(/\A(?:[ \t\f\r\n]|#[^\n]*)*\z/)
      end

      def peek
        skip_space
        @s[@i] || ''
      end

      def eat(ch)
        return false unless peek == ch

        @i += 1
        true
      end

      # `a, b` at the top level is a tuple, as in Python.
      def expression_list
        first = value
        return first unless peek == ','

        items = [first]
        while eat(',')
          break if peek == ''

          items << value
        end
        tuple(items)
      end

      def value
        c = peek
        case c
        when '[' then bracketed('[', ']') { |items| items }
        when '(' then parenthesised
        when '{' then braces
        when '-', '+'
          n = signed
          complex_sum? ? complex_tail : n
        else
          return ellipsis if @s[@i, 3] == '...'
          return real_number if c.match?(/[0-9.]/)
          return strings if @s.match?(STRING_PREFIX, @i)

          name = @s.match(NAME, @i)&.[](0)
          return empty_set if name == 'set' && @s[@i..].match?(/\Aset[ \t]*\([ \t]*\)/)
          raise NotLiteral unless %w(True False None).include?(name)

          @i += name.length
          { 'True' => true, 'False' => false, 'None' => nil }[name]
        end
      end

      # Unary +/- applies to a number literal only (ast.literal_eval's _convert_signed_num), which
      # parentheses may wrap: `-(1)` is -1, `-(-1)` and `-True` are not literals.
      def signed
        sign = @s[@i]
        @i += 1
        opened = 0
        opened += 1 while eat('(')
        raise NotLiteral unless peek.match?(/[0-9.]/)

        n = number
        opened.times { raise NotLiteral unless eat(')') }
        sign == '-' ? -n : n
      end

      def ellipsis
        @i += 3
        foreign('Ellipsis')
      end

      def empty_set
        @i = @s.index(')', @i) + 1
        foreign('set()', hashable: false)
      end

      # The `+2j` of `1+2j`, already known to follow.
      def complex_tail
        peek
        @i += 1
        skip_space
        number
      end

      # `1+2j`: Python builds a complex number from a real and an imaginary literal.
      def complex_sum?
        @s[@i..].to_s.match?(/\A[ \t]*[-+][ \t]*(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9_]+)?[jJ]/)
      end

      def open_bracket(open)
        raise NotLiteral unless eat(open)

        @depth += 1
      end

      def close_bracket(close)
        return false unless eat(close)

        @depth -= 1
        true
      end

      def bracketed(open, close)
        open_bracket(open)
        items = []
        until close_bracket(close)
          items << value
          raise NotLiteral unless eat(',') || peek == close
        end
        yield items
      end

      def parenthesised
        open_bracket('(')
        return tuple([]) if close_bracket(')')

        first = value
        return first if close_bracket(')')
        raise NotLiteral unless eat(',')

        items = [first]
        until close_bracket(')')
          items << value
          raise NotLiteral unless eat(',') || peek == ')'
        end
        tuple(items)
      end

      def braces
        open_bracket('{')
        return {} if close_bracket('}')

        key = value
        return set_literal(key) unless eat(':')

        out = {}
        loop do
          store(out, key, value)
          return out if close_bracket('}')
          raise NotLiteral unless eat(',')
          return out if close_bracket('}')

          key = value
          raise NotLiteral unless eat(':')
        end
      end

      # `{a, b}` builds a set, which Ruby data does not carry; unhashable items are a TypeError.
      def set_literal(first)
        items = [first]
        until close_bracket('}')
          raise NotLiteral unless eat(',')
          break if close_bracket('}')

          items << value
        end
        raise NotLiteral unless items.all? { |k| hashable?(k) }

        foreign('set literals', hashable: false)
      end

      # Python merges keys that compare equal (1, 1.0 and True); Ruby keeps them apart.
      def store(hash, key, val)
        raise NotLiteral unless hashable?(key)

        clash = hash.keys.any? { |k| !k.eql?(key) && numeric_key(k) && numeric_key(k) == numeric_key(key) }
        foreign('dict keys that Python merges (1, 1.0, True)') if clash

        hash[key] = val
      end

      def numeric_key(k)
        return 1 if k == true
        return 0 if k == false

        k.is_a?(Numeric) ? k : nil
      end

      # Lists and dicts cannot be dict keys (TypeError); a tuple can when its items can.
      def hashable?(key)
        return key.all? { |k| hashable?(k) } if key.is_a?(A2C::Jinja::Tuple)
        return key.hashable if key.is_a?(Foreign)

        !key.is_a?(Array) && !key.is_a?(Hash)
      end

      def real_number
        n = number
        complex_sum? ? complex_tail : n
      end

      def number
        text = @s.match(NUMBER, @i)[0]
        raise NotLiteral if text.empty? || text == '.' || text.start_with?('e', 'E')

        following = @s[@i + text.length] || ''
        if following.match?(/[jJ]/)
          raise NotLiteral if (@s[@i + text.length + 1] || '').match?(/[A-Za-z0-9_]/)

          @i += text.length + 1
          return foreign('complex numbers')
        end
        raise NotLiteral if following.match?(/[A-Za-z0-9_]/)

        @i += text.length
        clean = text.delete('_')
        return Integer(clean, 0) if clean.match?(/\A0[xXoObB]/)
        return Float(clean.sub(/\A\./, '0.').sub(/\.(?=[eE]|\z)/, '.0')) if clean.match?(/[.eE]/)
        # Python 3 rejects decimal integers with leading zeros (`0644`), zeros alone excepted.
        raise NotLiteral if clean.match?(/\A0+[1-9]/)

        Integer(clean, 10)
      end

      # One or more adjacent string literals, concatenated; text and bytes do not mix.
      def strings
        out = +''
        kinds = []
        while (prefix = @s.match(STRING_PREFIX, @i))
          kind = prefix[0].downcase
          raise NotLiteral if kind.include?('f') # an f-string is no literal for literal_eval

          kinds << kind.include?('b')
          @i += prefix[0].length
          text = string(kind.include?('r'))
          raise NotLiteral if kinds.last && !text.ascii_only? # bytes hold ASCII characters only

          out << text
          skip_space
        end
        raise NotLiteral if kinds.uniq.length > 1 # text and bytes do not concatenate
        return foreign('bytes literals') if kinds.first

        out
      end

      def string(raw)
        quote = @s[@i] * 3 == @s[@i, 3] ? @s[@i, 3] : @s[@i]
        @i += quote.length
        out = +''
        loop do
          raise NotLiteral if @i >= @s.length
          if @s[@i, quote.length] == quote
            @i += quote.length
            return out
          end

          c = @s[@i]
          @i += 1
          raise NotLiteral if c == "\n" && quote.length == 1

          if c != '\\'
            out << c
            next
          end
          e = @s[@i] || ''
          @i += 1
          out << (raw ? "\\#{e}" : escape(e))
        end
      end

      SIMPLE_ESCAPES = {
        '\\' => '\\', "'" => "'", '"' => '"', 'a' => "\a", 'b' => "\b", 'f' => "\f",
        'n' => "\n", 'r' => "\r", 't' => "\t", 'v' => "\v", "\n" => ''
      }.freeze

      def escape(e)
        return SIMPLE_ESCAPES[e] if SIMPLE_ESCAPES.key?(e)

        width = { 'x' => 2, 'u' => 4, 'U' => 8 }[e]
        if width
          digits = @s[@i, width].to_s
          raise NotLiteral unless digits.match?(/\A[0-9a-fA-F]{#{width}}\z/)

          @i += width
          code = digits.to_i(16)
          raise NotLiteral if code > 0x10FFFF

          return code.chr(Encoding::UTF_8)
        end
        if e.match?(/[0-7]/)
          digits = e + @s[@i..].to_s[/\A[0-7]{0,2}/]
          @i += digits.length - 1
          return digits.to_i(8).chr(Encoding::UTF_8)
        end
        if e == 'N' && (name = @s[@i..].to_s[/\A\{[^}]*\}/])
          @i += name.length
          foreign('\\N{...} escapes')
          return ''
        end

        "\\#{e}"
      end

      def tuple(items)
        A2C::Jinja::Tuple.new(items)
      end
    end
  end
end
