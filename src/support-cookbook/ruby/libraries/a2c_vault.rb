# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_vault
#
# Values that were `!vault`-encrypted in Ansible are never written in plain text by ansible2chef:
# the converted attribute reads them from a chef-vault item (one item per vaulted value, the secret
# under the key 'value'; a group's or a host's value is `<variable>--group-<group>` or
# `<variable>--host-<host>`, read only on that group's or host's nodes). CONVERSION.md lists every
# item and its source. Store each once with:
#   knife vault create ansible2chef_vault <item> '{"value": "..."}' -S 'policy_name:*'

module A2C
  module Vault
    module_function

    def value(bag, item)
      require 'chef-vault'
      ChefVault::Item.load(bag, item)['value']
    rescue LoadError
      # Without the chef-vault gem, fall back to an encrypted data bag with the same layout.
      Chef::EncryptedDataBagItem.load(bag, item)['value']
    end
  end
end
