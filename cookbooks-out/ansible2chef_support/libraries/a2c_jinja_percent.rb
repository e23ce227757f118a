# Python's printf-style formatting, Jinja's `'%s-%d' % (a, b)` on a string.
#
# A tuple (Jinja's `(a, b)`, a dict's items) gives the arguments; any other value is the one argument. As in
# CPython, a dict or a list (both Python mappings) may be left unused, and a `%(key)s` reads a
# dict. Converted: `%%`, and `%s`, `%d` and `%i` with a width and the '-' and '0' flags; the
# translator refuses a literal format with anything else, and a computed one fails here.
module A2C
  module Jinja
    PERCENT_SPEC = /%(?:\(([^)]*)\))?([-#0 +]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)/m

    module_function

    def percent(format, arg)
      format = check(format)
      arg = check(arg)
      type_error('%', format, arg) unless format.is_a?(String)
      tuple = arg.is_a?(Tuple)
      args = tuple ? arg.map { |x| check(x) } : [arg]
      used = 0
      out = format.gsub(PERCENT_SPEC) do
        key, flags, width, precision, conv = Regexp.last_match.captures
        next '%' if conv == '%' && key.nil? && flags.empty? && width.nil? && precision.nil?
        raise NotImplementedError, "ansible2chef: %-format #{Regexp.last_match(0).inspect} is not converted" unless percent_converted?(flags, width, precision, conv)

        value =
          if key
            raise TypeError, 'format requires a mapping' unless !tuple && arg.is_a?(Hash)

            # As in CPython, a keyed conversion leaves no argument for a later positional one.
            used = args.length
            arg.fetch(key) { raise KeyError, key }
          else
            raise TypeError, 'not enough arguments for format string' if used >= args.length

            args[used].tap { used += 1 }
          end
        percent_pad(conv == 's' ? str(value) : percent_int(value, conv), flags, width.to_i, conv != 's')
      end
      mapping = !tuple && (arg.is_a?(Hash) || arg.is_a?(Array))
      raise TypeError, 'not all arguments converted during string formatting' if used < args.length && !mapping

      out
    end

    def percent_converted?(flags, width, precision, conv)
      %w(s d i).include?(conv) && !flags.match?(/[# +]/) && width != '*' && precision.nil?
    end

    # %d and %i: Python's int() of a number (a bool is one); anything else is refused.
    def percent_int(value, conv)
      case value
      when true then '1'
      when false then '0'
      when Integer then value.to_s
      when Float
        raise FloatDomainError, 'cannot convert float NaN or infinity to integer' if value.nan? || value.infinite?

        value.truncate.to_s
      else raise TypeError, "%#{conv} format: a real number is required, not #{value.class}"
      end
    end

    # Right-aligned to the width; '-' aligns left, '0' pads a number with zeros after its sign.
    def percent_pad(text, flags, width, numeric)
      return text if text.length >= width
      return text.ljust(width) if flags.include?('-')
      return text.rjust(width) unless numeric && flags.include?('0')

      sign = text.start_with?('-') ? '-' : ''
      sign + text.delete_prefix(sign).rjust(width - sign.length, '0')
    end
  end
end
