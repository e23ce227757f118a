# package-facts-handler-gathers-before-a-guarded-restart: the handlers recipe

# handlers/main.yml:1 Get package facts
# sets the fact 'packages' for later tasks, as package_facts does (node.run_state)
ruby_block 'Get package facts' do
  block do
    A2C::Facts.register_packages(node.run_state, 'packages', true)
  end
  action :nothing
end

# handlers/main.yml:5 Restart rsyslog
service 'Restart rsyslog' do
  service_name 'rsyslog'
  action :nothing
  only_if { A2C::Facts.packages(node).key?('rsyslog') }
end
