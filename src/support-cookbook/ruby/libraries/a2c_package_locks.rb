# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_package_locks
#
# Package selections and version locks read and changed as ansible.builtin.dpkg_selections and
# community.general.yum_versionlock (ansible-core 2.14, community.general 6) read and change them:
# the converted resources act only where the module would report a change.

module A2C
  module Modules
    module_function

    # The selection `dpkg --get-selections <name>` shows (its second word), 'not present' when it
    # prints nothing; a failing dpkg fails the run, as the module's check_rc does.
    def dpkg_selection(name)
      require 'mixlib/shellout'
      out = Mixlib::ShellOut.new('dpkg', '--get-selections', name.to_s).run_command.tap(&:error!).stdout
      out.empty? ? 'not present' : out.split[1]
    end

    # An entry of `yum versionlock list`: yum's [!]epoch:name-version-release.arch, or dnf's
    # [!]name-epoch:version-release.arch (where yum is dnf).
    VERSIONLOCK_YUM = /\A(?<exclude>!)?(?<epoch>\d+):(?<name>.+)-(?<version>.+)-(?<release>.+)\.(?<arch>.+)\z/
    VERSIONLOCK_DNF = /\A(?<exclude>!)?(?<name>.+)-(?<epoch>\d+):(?<version>.+)-(?<release>.+)\.(?<arch>.+)\z/

    # Does the entry's package name match the pattern as Python's fnmatch matches it: `*` and `?`
    # cross dots and slashes, a backslash is a plain character. Python's [sets] differ from Ruby's
    # ([^x] is no negation there): a pattern holding one stops the run rather than match otherwise.
    def versionlock_match?(entry, pattern)
      pattern = pattern.to_s
      raise NotImplementedError, "yum_versionlock: the name #{pattern} holds a [set] pattern, which is not converted" if pattern.include?('[')

      m = VERSIONLOCK_YUM.match(entry) || VERSIONLOCK_DNF.match(entry)
      return false unless m

      ::File.fnmatch?(pattern, m[:name], ::File::FNM_DOTMATCH | ::File::FNM_NOESCAPE)
    end

    # The names the module passes to `yum versionlock add` (state present: no entry matches them)
    # or `delete` (absent: an entry matches them); [] when it changes nothing.
    def versionlock_pending(names, state, list: method(:versionlock_list))
      raise ArgumentError, "value of state must be one of: absent, present, got: #{state}" unless %w(present absent).include?(state.to_s)

      entries = list.call.split
      module_str_list(names, 'name').select do |name|
        locked = entries.any? { |e| versionlock_match?(e, name) }
        state.to_s == 'present' ? !locked : locked
      end
    end

    # A list argument with str elements as AnsibleModule converts it (check_type_list, then each
    # element with check_type_str): a string is split at commas, a number is a one-item list.
    def module_str_list(value, arg)
      items = case value
              when Array then value
              when String then value.empty? ? [''] : value.split(',', -1)
              when Integer, Float then [value]
              else raise TypeError, "ansible2chef: argument '#{arg}' is of type <class '#{A2C::Tasks.py_type(value)}'> and we were unable to convert to list"
              end
      items.map { |v| v.is_a?(String) ? v : A2C::Jinja.str(v) }
    end

    # `yum versionlock list`, failing as the module fails without the plugin.
    def versionlock_list
      require 'mixlib/shellout'
      so = Mixlib::ShellOut.new('yum', 'versionlock', 'list').run_command
      return so.stdout if so.exitstatus.zero?
      raise "Error: Please install rpm package yum-plugin-versionlock : #{so.stderr}#{so.stdout}" if so.exitstatus == 1 && so.stderr.include?('o such command:')

      raise "Error: #{so.stderr}#{so.stdout}"
    end

    def versionlock_apply(names, state)
      pending = versionlock_pending(names, state)
      return if pending.empty?

      require 'mixlib/shellout'
      so = Mixlib::ShellOut.new('yum', '-q', 'versionlock', state.to_s == 'present' ? 'add' : 'delete', *pending).run_command
      raise "Error: #{so.stderr}#{so.stdout}" unless so.exitstatus.zero?
    end
  end
end
