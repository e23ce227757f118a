# frozen_string_literal: true
#
# community.general.ini_file (collection 6.x) as a pure function; see
# a2c_file_edit.rb. The module reads the file as UTF-8 text with a BOM dropped and
# universal newlines ("\r\n" and "\r" become "\n"), so a rewritten file always has
# "\n" line ends. It brackets the lines with a fake section header at the top (the
# home of options outside any section) and a lone "[" at the bottom, then edits
# the lines of one section.
module A2C
  module FileEdit
    # Name of the module's fake top section; never matches a real one.
    INI_TOP_SECTION = 'ad01e11446efb704fcdbdb21f2c43757423d91c5'
    INI_COMMENT_OR_BLANK = /\A[ \t]*([#;](?-m:.)*)?(?=\n?\z)/

    module_function

    def ini_file(content, section: nil, option: nil, value: nil, values: nil, state: 'present', exclusive: true,
                 no_extra_spaces: false, allow_no_value: false, create: true)
      raise Error, 'parameters are mutually exclusive: value|values' if !value.nil? && !values.nil?
      if state.to_s == 'present' && !allow_no_value && value.nil? && (values.nil? || values.empty?)
        raise Error, "Parameter 'value(s)' must be defined if state=present and allow_no_value=False."
      end
      raise Error, 'Destination does not exist!' if content.nil? && !create

      values = value.nil? ? Array(values) : [value]
      values = values.compact.map(&:to_s).uniq
      option = option&.to_s
      section = truthy?(section) ? section.to_s : INI_TOP_SECTION
      edit = IniEdit.new(ini_lines(content), section, option, values,
                         format: no_extra_spaces ? "%s=%s\n" : "%s = %s\n", allow_no_value: allow_no_value)
      edit.run(state.to_s == 'present', exclusive)
      Result.new(edit.lines.join.b, edit.changed, edit.msg)
    end

    def ini_lines(content)
      return [] if content.nil?

      text = decode_utf8(content.b.delete_prefix("\xEF\xBB\xBF".b), 'the ini file')
      text.gsub(/\r\n?/, "\n").scan(/[^\n]*\n|[^\n]+\z/)
    end

    # One run of the module over the bracketed lines.
    class IniEdit
      attr_reader :lines, :changed, :msg

      def initialize(lines, section, option, values, format:, allow_no_value:)
        @lines = lines
        @section = section
        @option = option
        @values = values
        @format = format
        @allow_no_value = allow_no_value
        @changed = false
        @msg = 'OK'
      end

      def run(present, exclusive)
        normalise_end
        @lines.unshift("[#{INI_TOP_SECTION}]")
        @lines << '['
        within, start, stop = locate_section
        before = @lines[0...start]
        @section_lines = @lines[start...stop]
        after = @lines[stop..]
        @touched = Array.new(@section_lines.length, false)
        @no_value_present = false

        if present
          update_existing if truthy_option?
          drop_duplicates if exclusive && !@allow_no_value
          append_missing
        else
          remove(exclusive)
        end

        @lines = (before + @section_lines + after)[1...-1]
        add_section if !within && present
      end

      private

      def truthy_option?
        !@option.nil? && @option != ''
      end

      # An empty file counts as one blank line; a missing final newline is added
      # and alone makes the run "changed".
      def normalise_end
        @lines << "\n" if @lines.empty?
        return if @lines[-1].end_with?("\n")

        @lines[-1] += "\n"
        @changed = true
      end

      # The section runs from its (last) header to the next header after it;
      # headers are matched by prefix, as the module does.
      def locate_section
        within = false
        start = stop = 0
        @lines.each_with_index do |line, i|
          if line.start_with?("[#{@section}]")
            within = true
            start = i
          elsif line.start_with?('[') && within
            stop = i
            break
          end
        end
        [within, start, stop]
      end

      # Commented-out options (#opt = v) match too, and get uncommented.
      def match_opt(line, commented: true)
        raise Error, 'option is required to edit options of a section' if @option.nil?

        lead = commented ? '[#;]?' : ''
        /\A#{lead}( |\t)*(#{Regexp.escape(@option)})( |\t)*(=|(?=\n?\z))( |\t)*((?-m:.)*)/.match(line)
      end

      def set_line(index, newline)
        if @section_lines[index] != newline
          @changed = true
          @msg = 'option changed'
        end
        @section_lines[index] = newline
        @touched[index] = true
      end

      # 1. lines whose value is wanted keep it (normalised); 2. with
      # allow_no_value and no values, the first occurrence becomes a bare option.
      def update_existing
        @section_lines.each_index do |i|
          m = match_opt(@section_lines[i])
          next unless m

          if !@values.empty? && @values.include?(m[6])
            set_line(i, m[6].empty? && @allow_no_value ? "#{@option}\n" : format(@format, @option, m[6]))
            @no_value_present ||= m[6].empty? && @allow_no_value
            @values.delete_at(@values.index(m[6]))
          elsif @values.empty? && @allow_no_value
            set_line(i, "#{@option}\n")
            @no_value_present = true
            break
          end
        end
      end

      # exclusive: remaining occurrences take the remaining values, the rest go.
      def drop_duplicates
        unless @values.empty?
          @section_lines.each_index do |i|
            next if @touched[i] || !match_opt(@section_lines[i])

            set_line(i, format(@format, @option, @values.shift))
            break if @values.empty?
          end
        end
        (@section_lines.length - 1).downto(1) do |i|
          next if @touched[i] || !match_opt(@section_lines[i])

          @section_lines.delete_at(i)
          @touched.delete_at(i)
          @changed = true
          @msg = 'option changed'
        end
      end

      # New lines go after the last line of the section that is not blank or a comment.
      def append_missing
        index = @section_lines.length.downto(1).find { |i| !INI_COMMENT_OR_BLANK.match?(@section_lines[i - 1]) }
        return if index.nil?

        if truthy_option? && !@values.empty?
          @values.reverse_each { |v| @section_lines.insert(index, format(@format, @option, v)) }
          @msg = 'option added'
          @changed = true
        elsif truthy_option? && @values.empty? && @allow_no_value && !@no_value_present
          @section_lines.insert(index, "#{@option}\n")
          @msg = 'option added'
          @changed = true
        end
      end

      def remove(exclusive)
        unless truthy_option?
          return if @section_lines.empty?

          @section_lines = []
          @msg = 'section removed'
          @changed = true
          return
        end
        kept = @section_lines.reject do |line|
          m = match_opt(line, commented: false)
          m && (exclusive || @values.include?(m[6]))
        end
        return if kept == @section_lines || (!exclusive && @values.empty?)

        @section_lines = kept
        @changed = true
        @msg = 'option changed'
      end

      def add_section
        @lines << "[#{@section}]\n"
        @msg = 'section and option added'
        if truthy_option? && !@values.empty?
          @values.each { |v| @lines << format(@format, @option, v) }
        elsif truthy_option? && @allow_no_value
          @lines << "#{@option}\n"
        else
          @msg = 'only section added'
        end
        @changed = true
      end
    end
  end
end
