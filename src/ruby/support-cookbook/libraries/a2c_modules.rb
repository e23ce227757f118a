# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_modules
#
# What converted modules read from the node at converge time to act as the Ansible module does
# where the Chef resource alone would not: local modifications of a git checkout.

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
  end
end
