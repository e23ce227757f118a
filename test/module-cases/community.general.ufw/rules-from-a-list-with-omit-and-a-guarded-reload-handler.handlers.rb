# rules-from-a-list-with-omit-and-a-guarded-reload-handler: the handlers recipe

# handlers/main.yml:1 reload firewall
a2c_ufw 'reload firewall' do
  state 'reloaded'
  action :nothing
  only_if { node['demo']['fw_state'] == 'enabled' }
end
