# frozen_string_literal: true
#
# a2c_openstack_role: openstack.cloud.identity_role, through the openstack client (libraries/a2c_openstack.rb).
# The role is looked up by ID or name.
unified_mode true
provides :a2c_openstack_role
use '_openstack'

description 'Creates or deletes a Keystone role, as identity_role does.'

property :role_name, String, name_property: true, description: 'The role (Ansible name).'
property :state, String, equal_to: %w(present absent), default: 'present'

action :manage do
  description 'Create or delete the role as identity_role would.'

  r = new_resource
  args = { name: r.role_name, state: r.state }
  openstack_converge("#{r.state} OpenStack role #{r.role_name}") { |cli| A2C::OpenStack.role(cli, **args) }
end
