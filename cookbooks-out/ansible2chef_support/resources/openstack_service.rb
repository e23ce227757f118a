# frozen_string_literal: true
#
# a2c_openstack_service: openstack.cloud.catalog_service, through the openstack client
# (libraries/a2c_openstack_catalog.rb). The service is looked up by name (or ID) and type; enabled and
# the description are compared as the module compares them, and what differs is set.
unified_mode true
provides :a2c_openstack_service
use '_openstack'

description 'Creates, updates or deletes a Keystone catalog service, as catalog_service does.'

property :service_name, String, name_property: true, description: 'The service (Ansible name).'
property :service_type, String, required: true, description: 'The service type (Ansible type/service_type).'
property :description, String
property :enabled, [true, false], default: true
property :state, String, equal_to: %w(present absent), default: 'present'

action :manage do
  description 'Create, update or delete the service as catalog_service would.'

  r = new_resource
  args = { name: r.service_name, type: r.service_type, description: r.description, enabled: r.enabled, state: r.state }
  openstack_converge("#{r.state} OpenStack service #{r.service_name} (#{r.service_type})") { |cli| A2C::OpenStack.service(cli, **args) }
end
