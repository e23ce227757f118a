# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_modules
#
# What converted modules read from the node at converge time to act as the Ansible module does
# where the Chef resource alone would not: local modifications of a git checkout, the state of an
# alternatives group, dpkg diversions.

module A2C
  module Modules
    module_function

    # The git module (update: yes, force: no) fails when an existing checkout has local modifications;
    # files git does not track do not count. Chef's git :sync would discard them.
    def git_unmodified!(dest)
      return unless ::File.exist?(::File.join(dest, '.git', 'config'))

      require 'mixlib/shellout'
      so = Mixlib::ShellOut.new('git', 'status', '--porcelain', cwd: dest)
      so.run_command
      # The module reads only the output: a status that fails lists no modification.
      changed = so.stdout.lines.reject { |l| l.start_with?('??') }
      raise "Local modifications exist in the destination: #{dest} (force=no)." unless changed.empty?
    end

    # `update-alternatives --display` as the alternatives module reads it (empty for an unknown group).
    def alternatives_display(name)
      require 'mixlib/shellout'
      so = Mixlib::ShellOut.new('update-alternatives', '--display', name, environment: { 'LC_ALL' => 'C' })
      so.run_command
      so.exitstatus.zero? ? so.stdout : ''
    end

    # Is path registered in the group (the module's alternative lines: `<path> - priority <n>`)?
    def alternative?(name, path)
      alternatives_display(name).each_line.any? { |l| l.match?(/\A#{Regexp.escape(path)}\s-\s(?:family\s\S+\s)?priority\s\d+/) }
    end

    # The group's link, which the module installs with when no link is given; it fails without one.
    def alternatives_link(name)
      alternatives_display(name)[/^\s*link \w+ is (.*)$/, 1] or
        raise "Needed to install the alternative #{name}, but unable to do so as we are missing the link"
    end

    # The module returns a group to auto mode only from manual mode.
    def alternatives_manual?(name)
      alternatives_display(name)[/\s-\s(?:status\sis\s)?(\w*)(?:\smode|.)$/, 1] == 'manual'
    end

    # A diversion as the dpkg_divert module reads it: { 'holder' => package or LOCAL, 'divert' => target }, nil without one.
    def diversion(path)
      require 'mixlib/shellout'
      holder = Mixlib::ShellOut.new('dpkg-divert', '--listpackage', path).run_command.tap(&:error!).stdout.chomp
      return if holder.empty?

      { 'holder' => holder, 'divert' => Mixlib::ShellOut.new('dpkg-divert', '--truename', path).run_command.tap(&:error!).stdout.chomp }
    end

    # The module's holder argument: LOCAL is a local diversion, anything else a package.
    def divert_holder_args(holder)
      holder.to_s == 'LOCAL' ? ['--local'] : ['--package', holder.to_s]
    end
  end
end
