# frozen_string_literal: true
#
# ansible.builtin.replace (ansible-core 2.14) as a pure function; see
# a2c_file_edit.rb. The module decodes the file as UTF-8 text and compiles
# `regexp` with re.MULTILINE; `after`/`before` delimit the edited section with a
# re.DOTALL search built exactly as the module builds it.
module A2C
  module FileEdit
    module_function

    def replace(content, regexp:, replace: '', after: nil, before: nil)
      raise Error, 'Path does not exist !' if content.nil?
      raise Error, 'missing required arguments: regexp' if regexp.nil?

      contents = decode_utf8(content.b, 'the file')
      section, start, stop = replace_section(contents, after, before)
      return Result.new(content.b, false, 'Pattern for before/after params did not match the given file') if section.nil?

      mre = compile(regexp, mode: :text, multiline: true)
      new_section, count = A2C::PythonRegex.subn(mre, replace.nil? ? '' : replace.to_s, section)
      return Result.new(content.b, false, '') unless count.positive? && new_section != section

      result = contents[0, start] + new_section + contents[stop..]
      Result.new(result.b, true, "#{count} replacements made")
    rescue A2C::PythonRegex::Error => e
      raise Error, e.message
    end

    # Returns [section, start, end] in characters, or nil when after/before do not match.
    def replace_section(contents, after, before)
      pattern = if truthy?(after) && truthy?(before) then "#{after}(?P<subsection>.*?)#{before}"
                elsif truthy?(after) then "#{after}(?P<subsection>.*)"
                elsif truthy?(before) then "(?P<subsection>.*)#{before}"
                end
      return [contents, 0, contents.length] if pattern.nil?

      section_re = compile(pattern, mode: :text, dotall: true)
      m = section_re.match(contents)
      return if m.nil?

      group = section_re.group_index('subsection')
      [m[group], m.begin(group), m.end(group)]
    end
  end
end
