# frozen_string_literal: true
#
# a2c_openstack_group: openstack.cloud.identity_group, through the openstack client (libraries/a2c_openstack.rb).
# The group is looked up by ID or name (in the domain, when given); only its description is updated.
unified_mode true
provides :a2c_openstack_group
use '_openstack'

description 'Creates, updates or deletes a Keystone group, as identity_group does.'

property :group_name, String, name_property: true, description: 'The group (Ansible name).'
property :description, String
property :domain_id, String
property :state, String, equal_to: %w(present absent), default: 'present'

action :manage do
  description 'Create, update or delete the group as identity_group would.'

  r = new_resource
  args = { name: r.group_name, description: r.description, domain_id: r.domain_id, state: r.state }
  openstack_converge("#{r.state} OpenStack group #{r.group_name}") { |cli| A2C::OpenStack.group(cli, **args) }
end
