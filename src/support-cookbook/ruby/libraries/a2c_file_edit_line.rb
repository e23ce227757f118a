# frozen_string_literal: true
#
# ansible.builtin.lineinfile (ansible-core 2.14) as a pure function; see
# a2c_file_edit.rb. Works on bytes, as the module does.
module A2C
  module FileEdit
    module_function

    def lineinfile(content, line: nil, regexp: nil, search_string: nil, state: 'present',
                   insertafter: nil, insertbefore: nil, backrefs: false, create: false, firstmatch: false)
      check_line_params(line, regexp, search_string, state, insertafter, insertbefore, backrefs)
      if state.to_s == 'absent'
        return line_absent(content, bytes(line), regexp, bytes(search_string))
      end

      # The module defaults insertafter to EOF itself, after checking exclusivity.
      insertafter = 'EOF' if insertbefore.nil? && insertafter.nil?
      line_present(content, bytes(line), regexp, bytes(search_string), insertafter, insertbefore,
                   create, backrefs, firstmatch)
    end

    def check_line_params(line, regexp, search_string, state, insertafter, insertbefore, backrefs)
      raise Error, 'parameters are mutually exclusive: insertbefore|insertafter' if insertbefore && insertafter
      raise Error, 'parameters are mutually exclusive: regexp|search_string' if regexp && search_string
      raise Error, 'parameters are mutually exclusive: backrefs|search_string' if backrefs && search_string
      raise Error, "value of state must be one of: absent, present, got: #{state}" unless %w(absent present).include?(state.to_s)

      if state.to_s == 'present'
        raise Error, 'regexp is required with backrefs=true' if backrefs && regexp.nil?
        raise Error, 'line is required with state=present' if line.nil?
      elsif [regexp, search_string, line].all?(&:nil?)
        raise Error, 'one of line, search_string, or regexp is required with state=absent'
      end
    end

    def line_present(content, b_line, regexp, search_string, insertafter, insertbefore, create, backrefs, firstmatch)
      raise Error, 'Destination does not exist !' if content.nil? && !create

      lines = content.nil? ? [] : readlines(content)
      bre_m = regexp.nil? ? nil : compile(regexp, mode: :bytes)
      bre_ins = if !['BOF', 'EOF', nil].include?(insertafter) then compile(insertafter, mode: :bytes)
                elsif !['BOF', nil].include?(insertbefore) then compile(insertbefore, mode: :bytes)
                end

      found = -1   # line replaced by regexp/search_string or equal to `line`
      anchor = -1  # insertion index from insertafter/insertbefore
      match = nil

      # A regexp or search_string match wins over insertafter/insertbefore; the last
      # match is used unless firstmatch.
      if bre_m || search_string
        lines.each_with_index do |cur, i|
          m = bre_m ? bre_m.match(cur) : cur.include?(search_string)
          next unless m

          found = i
          match = m
          break if firstmatch
        end
      end

      unless match
        lines.each_with_index do |cur, i|
          if b_line == rstrip_newlines(cur)
            found = i
          elsif bre_ins&.match(cur)
            if truthy?(insertafter)
              anchor = i + 1
            elsif truthy?(insertbefore)
              anchor = i
            else
              next
            end
            break if firstmatch
          end
        end
      end

      changed = true
      msg = 'line added'
      if found != -1
        new_line = backrefs && match ? expand_backrefs(b_line, match, bre_m) : b_line
        new_line += LINESEP unless new_line.end_with?(LINESEP)
        if lines[found] == new_line
          changed = false
        else
          lines[found] = new_line
          msg = 'line replaced'
        end
      elsif backrefs
        # The module never inserts a line whose backreferences could not be filled.
        changed = false
      elsif insertbefore == 'BOF' || insertafter == 'BOF'
        lines.unshift(b_line + LINESEP)
      elsif insertafter == 'EOF' || anchor == -1
        lines << LINESEP if !lines.empty? && !ends_with_newline?(lines[-1])
        lines << (b_line + LINESEP)
      elsif truthy?(insertafter)
        # Not inserted again when the line right after the anchor already is it.
        neighbour = anchor == lines.length ? lines[anchor - 1] : lines[anchor]
        if rstrip_newlines(neighbour) == b_line
          changed = false
        elsif anchor == lines.length
          lines << (b_line + LINESEP)
        else
          lines.insert(anchor, b_line + LINESEP)
        end
      else
        lines.insert(anchor, b_line + LINESEP)
      end
      msg = '' unless changed
      Result.new(content.nil? && !changed ? nil : lines.join.b, changed, msg)
    end

    def expand_backrefs(template, match, pattern)
      A2C::PythonRegex.expand(A2C::PythonRegex.parse_template(template), match, pattern)
    rescue A2C::PythonRegex::Error => e
      raise Error, e.message
    end

    def line_absent(content, b_line, regexp, search_string)
      return Result.new(nil, false, 'file not present') if content.nil?

      bre_c = regexp.nil? ? nil : compile(regexp, mode: :bytes)
      kept = []
      removed = 0
      readlines(content).each do |cur|
        hit = if bre_c then bre_c.match(cur)
              elsif search_string then cur.include?(search_string)
              else
                b_line == rstrip_newlines(cur)
              end
        hit ? removed += 1 : kept << cur
      end
      Result.new(kept.join.b, removed.positive?, removed.positive? ? "#{removed} line(s) removed" : '')
    end
  end
end
