# frozen_string_literal: true
#
# a2c_openstack_role_assignment: openstack.cloud.role_assignment, through the openstack client (libraries/a2c_openstack.rb).
# The role, user or group, project and domain are resolved to IDs (each must exist); the assignment
# is listed by role, user or group and project, and added or removed when that differs from state.
unified_mode true
provides :a2c_openstack_role_assignment
use '_openstack'

description 'Grants or revokes a Keystone role, as role_assignment does.'

property :role, String, name_property: true, description: 'Role ID or name.'
property :user, String
property :group, String
property :project, String
property :domain, String
property :state, String, equal_to: %w(present absent), default: 'present'

action :manage do
  description 'Grant or revoke the role as role_assignment would.'

  r = new_resource
  args = { role: r.role, user: r.user, group: r.group, project: r.project, domain: r.domain, state: r.state }
  openstack_converge("#{r.state} OpenStack role #{r.role} assignment") { |cli| A2C::OpenStack.role_assignment(cli, **args) }
end
