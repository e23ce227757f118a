# frozen_string_literal: true
#
# a2c_ufw: community.general.ufw, through the ufw command line (libraries/a2c_ufw.rb). The module
# decides "changed" after running its commands, from `ufw status verbose` and the rule tuples before
# and after; the resource does the same, so its commands run before converge_by, which only records
# the change. Why-run runs nothing that writes (A2C::Ufw's dry run).
unified_mode true
provides :a2c_ufw

description 'Sets the ufw state, default policy, a rule or logging, as community.general.ufw does.'

property :state, String, equal_to: %w(enabled disabled reloaded reset)
property :policy, String, equal_to: %w(allow deny reject), description: 'The default policy (Ansible default/policy).'
property :logging, String, equal_to: %w(full high low medium off on)
property :direction, String, equal_to: %w(in incoming out outgoing routed)
property :delete_rule, [true, false], default: false, description: 'Ansible delete.'
property :route, [true, false], default: false
property :insert, Integer
property :insert_relative_to, String, equal_to: %w(zero first-ipv4 last-ipv4 first-ipv6 last-ipv6), default: 'zero'
property :rule, String, equal_to: %w(allow deny limit reject)
property :interface, String
property :interface_in, String
property :interface_out, String
property :log_rule, [true, false], default: false, description: 'Ansible log.'
property :from_ip, String, default: 'any'
property :from_port, String
property :to_ip, String, default: 'any'
property :to_port, String
property :proto, String, equal_to: %w(ah any esp ipv6 tcp udp gre igmp)
property :app, String, description: 'An application profile (Ansible name/app).'
property :comment, String

action :manage do
  description 'Run the module\'s ufw commands and report a change where the firewall\'s status or rules differ.'

  r = new_resource
  params = {
    state: r.state, default: r.policy, logging: r.logging, direction: r.direction, delete: r.delete_rule, route: r.route,
    insert: r.insert, insert_relative_to: r.insert_relative_to, rule: r.rule, interface: r.interface,
    interface_in: r.interface_in, interface_out: r.interface_out, log: r.log_rule, from_ip: r.from_ip, from_port: r.from_port,
    to_ip: r.to_ip, to_port: r.to_port, proto: r.proto, name: r.app, comment: r.comment
  }
  if Chef::Config[:why_run]
    preview = A2C::Ufw.manage(params, dry_run: true)
    converge_by("run #{preview['commands'].join('; ')}") {} if preview['changed']
  else
    result = A2C::Ufw.manage(params)
    converge_by("ran #{result['commands'].join('; ')}") {} if result['changed']
  end
end
