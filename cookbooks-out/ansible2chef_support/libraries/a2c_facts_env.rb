# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_env
#
# ansible_env: Ansible's setup module reports os.environ of its own process on the node. The
# converted run's process is chef-client, so its ENV is the same environment for the same
# invocation. A missing key stays undefined for Jinja's default (A2C::Jinja.item raises).

module A2C
  module Facts
    def self.env(_node)
      ENV.to_h
    end
  end
end
