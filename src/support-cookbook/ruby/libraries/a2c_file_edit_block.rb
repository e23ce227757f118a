# frozen_string_literal: true
#
# ansible.builtin.blockinfile (ansible-core 2.14) as a pure function; see
# a2c_file_edit.rb. Works on bytes, as the module does.
module A2C
  module FileEdit
    DEFAULT_MARKER = '# {mark} ANSIBLE MANAGED BLOCK'

    module_function

    def blockinfile(content, block: '', marker: DEFAULT_MARKER, marker_begin: 'BEGIN', marker_end: 'END',
                    insertafter: nil, insertbefore: nil, state: 'present', create: false)
      raise Error, 'parameters are mutually exclusive: insertbefore|insertafter' if insertbefore && insertafter
      # The module checks the path before the state: a missing file fails even for state=absent.
      raise Error, 'Path does not exist !' if content.nil? && !create

      present = state.to_s == 'present'
      return Result.new(nil, false, 'File not present') if !present && content.nil?

      original = content&.b
      lines = original.nil? ? [] : splitlines_keepends(original)
      insertafter = 'EOF' if insertbefore.nil? && insertafter.nil?
      insertre = if !['EOF', nil].include?(insertafter) then insertafter
                 elsif !['BOF', nil].include?(insertbefore) then insertbefore
                 end

      marker0 = render_marker(marker, marker_begin)
      marker1 = render_marker(marker, marker_end)
      block = bytes(block.nil? ? '' : block)
      blocklines = []
      if present && !block.empty?
        block += LINESEP unless block.end_with?(LINESEP)
        blocklines = [marker0] + splitlines_keepends(block) + [marker1]
      end

      n0 = lines.rindex(marker0)
      n1 = lines.rindex(marker1)
      if n0.nil? || n1.nil?
        n0 = block_anchor(original, lines, insertre, insertafter, insertbefore)
      elsif n0 < n1
        lines[n0..n1] = []
      else
        lines[n1..n0] = []
        n0 = n1
      end

      # A line separator before the block, even when the block is being removed.
      lines[n0 - 1] += LINESEP if n0.positive? && !lines[n0 - 1].end_with?(LINESEP)
      lines.insert(n0, *blocklines)
      result = lines.join.b

      changed = original != result
      msg = if !changed then ''
            elsif original.nil? then 'File created'
            elsif blocklines.empty? then 'Block removed'
            else
              'Block inserted'
            end
      Result.new(result, changed, msg)
    end

    # The marker line: `{mark}` is substituted with re.sub, so the begin/end text
    # is a Python replacement template (backslash escapes apply).
    def render_marker(marker, mark)
      pattern = A2C::PythonRegex.compile('\{mark\}', mode: :bytes)
      A2C::PythonRegex.subn(pattern, mark.to_s, bytes(marker))[0] + LINESEP
    rescue A2C::PythonRegex::Error => e
      raise Error, e.message
    end

    # Where the block goes when the markers are not both present. A pattern whose
    # own inline flags turn on MULTILINE is searched across the whole file, and the
    # module counts newlines in the decoded text up to the match's byte offset.
    def block_anchor(original, lines, insertre, insertafter, insertbefore)
      return insertbefore.nil? ? lines.length : 0 if insertre.nil?

      n0 = nil
      if A2C::PythonRegex.multiline_flag?(insertre)
        raise Error, 'a MULTILINE insertafter/insertbefore pattern needs an existing file' if original.nil?

        m = compile(insertre, mode: :bytes).match(original)
        if m && (truthy?(insertafter) || truthy?(insertbefore))
          offset = truthy?(insertafter) ? m.end(0) : m.begin(0)
          n0 = newlines_before(original, offset)
        end
      else
        pattern = compile(insertre, mode: :bytes)
        lines.each_with_index { |line, i| n0 = i if pattern.match(line) }
      end
      return lines.length if n0.nil?

      insertafter.nil? ? n0 : n0 + 1
    end

    def newlines_before(original, offset)
      text = original.dup.force_encoding(Encoding::UTF_8)
      text = original unless text.valid_encoding?
      text[0, offset].count("\n")
    end
  end
end
