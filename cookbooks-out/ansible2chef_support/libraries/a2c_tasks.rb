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

    module_function

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
            if d == '\\' && i + 1 < s.length && "\\\"$`\n".include?(s[i + 1])
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

    # The Chef action for a templated module argument (`state: "{{ svc_state }}"`), from the
    # mapping table's value -> action pairs. An unknown value fails, as the Ansible module would.
    def action(value, table)
      key = value.is_a?(String) ? value : A2C::Jinja.str(value)
      hit = table[key] || table[boolean(value).to_s]
      raise UnknownValue, "ansible2chef: value #{key.inspect} has no Chef action (expected one of #{table.keys.join(', ')})" unless hit
      hit.to_sym
    end

    # Ansible's module boolean conversion (yes/on/1/true and no/off/0/false); nil when neither.
    def boolean(value)
      return value if [true, false].include?(value)
      case value.to_s.downcase
      when 'yes', 'on', '1', 'true', 'y', 't' then true
      when 'no', 'off', '0', 'false', 'n', 'f' then false
      end
    end
  end
end

module A2C
  module Tasks
    REGISTERED = 'ansible2chef_registered'

    module_function

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

    # Ansible's stat module result for one path (the keys conditions use).
    def register_stat(run_state, name, path)
      st = ::File.lstat(path.to_s) rescue nil
      stat = { 'exists' => !st.nil? }
      if st
        stat.merge!(
          'path' => path.to_s, 'isdir' => st.directory?, 'isreg' => st.file?, 'islnk' => st.symlink?,
          'size' => st.size, 'mode' => format('%04o', st.mode & 0o7777), 'uid' => st.uid, 'gid' => st.gid,
          'mtime' => st.mtime.to_f
        )
        stat['lnk_source'] = ::File.realpath(path.to_s) if st.symlink? && ::File.exist?(path.to_s)
      end
      store(run_state, name, { 'changed' => false, 'failed' => false, 'stat' => stat })
    end

    # command/shell with register: run it, keep Ansible's result keys, fail like the module does
    # (a non-zero rc fails unless failed_when says otherwise; ignore_errors keeps going).
    def register_command(run_state, name, command, cwd: nil, environment: nil, user: nil, ignore_errors: false, failed_when: nil, changed_when: nil)
      require 'mixlib/shellout'
      argv = command.is_a?(Array) ? command : ['/bin/sh', '-c', command.to_s]
      opts = { cwd: cwd, environment: environment, user: user, timeout: 86_400 }.compact
      so = Mixlib::ShellOut.new(*argv, **opts)
      so.run_command
      stdout = so.stdout.chomp
      stderr = so.stderr.chomp
      result = {
        'rc' => so.exitstatus, 'stdout' => stdout, 'stderr' => stderr, 'stdout_lines' => stdout.split("\n"),
        'stderr_lines' => stderr.split("\n"), 'cmd' => command, 'changed' => true, 'skipped' => false
      }
      result['failed'] = so.exitstatus != 0
      result['changed'] = changed_when.call(result) ? true : false if changed_when
      result['failed'] = failed_when.call(result) ? true : false if failed_when
      store(run_state, name, result)
      return result unless result['failed'] && !ignore_errors

      raise "ansible2chef: command #{command.inspect} failed (rc=#{so.exitstatus}): #{stderr}"
    end

    # `r is success` and the other result tests, on a registered result.
    def result?(result, test)
      failed = A2C::Jinja.truthy(result['failed'])
      case test
      when 'success', 'succeeded' then !failed
      when 'failed', 'failure' then failed
      when 'changed', 'change' then A2C::Jinja.truthy(result['changed'])
      when 'skipped', 'skip' then A2C::Jinja.truthy(result['skipped'])
      else raise ArgumentError, "ansible2chef: unknown result test #{test}"
      end
    end
  end
end

module A2C
  module Tasks
    module_function

    # with_subelements: [parent, child] for each child in parent[key]; a parent without the key
    # fails unless skip_missing, as Ansible's subelements lookup does.
    def subelements(list, key, skip_missing = false)
      A2C::Jinja.iter(list).flat_map do |parent|
        unless parent.is_a?(Hash) && parent.key?(key)
          next [] if skip_missing
          raise A2C::Jinja::UndefinedError, "could not find '#{key}' key in iterated item #{A2C::Jinja.repr(parent)}"
        end
        children = parent[key]
        raise ArgumentError, "the key #{key} should point to a list, got #{A2C::Jinja.repr(children)}" unless children.is_a?(Array)
        children.map { |child| [parent, child] }
      end
    end

    # with_nested: every combination, first list outermost.
    def nested(*lists)
      first, *rest = lists.map { |l| A2C::Jinja.iter(l) }
      return [] if first.nil?
      first.product(*rest)
    end
  end
end

module A2C
  module Tasks
    module_function

    # Ansible's first_found over a role's vars files: the first candidate that exists. No match
    # fails, as the lookup does, unless skip is set.
    def first_found(candidates, available, skip = false)
      names = candidates.map { |c| c.to_s.sub(%r{\A(?:\./)?vars/}, '') }
      hit = names.find { |n| available.include?(n) }
      raise "ansible2chef: no vars file found among #{names.inspect} (have #{available.inspect})" if hit.nil? && !skip
      hit
    end
  end
end

module A2C
  module Tasks
    module_function

    # A module argument that evaluated to Ansible's `omit` is left out: nil resets a Chef property.
    def omit(value)
      value == A2C::Jinja::OMIT ? nil : value
    end
  end
end

module A2C
  module Tasks
    module_function

    # The ERB template converted from an Ansible template path (`x.conf.j2` -> `x.conf.erb`,
    # relative to the role's templates folder).
    def template_source(src)
      path = src.to_s.sub(%r{\A(?:\./)?templates/}, '')
      raise ArgumentError, "ansible2chef: template #{path.inspect} is outside the cookbook" if path.start_with?('/') || path.split('/').include?('..')

      "#{path.sub(/\.j2\z/, '')}.erb"
    end
  end
end
