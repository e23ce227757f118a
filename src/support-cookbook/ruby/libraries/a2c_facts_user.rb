# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_user
#
# The user facts of ansible-core 2.14's user collector, in chef-client's process. ansible_user_id is
# Python's getpass.getuser(): the first non-empty of LOGNAME, USER, LNAME, USERNAME in the
# environment, else the password entry of the real uid. ansible_user_uid, _gid, _gecos, _dir and
# _shell come from the password entry of that name, or of the real uid where no entry has that name
# (as the collector's KeyError fallback does). The real/effective ids are the process's, and
# ansible_effective_group_id is the real gid, as the collector gathers it (os.getgid twice).
# Ohai's current_user (the Passwd plugin) is optional and not collected by default.
# test/jinja-to-ruby/facts-user.test.ts compares them with the collector in the same environments.

require 'etc'

module A2C
  module Facts
    def self.user_id(_node)
      %w(LOGNAME USER LNAME USERNAME).each do |name|
        user = ENV[name]
        return user unless user.nil? || user.empty?
      end
      Etc.getpwuid(Process.uid).name
    end

    def self.user_entry(node)
      Etc.getpwnam(user_id(node))
    rescue ArgumentError
      Etc.getpwuid(Process.uid)
    end

    def self.user_uid(node)
      user_entry(node).uid
    end

    def self.user_gid(node)
      user_entry(node).gid
    end

    def self.user_gecos(node)
      user_entry(node).gecos
    end

    def self.user_dir(node)
      user_entry(node).dir
    end

    def self.user_shell(node)
      user_entry(node).shell
    end

    def self.real_user_id(_node)
      Process.uid
    end

    def self.effective_user_id(_node)
      Process.euid
    end

    def self.real_group_id(_node)
      Process.gid
    end

    def self.effective_group_id(_node)
      Process.gid
    end
  end
end
