# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_tasks
#
# Task-level semantics of Ansible that converted recipes need at converge time: command lines
# split like Python's shlex, actions chosen from templated values, and registered results.

module A2C
  module Tasks
    class UnknownValue < StandardError; end
    REGISTERED = 'ansible2chef_registered'

    module_function

    # A stat time in seconds as Python's os.stat gives it (st_mtime...): CPython computes
    # sec + nsec * 1e-9 in doubles, while Time#to_f rounds the exact value; the two differ in the last
    # bit (~0.24 us at today's epoch), which a module's result compared or printed would show.
    def py_stat_time(time)
      time.tv_sec + (time.tv_nsec * 1e-9)
    end

    # POSIX shlex.split as Python does it (Ansible splits `command:` lines with it).
    def shlex_split(text)
      words = []
      cur = +''
      in_word = false
      i = 0
      s = text.to_s
      while i < s.length
        c = s[i]
        if c == "'"
          j = s.index("'", i + 1) or raise ArgumentError, 'No closing quotation'
          cur << s[(i + 1)...j]
          in_word = true
          i = j + 1
        elsif c == '"'
          i += 1
          closed = false
          while i < s.length
            d = s[i]
            if d == '"'
              closed = true
              i += 1
              break
            end
            # Python's posix shlex escapes only the quote and the backslash inside double quotes.
            if d == '\\' && i + 1 < s.length && '\"'.include?(s[i + 1])
              cur << s[i + 1]
              i += 2
              next
            end
            cur << d
            i += 1
          end
          raise ArgumentError, 'No closing quotation' unless closed
          in_word = true
        elsif c == '\\'
          raise ArgumentError, 'No escaped character' if i + 1 >= s.length
          cur << s[i + 1]
          in_word = true
          i += 2
        elsif " \t\r\n".include?(c)
          words << cur if in_word
          cur = +''
          in_word = false
          i += 1
        else
          cur << c
          in_word = true
          i += 1
        end
      end
      words << cur if in_word
      words
    end

    # include_tasks with a templated file name: the recipe made from the task file the name
    # evaluates to. A name no task file of the role has fails, as Ansible fails to find the file.
    def included_recipe(file, table)
      table.fetch(file) do
        raise UnknownValue, "ansible2chef: included task file #{file.inspect} is not in the role (task files: #{table.keys.join(', ')})"
      end
    end

    # The Chef action for a templated module argument (`state: "{{ svc_state }}"`), from the
    # mapping table's value -> action pairs. An unknown value fails, as the Ansible module would.
    # A value that selects several actions ('reload+start') gives them in order, as an array.
    def action(value, table)
      key = value.is_a?(String) ? value : A2C::Jinja.str(value)
      hit = table[key] || table[boolean(value).to_s]
      raise UnknownValue, "ansible2chef: value #{key.inspect} has no Chef action (expected one of #{table.keys.join(', ')})" unless hit
      hit.include?('+') ? hit.split('+').map(&:to_sym) : hit.to_sym
    end

    # A templated boolean keyword (no_log, ignore_errors): Ansible converts it strictly, so a
    # value that is neither true nor false fails the run.
    def strict_boolean(value, keyword)
      b = boolean(value)
      raise UnknownValue, "ansible2chef: #{keyword}: #{value.inspect} is not a valid boolean" if b.nil?
      b
    end

    # A templated become_user on a task whose resources Chef runs as root (every resource but a
    # command): the same work only where the value is root; another user stops the run here,
    # naming the value, instead of acting as root where Ansible would act as that user.
    def become_root!(value)
      return true if value.to_s == 'root'

      raise UnknownValue, "ansible2chef: become_user #{value.inspect}: this resource runs as root; converted only for root"
    end

    # AnsibleModule's argument conversion (check_type_bool/int/str) for a templated module
    # argument whose value is known only when the recipe compiles: the value the module would use,
    # or Ansible's own error. nil (the argument not given) and omit pass through.
    def to_bool(value, arg)
      return value if value.nil? || [true, false].include?(value) || value == A2C::Jinja::OMIT
      b = value.is_a?(String) || value.is_a?(Numeric) ? boolean(value) : nil
      return b unless b.nil?

      why = value.is_a?(String) || value.is_a?(Numeric) ? "The value '#{A2C::Jinja.str(value)}' is not a valid boolean." : "<class '#{py_type(value)}'> cannot be converted to a bool"
      raise UnknownValue, "ansible2chef: argument '#{arg}' is of type <class '#{py_type(value)}'> and we were unable to convert to bool: #{why}"
    end

    def to_int(value, arg)
      return value if value.nil? || value.is_a?(Integer) || value == A2C::Jinja::OMIT
      return Integer(value.strip, 10) if value.is_a?(String) && value.strip.match?(/\A[+-]?\d+(?:_\d+)*\z/)

      # A Python bool is an int: the module would receive True/False, which no Chef Integer takes.
      why = [true, false].include?(value) ? "the module receives #{A2C::Jinja.str(value)} as its integer" : "<class '#{py_type(value)}'> cannot be converted to an int"
      raise UnknownValue, "ansible2chef: argument '#{arg}' is of type <class '#{py_type(value)}'> and we were unable to convert to int: #{why}"
    end

    # Python str() of a number, boolean, list or dict, as the module receives it.
    def to_str(value, _arg)
      return value if value.nil? || value.is_a?(String)

      A2C::Jinja.str(value)
    end

    def py_type(value)
      case value
      when String then 'str'
      when true, false then 'bool'
      when Integer then 'int'
      when Float then 'float'
      when Array then 'list'
      when Hash then 'dict'
      when nil then 'NoneType'
      else value.class.name
      end
    end

    # get_url without force asks for the file only if it changed after the existing file was last
    # written: Ansible sends If-Modified-Since with the file's modification time (a 304 leaves the
    # file as it is). The task's own headers are kept.
    def if_modified_since(path, headers = {})
      return headers unless ::File.file?(path)
      headers.merge('If-Modified-Since' => ::File.mtime(path).utc.strftime('%a, %d %b %Y %H:%M:%S GMT'))
    end

    # Ansible's module boolean conversion (yes/on/1/true and no/off/0/false); nil when neither.
    def boolean(value)
      return value if [true, false].include?(value)
      if value.is_a?(Numeric)
        return true if value == 1
        return false if value.zero?

        return
      end
      case value.to_s.downcase.strip
      when 'yes', 'on', '1', 'true', 'y', 't' then true
      when 'no', 'off', '0', 'false', 'n', 'f' then false
      end
    end

    # A result registered earlier in the run (Ansible's `register:`); fails when the task that
    # registers it has not run, as reading an undefined variable fails in Ansible.
    def registered(run_state, name)
      results = run_state[REGISTERED] || {}
      raise A2C::Jinja::UndefinedError, "'#{name}' is undefined (its task has not run)" unless results.key?(name)
      results[name]
    end

    def store(run_state, name, result)
      (run_state[REGISTERED] ||= {})[name] = result
    end

    # set_fact in a loop over registered results, at converge time: each item whose condition holds
    # (none: every item) sets the fact in turn, the last one winning, as in Ansible; where every item
    # is skipped the fact stays unset.
    def set_fact_each(run_state, name, items, condition)
      items.to_a.each do |item|
        next if condition && !condition.call(item)

        set_fact(run_state, name, yield(item))
      end
    end

    # One loop item's result: computed where its `when` holds, skipped where it does not
    # (Ansible evaluates `when` per item).
    def item_result(run)
      run ? yield : skipped_result
    end

    # A set_fact whose value reads registered results, set when its task runs: kept beside the
    # results (the reads of later tasks) and as the fact itself (templates rendered later).
    def set_fact(run_state, name, value)
      run_state[name] = store(run_state, name, value)
    end

    # A set_fact of several facts, set when its task runs: the values are all computed (the Hash
    # literal) before any is set, as Ansible templates them all first.
    def set_facts(run_state, values)
      values.each { |name, value| set_fact(run_state, name, value) }
    end

    # A set_fact value that templated to `omit`: Ansible drops it from the task's arguments
    # (remove_omit), so the fact is not set and keeps any value it had.
    # A dict value loses its keys that are `omit` (remove_omit runs on every argument).
    def set_fact_unless_omit(run_state, name, value)
      run_state[name] = omit(value) unless value == A2C::Jinja::OMIT
    end

    # A set_fact every value of which may be `omit`: where all are, set_fact has nothing left and
    # fails the task with its own message; otherwise each one not omitted is set.
    def set_facts_unless_omit(run_state, facts)
      kept = facts.reject { |_, v| v == A2C::Jinja::OMIT }
      raise UnknownValue, 'No key/value pairs provided, at least one is required for this action to succeed' if kept.empty?

      kept.each { |name, value| run_state[name] = omit(value) }
    end

    # Ansible's stat module result for one path (the keys conditions use).
    def register_stat(run_state, name, path, follow: false, changed_when: nil)
      store(run_state, name, stat_result(path, follow: follow, changed_when: changed_when))
    end

    # The stat module's result for one path; changed_when (reading this result) sets its changed
    # state, which the module itself always reports false.
    def stat_result(path, follow: false, changed_when: nil)
      result = stat_module_result(path, follow: follow)
      result['changed'] = changed_when.call(result) ? true : false if changed_when
      result
    end

    def stat_module_result(path, follow: false)
      path = ansible_path(path)
      # follow: false looks at a link itself (os.lstat), follow: true at its target (os.stat).
      st = begin
             follow ? ::File.stat(path) : ::File.lstat(path)
           rescue StandardError
             nil
           end
      stat = { 'exists' => !st.nil? }
      if st
        stat.merge!(
          'path' => path, 'isdir' => st.directory?, 'isreg' => st.file?, 'islnk' => st.symlink?,
          'size' => st.size, 'mode' => format('%04o', st.mode & 0o7777), 'uid' => st.uid, 'gid' => st.gid,
          'mtime' => py_stat_time(st.mtime)
        )
        stat['lnk_source'] = ::File.realdirpath(path) if st.symlink?
      end
      { 'changed' => false, 'failed' => false, 'stat' => stat }
    end

    # An item whose `when` is false.
    def skipped_result
      { 'changed' => false, 'skipped' => true, 'skip_reason' => 'Conditional result was False' }
    end

    # A registered loop, as Ansible stores it: `results` in item order, each with its item. Every
    # item runs; when one failed the task fails afterwards, unless ignore_errors.
    def register_each(run_state, name, items, loop_var, ignore_errors: false)
      list = items.to_a
      if list.empty?
        return store(run_state, name, { 'changed' => false, 'skipped' => true, 'skipped_reason' => 'No items in the list', 'results' => [] })
      end

      results = list.map { |item| yield(item).merge('item' => item, 'ansible_loop_var' => loop_var) }
      failed = results.any? { |r| r['failed'] }
      skipped = results.all? { |r| r['skipped'] }
      summary = { 'changed' => results.any? { |r| r['changed'] }, 'results' => results, 'skipped' => skipped }
      summary['failed'] = true if failed
      summary['msg'] = if skipped
                         'All items skipped'
                       elsif failed
                         'One or more items failed'
                       else
                         'All items completed'
                       end
      store(run_state, name, summary)
      return summary unless failed && !ignore_errors

      raise "ansible2chef: one or more items of #{name} failed"
    end

    # slurp with register: the file's bytes in base64, or the module's failure (raised unless
    # ignore_errors, registered either way).
    def register_slurp(run_state, name, src, ignore_errors: false)
      source = ansible_path(src)
      result =
        begin
          { 'content' => [::File.binread(source)].pack('m0'), 'source' => source, 'encoding' => 'base64', 'changed' => false, 'failed' => false }
        rescue Errno::ENOENT
          { 'msg' => "file not found: #{source}" }
        rescue Errno::EACCES
          { 'msg' => "file is not readable: #{source}" }
        rescue Errno::EISDIR
          { 'msg' => "source is a directory and must be a file: #{source}" }
        rescue SystemCallError => e
          { 'msg' => "unable to slurp file: #{e.message}" }
        end
      result = { 'changed' => false, 'failed' => true }.merge(result) if result.key?('msg')
      store(run_state, name, result)
      return result unless result['failed'] && !ignore_errors

      raise "ansible2chef: slurp failed: #{result['msg']}"
    end

    # A module argument of Ansible's type 'path', as AnsibleModule prepares it before the module
    # runs: $VAR and ${VAR} from the environment (os.path.expandvars; unknown ones stay), then a
    # leading ~ or ~user (os.path.expanduser).
    def ansible_path(value)
      text = value.to_s.gsub(/\$(\w+|\{[^}]*\})/) do |m|
        var = Regexp.last_match(1).delete_prefix('{').delete_suffix('}')
        ENV.key?(var) ? ENV[var] : m
      end
      return text unless text.start_with?('~')

      cut = text.index('/') || text.length
      user = text[1...cut]
      home =
        begin
          require 'etc'
          user.empty? ? (ENV['HOME'] || Etc.getpwuid(Process.uid).dir) : Etc.getpwnam(user).dir
        rescue ArgumentError
          nil
        end
      return text if home.nil?

      expanded = home.sub(%r{/+\z}, '') + text[cut..]
      expanded.empty? ? '/' : expanded
    end

    # command/shell with register: run it, keep Ansible's result keys, fail like the module does
    # (a non-zero rc fails unless failed_when says otherwise; ignore_errors keeps going).
    def register_command(run_state, name, command, ignore_errors: false, **options)
      result = command_result(command, **options)
      store(run_state, name, result)
      return result unless result['failed'] && !ignore_errors

      raise "ansible2chef: command #{command.inspect} failed (rc=#{result['rc']}): #{result['stderr']}"
    end

    # `until:` with a condition on a registered result, as Ansible's task executor runs it: up to
    # retries + 1 attempts (one when retries <= 0, and the condition is then not evaluated),
    # `delay` seconds apart, each attempt's result registered with its `attempts` number before the
    # condition reads it. The attempt whose condition holds ends the loop with its own outcome (a
    # failed result still fails); running out of attempts fails with `attempts` = retries, the count
    # Ansible reports. A condition that raises fails the task with its message.
    def register_until(run_state, name, retries, delay, condition, ignore_errors: false)
      tries = retries <= 0 ? 1 : retries + 1
      result = nil
      1.upto(tries) do |attempt|
        result = yield
        result['attempts'] = attempt
        store(run_state, name, result)
        break if tries == 1

        held =
          begin
            condition.call(result)
          rescue StandardError => e
            result = { 'failed' => true, 'msg' => "The conditional check failed. The error was: #{e.message}" }
            break
          end
        break if held

        if attempt < tries
          sleep(delay.negative? ? 1 : delay)
        else
          result['attempts'] = tries - 1
          result['failed'] = true
        end
      end
      store(run_state, name, result)
      return result unless A2C::Jinja.truthy(result['failed']) && !ignore_errors

      raise "ansible2chef: #{name}: until condition not met after #{result['attempts']} attempts, or the last attempt failed: #{result['msg'] || result['stderr']}"
    end

    # The command/shell module's result for one command line.
    def command_result(command, cwd: nil, environment: nil, user: nil, executable: nil, creates: nil, removes: nil,
                       failed_when: nil, changed_when: nil)
      result = command_skip(command, cwd, creates, removes) || command_run(command, cwd, environment, user, executable)
      result['changed'] = changed_when.call(result) ? true : false if changed_when
      result['failed'] = failed_when.call(result) ? true : false if failed_when
      result
    end

    # The command module's creates/removes, checked (after chdir) before anything runs: a creates
    # glob that matches, or a removes glob that matches nothing, gives rc 0 and no change, with the
    # module's texts; the keywords still judge that result.
    def command_skip(command, cwd, creates, removes)
      if creates
        path = command_path(creates, cwd)
        return skipped_command(command, path, 'exists') if python_glob?(path, cwd)
      end
      return unless removes

      path = command_path(removes, cwd)
      python_glob?(path, cwd) ? nil : skipped_command(command, path, 'does not exist')
    end

    # A relative path is globbed in the module's working directory, which only chdir names here.
    def command_path(value, cwd)
      path = ansible_path(value)
      return path if path.start_with?('/') || cwd

      raise "ansible2chef: creates/removes path #{path.inspect} is relative and the task has no chdir: " \
            "Ansible looks for it in the module's working directory on the host"
    end

    def skipped_command(command, path, state)
      stdout = "skipped, since #{path} #{state}"
      { 'rc' => 0, 'stdout' => stdout, 'stderr' => '', 'stdout_lines' => [stdout], 'stderr_lines' => [], 'cmd' => command,
        'msg' => "Did not run command since '#{path}' #{state}", 'changed' => false, 'failed' => false }
    end

    # Python's glob.glob(pattern) is not empty: a pattern without *, ? or [ is a path that exists
    # (a dangling link too); with them, Dir.glob, where \\, { and } are plain characters as in Python.
    def python_glob?(pattern, cwd)
      full = cwd && !pattern.start_with?('/') ? File.join(cwd, pattern) : pattern
      return File.exist?(full) || File.symlink?(full) unless pattern.match?(/[*?\[]/)

      Dir.glob(full.gsub(/[\\{}]/) { |c| "\\#{c}" }).any?
    end

    def command_run(command, cwd, environment, user, executable)
      require 'mixlib/shellout'
      argv = command.is_a?(Array) ? command : [(executable || '/bin/sh').to_s, '-c', command.to_s]
      opts = { cwd: cwd, environment: environment, user: user, timeout: 86_400 }.compact
      so = Mixlib::ShellOut.new(*argv, **opts)
      so.run_command
      # The command module strips trailing line breaks and splits lines like Python's splitlines().
      stdout = so.stdout.dup.force_encoding(Encoding::UTF_8).sub(/[\r\n]+\z/, '')
      stderr = so.stderr.dup.force_encoding(Encoding::UTF_8).sub(/[\r\n]+\z/, '')
      result = {
        'rc' => so.exitstatus, 'stdout' => stdout, 'stderr' => stderr, 'stdout_lines' => splitlines(stdout),
        'stderr_lines' => splitlines(stderr), 'cmd' => command, 'changed' => true
      }
      result['failed'] = so.exitstatus != 0
      result
    end

    # Python's str.splitlines(): every line boundary, no empty line after a final break.
    def splitlines(text)
      lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\u0085\u2028\u2029]/, -1)
      lines.pop if lines.last == '' && !text.empty?
      lines
    end

    # A registered resource changed: its record (stored unchanged before it ran) says so.
    def mark_changed(run_state, name)
      (run_state[REGISTERED] ||= {})[name] = (run_state[REGISTERED][name] || {}).merge('changed' => true)
    end

    # `r is success` and the other result tests, on a registered result.
    def result?(result, test)
      # Ansible's result tests refuse anything but a dictionary (a loop item that is no result).
      raise ArgumentError, "The '#{test}' test expects a dictionary" unless result.is_a?(Hash)

      failed = A2C::Jinja.truthy(result['failed'])
      case test
      when 'success', 'succeeded' then !failed
      when 'failed', 'failure' then failed
      when 'changed', 'change' then A2C::Jinja.truthy(result['changed'])
      when 'skipped', 'skip' then A2C::Jinja.truthy(result['skipped'])
      else raise ArgumentError, "ansible2chef: unknown result test #{test}"
      end
    end

    # with_subelements: [parent, child] for each child in parent[key]; a parent without the key
    # fails unless skip_missing, as Ansible's subelements lookup does.
    # Mirrors Ansible's subelements lookup: a dict iterates its values, a skipped result yields
    # nothing, `a.b` walks nested dicts, and the sub-list is taken out of the parent (item.0 no
    # longer holds it).
    def subelements(list, key, skip_missing = false)
      if list.is_a?(Hash)
        return [] unless list.fetch('skipped', false) == false

        list = list.values
      end
      raise ArgumentError, 'subelements lookup expects a list of two or three items, first a dict or a list' unless list.is_a?(Array)

      subkeys = key.to_s.split('.')
      skip = boolean(skip_missing) == true
      list.flat_map do |item0|
        raise ArgumentError, "subelements lookup expects a dictionary, got '#{A2C::Jinja.str(item0)}'" unless item0.is_a?(Hash)
        next [] unless item0.fetch('skipped', false) == false

        parent = deep_dup(item0)
        subvalue = parent
        sublist = []
        subkeys.each_with_index do |subkey, i|
          unless subvalue.key?(subkey)
            next if skip

            raise A2C::Jinja::UndefinedError, "could not find '#{subkey}' key in iterated item '#{A2C::Jinja.str(subvalue)}'"
          end
          if i < subkeys.length - 1
            unless subvalue[subkey].is_a?(Hash)
              next if skip

              raise ArgumentError, "the key #{subkey} should point to a dictionary, got '#{A2C::Jinja.str(subvalue[subkey])}'"
            end
            subvalue = subvalue[subkey]
          else
            raise ArgumentError, "the key #{subkey} should point to a list, got '#{A2C::Jinja.str(subvalue[subkey])}'" unless subvalue[subkey].is_a?(Array)

            sublist = subvalue.delete(subkey) || []
          end
        end
        sublist.map { |item1| [parent, item1] }
      end
    end

    def deep_dup(value)
      case value
      when Hash then value.each_with_object({}) { |(k, v), h| h[k] = deep_dup(v) }
      when Array then value.map { |v| deep_dup(v) }
      else value
      end
    end

    # with_nested: every combination, first list outermost.
    # Mirrors Ansible's nested lookup: each combination is flattened one level, so a list
    # element spreads into the combination.
    def nested(*lists)
      raise ArgumentError, 'with_nested requires at least one element in the nested list' if lists.empty?

      terms = lists.map { |l| l.is_a?(String) ? [l] : A2C::Jinja.iter(l) }
      result = terms.first
      terms.drop(1).each { |b| result = result.flat_map { |x| b.map { |y| flatten_one([x, y]) } } }
      result.map { |x| flatten_one(x.is_a?(String) ? x.chars : A2C::Jinja.iter(x)) }
    end

    def flatten_one(terms)
      terms.each_with_object([]) { |t, acc| t.is_a?(Array) ? acc.concat(t) : acc << t }
    end

    # Ansible's first_found over a role's vars files: the first candidate that exists. No match
    # fails, as the lookup does, unless skip is set.
    def first_found(candidates, available, skip = false)
      # Like the lookup, each candidate is split on ',' and ';'. The lookup looks in the role's
      # vars folder first, from where `vars/x`, `./vars/x` and `../vars/x` all name vars/x.
      names = candidates.flat_map { |c| c.to_s.split(/[,;]/, -1) }.map { |c| c.sub(%r{\A(?:\.\.?/)?vars/}, '') }
      hit = names.find { |n| available.include?(n) }
      raise "ansible2chef: no vars file found among #{names.inspect} (have #{available.inspect})" if hit.nil? && !skip
      hit
    end

    # with_first_found over a role's templates: the first name, computed on the node, that names one
    # of them (a leading `templates/` names the same folder). None found fails the run, as the lookup
    # fails; the converter kept the task a TODO where another folder Ansible searches could hold it.
    def first_found_file(candidates, available)
      names = candidates.flat_map { |c| c.to_s.split(/[,;]/, -1) }.map { |c| c.sub(%r{\Atemplates/}, '') }
      hit = names.find { |n| available.include?(n) }
      raise "ansible2chef: no template found among #{names.inspect} (the role has #{available.inspect})" if hit.nil?

      hit
    end

    # yum/dnf enablerepo and disablerepo (omitted: nil) as package options. Ansible reads a string
    # as a comma-separated list; Chef's yum and dnf helpers split --enablerepo= on commas again, so
    # one option per flag carries the list. Empty names select no repository and are left out.
    def repo_options(enable, disable)
      { 'enablerepo' => enable, 'disablerepo' => disable }.filter_map do |flag, repos|
        names = (repos.is_a?(Array) ? repos.map(&:to_s) : repos.to_s.split(',')).reject(&:empty?)
        "--#{flag}=#{names.join(',')}" unless names.empty?
      end
    end

    # A templated apt_repository line (`deb [arch=.. signed-by=..] uri dist comp...`) as
    # apt_repository's parts, with the file name Ansible derives from the uri ('name').
    def apt_source(line)
      text = line.to_s.strip
      m = /\A(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)\z/m.match(text)
      raise ArgumentError, "ansible2chef: apt source line not understood: #{text.inspect}" unless m

      src = { 'name' => apt_source_filename(text), 'uri' => m[3], 'distribution' => m[4], 'components' => m[5].split, 'deb_src' => m[1] == 'deb-src' }
      m[2].to_s.split.each do |opt|
        key, value = opt.split('=', 2)
        raise ArgumentError, "ansible2chef: apt source option #{opt} is not converted" unless %w(arch signed-by).include?(key) && !value.to_s.empty?

        src[key.tr('-', '_')] = value
      end
      src
    end

    # apt_repository's file name for a line without filename: the uri without its scheme,
    # options and credentials, every run of other characters than ASCII letters and digits an '_'.
    def apt_source_filename(line)
      parts = line.gsub(/\[[^\]]+\]/, '').gsub(%r{\w+://}, '').split.reject { |p| %w(deb deb-src).include?(p) }
      first = parts.first.to_s
      first = first.split('@', 2).last if first.include?('@')
      first.gsub(/[^a-zA-Z0-9]/, ' ').split.join('_')
    end

    # A templated validate run as copy and template run it, for Chef's verify block: nothing to
    # check when omitted or empty, '%s' required, `validate % path` (validate_format), the words
    # split as shlex does and expanded as run_command expands them, run without a shell. Chef
    # fails the resource when this is false, as the module fails the task.
    def validate(value, path)
      cmd = validate_text(value)
      return true if cmd.nil?

      require 'mixlib/shellout'
      argv = shlex_split(validate_format(cmd, path, '%')).map { |w| ansible_path(w) }
      Mixlib::ShellOut.new(*argv, timeout: 86_400).run_command.exitstatus.zero?
    end

    # get_url's templated `checksum: "<algorithm>:<digest>"` as remote_file's checksum, as the
    # module reads it (ansible-core 2.14 get_url.py): empty, no checksum; no ':' or a digest that is
    # no hex number after dropping non-word characters and lower-casing fails as the module fails.
    # Chef verifies SHA-256 only, and before downloading compares the digest as a prefix of the
    # file's (remote_file/content.rb) where the module compares it whole: another algorithm, a
    # digest that is not 64 hex digits, or a checksum file's URL fails the run rather than check
    # something else.
    def sha256_checksum(value)
      text = to_str(value, 'checksum')
      return if text.nil? || text.empty?

      algorithm, digest = text.split(':', 2)
      raise UnknownValue, 'The checksum parameter has to be in format <algorithm>:<checksum>' if digest.nil?
      raise UnknownValue, "ansible2chef: get_url checksum read from #{digest} is not converted" if digest.match?(%r{\A[a-z][a-z0-9+.-]*://}i)

      digest = digest.gsub(/[^[:word:]]+/, '').downcase
      raise UnknownValue, 'The checksum format is invalid' unless digest.match?(/\A(?:0x_?)?\h(?:_?\h)*\z/)
      unless algorithm == 'sha256' && digest.match?(/\A\h{64}\z/)
        raise UnknownValue, "ansible2chef: get_url checksum #{text.inspect} is not converted: Chef's remote_file verifies a 64-digit SHA-256 digest"
      end

      digest
    end

    # A templated validate as the String verify of the support resources (lineinfile, replace...),
    # which Chef formats with %{path}: '%%' for a percent sign, %{path} for the one '%s'.
    def verify_command(value)
      cmd = validate_text(value)
      cmd.nil? ? nil : validate_format(cmd, '%{path}', '%%')
    end

    # The command a validate argument holds: nil when omitted or empty (the module skips it); one
    # without '%s' the module refuses.
    def validate_text(value)
      return if value.nil? || value == A2C::Jinja::OMIT

      cmd = to_str(value, 'validate')
      return if cmd.empty?
      raise UnknownValue, "ansible2chef: validate must contain %s: #{cmd}" unless cmd.include?('%s')

      cmd
    end

    # Python's `validate % path`, the file the one argument: '%%' is `percent`, '%s' is `path`.
    # Python fails on no or two conversions and on a lone '%', and so does this; its other
    # conversions (%r, %-9s...) are not converted and fail the run rather than run another command.
    def validate_format(cmd, path, percent)
      paths = 0
      out = cmd.gsub(/%(.?)/m) do
        case Regexp.last_match(1)
        when '%' then percent
        when 's' then (paths += 1) && path
        else raise UnknownValue, "ansible2chef: validate #{cmd.inspect}: only %s and %% are converted (Python %-formatting)"
        end
      end
      raise UnknownValue, "ansible2chef: validate #{cmd.inspect} must format the file exactly once (Python %-formatting)" unless paths == 1

      out
    end

    # A module argument that evaluated to Ansible's `omit` is left out: nil resets a Chef property.
    # Inside a dict (or a dict in a list), a value that is `omit` is left out as Ansible's
    # remove_omit leaves it (TaskExecutor): its key goes; a list item that is `omit` stays.
    # default: what the module takes for the argument left out (debug's msg: 'Hello world!').
    def omit(value, default = nil)
      return default if value == A2C::Jinja::OMIT

      return value unless omit_inside?(value)

      value.is_a?(Array) ? value.map { |v| remove_omit(v) } : remove_omit(value)
    end

    # Ansible's remove_omit of a dict: each key whose value is `omit` dropped, dicts and the dicts
    # directly in lists cleaned the same way; anything else (a value holding no such key
    # included) is given back as it is.
    def remove_omit(value)
      return value unless value.is_a?(Hash) && omit_inside?(value)

      value.each_with_object({}) do |(k, v), out|
        next if v == A2C::Jinja::OMIT

        out[k] = v.is_a?(Array) ? v.map { |x| remove_omit(x) } : remove_omit(v)
      end
    end

    # Whether remove_omit would leave out a key: an `omit` value of a dict, in a dict or in a list's dict.
    def omit_inside?(value)
      case value
      when Hash then value.any? { |_, v| v == A2C::Jinja::OMIT || omit_inside?(v) }
      when Array then value.any? { |v| v.is_a?(Hash) && omit_inside?(v) }
      else false
      end
    end

    # The cookbook file shipped for an Ansible copy src (relative to the role's files folder).
    def file_source(src)
      path = src.to_s.sub(%r{\A(?:\./)?files/}, '')
      raise ArgumentError, "ansible2chef: file #{path.inspect} is outside the cookbook" if path.start_with?('/') || path.split('/').include?('..')

      path
    end

    # The ERB template converted from an Ansible template path (`x.conf.j2` -> `x.conf.erb`,
    # relative to the role's templates folder); `copies`: the task's own copy of a template another
    # task renders with other variables (`x.conf+item.erb`), by the name the path gives.
    def template_source(src, copies = {})
      path = src.to_s.sub(%r{\A(?:\./)?templates/}, '')
      raise ArgumentError, "ansible2chef: template #{path.inspect} is outside the cookbook" if path.start_with?('/') || path.split('/').include?('..')

      name = "#{path.sub(/\.j2\z/, '')}.erb"
      copies.fetch(name, name)
    end
  end
end
