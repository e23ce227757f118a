# frozen_string_literal: true
#
# a2c_openstack_domain: openstack.cloud.identity_domain, through the openstack client (libraries/a2c_openstack.rb).
# The domain is listed by name; its description (when given) and enabled flag are set when they differ.
# Deleting disables the domain first, as openstacksdk does.
unified_mode true
provides :a2c_openstack_domain

description 'Creates, updates or deletes a Keystone domain, as identity_domain does.'

property :domain_name, String, name_property: true, description: 'The domain (Ansible name).'
property :description, String
property :enabled, [true, false], default: true
property :state, String, equal_to: %w(present absent), default: 'present'
property :cloud, String, description: 'The clouds.yaml entry (OS_CLOUD).'
property :auth, Hash, sensitive: true, description: 'keystoneauth arguments, passed as OS_<KEY> variables.'
property :auth_type, String
property :region_name, String
property :interface, String, equal_to: %w(admin internal public), default: 'public'
property :validate_certs, [true, false], description: 'false: --insecure.'
property :ca_cert, String
property :client_cert, String
property :client_key, String

action :manage do
  description 'Create, update or delete the domain as identity_domain would.'

  # The module's reads run first with its writes only counted; any write means a change.
  r = new_resource
  args = { name: r.domain_name, description: r.description, enabled: r.enabled, state: r.state }
  conn = { cloud: r.cloud, auth: r.auth, auth_type: r.auth_type, region_name: r.region_name, interface: r.interface,
           validate_certs: r.validate_certs, ca_cert: r.ca_cert, client_cert: r.client_cert, client_key: r.client_key }
  preview = A2C::OpenStack::Cli.new(**conn, dry_run: true)
  A2C::OpenStack.domain(preview, **args)
  if preview.writes.positive?
    converge_by("#{r.state} OpenStack domain #{r.domain_name}") { A2C::OpenStack.domain(A2C::OpenStack::Cli.new(**conn), **args) }
  end
end
