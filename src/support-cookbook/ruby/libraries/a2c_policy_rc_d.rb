# frozen_string_literal: true

# ansible.builtin.apt's policy_rc_d (ansible-core 2.14): while the packages are installed or
# removed, /usr/sbin/policy-rc.d is a shell script exiting with the given code, so dpkg's
# invoke-rc.d starts or stops no service (101: action forbidden). A policy-rc.d already there is
# moved aside and put back afterwards; one that was not there is removed. Both happen even when
# the package step fails, as the module's context manager does.
require 'fileutils'
require 'tmpdir'

module A2C
  module PolicyRcD
    PATH = '/usr/sbin/policy-rc.d'

    module_function

    # Runs the block with policy-rc.d exiting with code; code nil leaves the file alone.
    def around(code, path: PATH)
      return yield if code.nil?
      raise TypeError, "policy_rc_d must be an integer, not #{code.class}" unless code.is_a?(Integer)

      backup_dir = ::File.exist?(path) ? Dir.mktmpdir('ansible') : nil
      begin
        FileUtils.mv(path, backup_dir) if backup_dir
        ::File.write(path, "#!/bin/sh\nexit #{code}\n")
        ::File.chmod(0o755, path)
        yield
      ensure
        restore(path, backup_dir)
      end
    end

    def restore(path, backup_dir)
      if backup_dir
        FileUtils.mv(::File.join(backup_dir, ::File.basename(path)), path)
        Dir.rmdir(backup_dir)
      else
        ::File.delete(path)
      end
    end
  end
end
