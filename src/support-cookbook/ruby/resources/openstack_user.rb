# frozen_string_literal: true
#
# a2c_openstack_user: openstack.cloud.identity_user, through the openstack client (libraries/a2c_openstack.rb).
# The user is looked up by ID or name (in the domain, when given); email, description, default
# project (when given) and enabled are set when they differ. With update_password always, the password
# is set on every run, as the module sets it (Keystone never shows it). The password reaches the
# openstack client on its command line (the client has no other way but a prompt).
unified_mode true
provides :a2c_openstack_user
use '_openstack'

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

action :manage do
  description 'Create, update or delete the user as identity_user would.'

  r = new_resource
  args = { name: r.user_name, password: r.password, update_password: r.update_password, email: r.email,
           default_project: r.default_project, description: r.description, domain: r.domain, enabled: r.enabled, state: r.state }
  openstack_converge("#{r.state} OpenStack user #{r.user_name}") { |cli| A2C::OpenStack.user(cli, **args) }
end
