# frozen_string_literal: true
#
# a2c_openstack_project: openstack.cloud.project, through the openstack client (libraries/a2c_openstack.rb).
# The project is looked up by ID or name (in the domain, when given); description (when given) and
# enabled are set when they differ.
unified_mode true
provides :a2c_openstack_project

description 'Creates, updates or deletes a Keystone project, as project does.'

property :project_name, String, name_property: true, description: 'The project (Ansible name).'
property :description, String
property :domain, String, description: 'Domain ID or name (Ansible domain_id/domain).'
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
  description 'Create, update or delete the project as project would.'

  # The module's reads run first with its writes only counted; any write means a change.
  r = new_resource
  args = { name: r.project_name, description: r.description, domain: r.domain, enabled: r.enabled, state: r.state }
  conn = { cloud: r.cloud, auth: r.auth, auth_type: r.auth_type, region_name: r.region_name, interface: r.interface,
           validate_certs: r.validate_certs, ca_cert: r.ca_cert, client_cert: r.client_cert, client_key: r.client_key }
  preview = A2C::OpenStack::Cli.new(**conn, dry_run: true)
  A2C::OpenStack.project(preview, **args)
  if preview.writes.positive?
    converge_by("#{r.state} OpenStack project #{r.project_name}") { A2C::OpenStack.project(A2C::OpenStack::Cli.new(**conn), **args) }
  end
end
