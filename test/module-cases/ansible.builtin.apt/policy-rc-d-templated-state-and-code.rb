# policy-rc-d-templated-state-and-code
# diagnostics: none

# tasks/main.yml:1 Install galera packages
a2c_apt_package A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'galera_packages')) do
  policy_rc_d A2C::Tasks.omit(A2C::Tasks.to_int(A2C::Jinja.convert_data(A2C::Jinja.out(node.exist?('ansible', 'galera_policy') ? node['ansible']['galera_policy'] : A2C::Jinja::OMIT)), 'policy_rc_d'))
  action A2C::Tasks.action(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'galera_package_state')), { 'present' => 'install', 'installed' => 'install', 'latest' => 'upgrade', 'absent' => 'remove', 'removed' => 'remove', 'purged' => 'purge' })
end
