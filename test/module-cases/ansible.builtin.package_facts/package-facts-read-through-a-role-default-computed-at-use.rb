# package-facts-read-through-a-role-default-computed-at-use
# diagnostics: none

# tasks/main.yml:1 Get package facts
# sets the fact 'packages' for later tasks, as package_facts does (node.run_state)
ruby_block 'Get package facts' do
  block do
    A2C::Facts.register_packages(node.run_state, 'packages', true)
  end
end

# tasks/main.yml:3 Restart rsyslog where it is installed
service 'rsyslog' do
  action :restart
  only_if { A2C::Facts.packages(node).key?('rsyslog') }
end

# tasks/main.yml:8 Gather local facts again
ruby_block 'Gather local facts again' do
  block do
    A2C::Facts.refresh_local(node)
  end
end

# tasks/main.yml:11 Migrate once
execute 'Migrate once' do
  command ['/usr/local/bin/migrate']
  not_if { A2C::Jinja.bool(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.item(A2C::Jinja.item(A2C::Facts.local(node), 'app'), 'migrated') }, false)))) }
end
