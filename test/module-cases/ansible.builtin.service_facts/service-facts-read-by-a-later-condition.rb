# service-facts-read-by-a-later-condition
# diagnostics: none

# tasks/main.yml:1 Populate service facts
# sets the fact 'services' for later tasks, as service_facts does (node.run_state)
ruby_block 'Populate service facts' do
  block do
    A2C::Facts.register_services(node.run_state, 'services')
  end
end

# tasks/main.yml:3 Stop timesyncd where it exists
service 'systemd-timesyncd.service' do
  action :stop
  only_if { A2C::Jinja.contains(A2C::Tasks.registered(node.run_state, 'services'), 'systemd-timesyncd.service') }
end
