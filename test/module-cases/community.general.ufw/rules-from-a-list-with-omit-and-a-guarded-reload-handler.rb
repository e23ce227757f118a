# rules-from-a-list-with-omit-and-a-guarded-reload-handler
# a2c_ufw has no name property, so the handler's name is a label: it keeps its guard and is notified
# with the resource's default action, :manage
# diagnostics: none

node['demo']['fw_rules'].each do |item|
  # tasks/main.yml:1 Open the service ports
  a2c_ufw 'Open the service ports' do
    rule A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(item, 'rule') }, 'allow'))), 'rule')
    to_port A2C::Tasks.to_str(item['port'].to_s, 'port')
    proto A2C::Tasks.omit(A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(item, 'proto') }, A2C::Jinja::OMIT))), 'proto'))
    delete_rule A2C::Tasks.omit(A2C::Tasks.to_bool(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(item, 'delete') }, A2C::Jinja::OMIT))), 'delete'))
    insert A2C::Tasks.omit(A2C::Tasks.to_int(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(item, 'insert') }, A2C::Jinja::OMIT))), 'insert'))
    notifies :manage, 'a2c_ufw[reload firewall]', :delayed
  end
end
