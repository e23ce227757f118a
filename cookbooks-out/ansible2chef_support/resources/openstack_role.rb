# frozen_string_literal: true
#
# a2c_openstack_role: openstack.cloud.identity_role, through the openstack client (libraries/a2c_openstack.rb).
# The role is looked up by ID or name.
unified_mode true
provides :a2c_openstack_role

description 'Creates or deletes a Keystone role, as identity_role does.'

property :role_name, String, name_property: true, description: 'The role (Ansible name).'
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
  description 'Create or delete the role as identity_role would.'

  # The module's reads run first with its writes only counted; any write means a change.
  r = new_resource
  args = { name: r.role_name, state: r.state }
  conn = { cloud: r.cloud, auth: r.auth, auth_type: r.auth_type, region_name: r.region_name, interface: r.interface,
           validate_certs: r.validate_certs, ca_cert: r.ca_cert, client_cert: r.client_cert, client_key: r.client_key }
  preview = A2C::OpenStack::Cli.new(**conn, dry_run: true)
  A2C::OpenStack.role(preview, **args)
  if preview.writes.positive?
    converge_by("#{r.state} OpenStack role #{r.role_name}") { A2C::OpenStack.role(A2C::OpenStack::Cli.new(**conn), **args) }
  end
end
