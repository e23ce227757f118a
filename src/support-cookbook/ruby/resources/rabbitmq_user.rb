# frozen_string_literal: true
#
# a2c_rabbitmq_user: community.rabbitmq.rabbitmq_user, through rabbitmqctl (libraries/a2c_rabbitmq.rb).
# The module reads the user, its tags and permissions and changes what differs; so does this. Without
# `permissions`, only the one vhost's permissions are compared and set (the module's default).
unified_mode true
provides :a2c_rabbitmq_user
use '_rabbitmqctl'

description 'Manages a RabbitMQ user, its tags and its vhost permissions, as rabbitmq_user does.'

property :username, String, name_property: true, description: 'The user (Ansible user/name).'
property :password, String, sensitive: true
property :tags, String, description: 'Comma-separated user tags.'
property :permissions, Array, default: [], description: 'Hashes of vhost, configure_priv, write_priv, read_priv.'
property :vhost, String, default: '/'
property :configure_priv, String, default: '^$'
property :write_priv, String, default: '^$'
property :read_priv, String, default: '^$'
property :force, [true, false], default: false
property :update_password, String, equal_to: %w(on_create always), default: 'on_create'
property :state, String, equal_to: %w(present absent), default: 'present'
property :rabbitmq_node, String, default: 'rabbit', description: 'The broker node rabbitmqctl talks to (-n; Ansible node: Chef reserves the name node).'

action :manage do
  description 'Add, delete or update the user as rabbitmq_user would.'

  r = new_resource
  args = { user: r.username, password: r.password, tags: r.tags, permissions: r.permissions, vhost: r.vhost,
           configure_priv: r.configure_priv, write_priv: r.write_priv, read_priv: r.read_priv,
           force: r.force, state: r.state, update_password: r.update_password }
  rabbitmq_converge("#{r.state} RabbitMQ user #{r.username}", node: r.rabbitmq_node) { |ctl| A2C::RabbitMQ.user(ctl, **args) }
end
