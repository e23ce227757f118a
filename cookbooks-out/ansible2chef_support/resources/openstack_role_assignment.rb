# frozen_string_literal: true
#
# a2c_openstack_role_assignment: openstack.cloud.role_assignment, through the openstack client (libraries/a2c_openstack.rb).
# The role, user or group, project and domain are resolved to IDs (each must exist); the assignment
# is listed by role, user or group and project, and added or removed when that differs from state.
unified_mode true
provides :a2c_openstack_role_assignment

description 'Grants or revokes a Keystone role, as role_assignment does.'

property :role, String, name_property: true, description: 'Role ID or name.'
property :user, String
property :group, String
property :project, String
property :domain, String
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
  description 'Grant or revoke the role as role_assignment would.'

  # The module's reads run first with its writes only counted; any write means a change.
  r = new_resource
  args = { role: r.role, user: r.user, group: r.group, project: r.project, domain: r.domain, state: r.state }
  conn = { cloud: r.cloud, auth: r.auth, auth_type: r.auth_type, region_name: r.region_name, interface: r.interface,
           validate_certs: r.validate_certs, ca_cert: r.ca_cert, client_cert: r.client_cert, client_key: r.client_key }
  preview = A2C::OpenStack::Cli.new(**conn, dry_run: true)
  A2C::OpenStack.role_assignment(preview, **args)
  if preview.writes.positive?
    converge_by("#{r.state} OpenStack role #{r.role} assignment") { A2C::OpenStack.role_assignment(A2C::OpenStack::Cli.new(**conn), **args) }
  end
end
