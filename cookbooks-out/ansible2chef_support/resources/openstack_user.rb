# frozen_string_literal: true
#
# a2c_openstack_user: openstack.cloud.identity_user, through the openstack client (libraries/a2c_openstack.rb).
# The user is looked up by ID or name (in the domain, when given); email, description, default
# project (when given) and enabled are set when they differ. With update_password always, the password
# is set on every run, as the module sets it (Keystone never shows it). The password reaches the
# openstack client on its command line (the client has no other way but a prompt).
unified_mode true
provides :a2c_openstack_user

description 'Creates, updates or deletes a Keystone user, as identity_user does.'

property :user_name, String, name_property: true, description: 'The user (Ansible name).'
property :password, String, sensitive: true
property :update_password, String, equal_to: %w(always on_create), default: 'on_create'
property :email, String
property :default_project, String, description: 'Project ID or name.'
property :description, String
property :domain, String, description: 'Domain ID or name.'
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
  description 'Create, update or delete the user as identity_user would.'

  # The module's reads run first with its writes only counted; any write means a change.
  r = new_resource
  args = { name: r.user_name, password: r.password, update_password: r.update_password, email: r.email,
           default_project: r.default_project, description: r.description, domain: r.domain, enabled: r.enabled, state: r.state }
  conn = { cloud: r.cloud, auth: r.auth, auth_type: r.auth_type, region_name: r.region_name, interface: r.interface,
           validate_certs: r.validate_certs, ca_cert: r.ca_cert, client_cert: r.client_cert, client_key: r.client_key }
  preview = A2C::OpenStack::Cli.new(**conn, dry_run: true)
  A2C::OpenStack.user(preview, **args)
  if preview.writes.positive?
    converge_by("#{r.state} OpenStack user #{r.user_name}") { A2C::OpenStack.user(A2C::OpenStack::Cli.new(**conn), **args) }
  end
end
