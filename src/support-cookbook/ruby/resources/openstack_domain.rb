# frozen_string_literal: true
#
# a2c_openstack_domain: openstack.cloud.identity_domain, through the openstack client (libraries/a2c_openstack.rb).
# The domain is listed by name; its description (when given) and enabled flag are set when they differ.
# Deleting disables the domain first, as openstacksdk does.
unified_mode true
provides :a2c_openstack_domain
use '_openstack'

description 'Creates, updates or deletes a Keystone domain, as identity_domain does.'

property :domain_name, String, name_property: true, description: 'The domain (Ansible name).'
property :description, String
property :enabled, [true, false], default: true
property :state, String, equal_to: %w(present absent), default: 'present'

action :manage do
  description 'Create, update or delete the domain as identity_domain would.'

  r = new_resource
  args = { name: r.domain_name, description: r.description, enabled: r.enabled, state: r.state }
  openstack_converge("#{r.state} OpenStack domain #{r.domain_name}") { |cli| A2C::OpenStack.domain(cli, **args) }
end
