# frozen_string_literal: true
#
# a2c_rabbitmq_plugin: community.rabbitmq.rabbitmq_plugin, through rabbitmq-plugins
# (libraries/a2c_rabbitmq.rb). As the module does, state enabled without new_only also disables every
# other explicitly enabled plugin.
unified_mode true
provides :a2c_rabbitmq_plugin
use '_rabbitmqctl'

description 'Enables or disables RabbitMQ plugins, as rabbitmq_plugin does.'

property :plugins, String, name_property: true, description: 'Comma-separated plugin names (Ansible names/name).'
property :state, String, equal_to: %w(enabled disabled), default: 'enabled'
property :new_only, [true, false], default: false
property :broker_state, String, equal_to: %w(online offline), default: 'online'
property :prefix, String, description: 'Installation prefix holding bin/ or sbin/rabbitmq-plugins.'

action :manage do
  description 'Enable or disable the plugins that differ.'

  r = new_resource
  args = { names: r.plugins, state: r.state, new_only: r.new_only, broker_state: r.broker_state, prefix: r.prefix }
  rabbitmq_converge("#{r.state == 'enabled' ? 'enable' : 'disable'} RabbitMQ plugins #{r.plugins}") { |ctl| A2C::RabbitMQ.plugin(ctl, **args) }
end
