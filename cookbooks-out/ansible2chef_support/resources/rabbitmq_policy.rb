# frozen_string_literal: true
#
# a2c_rabbitmq_policy: community.rabbitmq.rabbitmq_policy, through rabbitmqctl (libraries/a2c_rabbitmq.rb).
unified_mode true
provides :a2c_rabbitmq_policy
use '_rabbitmqctl'

description 'Sets or clears a RabbitMQ policy, as rabbitmq_policy does.'

property :policy_name, String, name_property: true, description: 'The policy (Ansible name).'
property :vhost, String, default: '/'
property :pattern, String
property :apply_to, String, equal_to: %w(all exchanges queues), default: 'all'
property :definition, Hash, description: 'The policy definition (Ansible tags).'
property :priority, String, default: '0'
property :state, String, equal_to: %w(present absent), default: 'present'
property :rabbitmq_node, String, default: 'rabbit', description: 'The broker node rabbitmqctl talks to (-n; Ansible node: Chef reserves the name node).'

action :manage do
  description 'Set the policy when it differs (state present) or clear it (state absent).'

  r = new_resource
  args = { name: r.policy_name, vhost: r.vhost, pattern: r.pattern, apply_to: r.apply_to, tags: r.definition,
           priority: r.priority, state: r.state }
  rabbitmq_converge("#{r.state} RabbitMQ policy #{r.policy_name}", node: r.rabbitmq_node) { |ctl| A2C::RabbitMQ.policy(ctl, **args) }
end
