# frozen_string_literal: true
#
# a2c_openstack_project: openstack.cloud.project, through the openstack client (libraries/a2c_openstack.rb).
# The project is looked up by ID or name (in the domain, when given); description (when given) and
# enabled are set when they differ.
unified_mode true
provides :a2c_openstack_project
use '_openstack'

description 'Creates, updates or deletes a Keystone project, as project does.'

property :project_name, String, name_property: true, description: 'The project (Ansible name).'
property :description, String
property :domain, String, description: 'Domain ID or name (Ansible domain_id/domain).'
property :enabled, [true, false], default: true
property :state, String, equal_to: %w(present absent), default: 'present'

action :manage do
  description 'Create, update or delete the project as project would.'

  r = new_resource
  args = { name: r.project_name, description: r.description, domain: r.domain, enabled: r.enabled, state: r.state }
  openstack_converge("#{r.state} OpenStack project #{r.project_name}") { |cli| A2C::OpenStack.project(cli, **args) }
end
