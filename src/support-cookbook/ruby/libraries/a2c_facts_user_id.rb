# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_user_id
#
# ansible_user_id is Python's getpass.getuser() in the process that gathered facts (ansible-core
# 2.14's user collector): the first non-empty of LOGNAME, USER, LNAME, USERNAME in its environment,
# else the password entry of its real uid. Ohai's current_user (the Passwd plugin) is optional and
# not collected by default, so the same rules run here, in chef-client's process.
# test/jinja-to-ruby/facts-user-id.test.ts compares them with Python's getuser in the same environments.

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
  end
end
