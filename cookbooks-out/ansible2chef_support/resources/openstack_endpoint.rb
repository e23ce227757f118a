# frozen_string_literal: true
#
# a2c_openstack_endpoint: openstack.cloud.endpoint, through the openstack client
# (libraries/a2c_openstack_catalog.rb). The service is resolved to its ID; the endpoint is the one of
# that service and interface (and region, when given); url and enabled are set when either differs.
unified_mode true
provides :a2c_openstack_endpoint
use '_openstack'

description 'Creates, updates or deletes a Keystone endpoint, as endpoint does.'

property :service, String, name_property: true, description: 'Service ID or name.'
property :endpoint_interface, String, equal_to: %w(admin public internal), required: true
property :url, String, required: true
property :region, String, description: 'The endpoint\'s region (region_name is the one the client authenticates in).'
property :enabled, [true, false], default: true
property :state, String, equal_to: %w(present absent), default: 'present'

action :manage do
  description 'Create, update or delete the endpoint as endpoint would.'

  r = new_resource
  args = { service: r.service, interface: r.endpoint_interface, url: r.url, region: r.region, enabled: r.enabled, state: r.state }
  openstack_converge("#{r.state} OpenStack #{r.endpoint_interface} endpoint of #{r.service}") { |cli| A2C::OpenStack.endpoint(cli, **args) }
end
