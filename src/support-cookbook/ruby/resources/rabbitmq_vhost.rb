# frozen_string_literal: true
#
# a2c_rabbitmq_vhost: community.rabbitmq.rabbitmq_vhost, through rabbitmqctl (libraries/a2c_rabbitmq.rb).
unified_mode true
provides :a2c_rabbitmq_vhost
use '_rabbitmqctl'

description 'Adds or deletes a RabbitMQ virtual host and sets its tracing, as rabbitmq_vhost does.'

property :vhost, String, name_property: true, description: 'The virtual host (Ansible name/vhost).'
property :tracing, [true, false], default: false
property :state, String, equal_to: %w(present absent), default: 'present'
property :rabbitmq_node, String, default: 'rabbit', description: 'The broker node rabbitmqctl talks to (-n; Ansible node: Chef reserves the name node).'

action :manage do
  description 'Add, delete or retrace the virtual host when it differs.'

  r = new_resource
  args = { name: r.vhost, state: r.state, tracing: r.tracing }
  rabbitmq_converge("#{r.state} RabbitMQ vhost #{r.vhost}", node: r.rabbitmq_node) { |ctl| A2C::RabbitMQ.vhost(ctl, **args) }
end
