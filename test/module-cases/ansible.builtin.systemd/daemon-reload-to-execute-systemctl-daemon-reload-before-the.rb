# daemon_reload -> execute systemctl daemon-reload before the service
# diagnostics: none

# tasks/main.yml:1 Restart keystone
execute 'systemctl daemon-reload'

# tasks/main.yml:1 Restart keystone
# daemon_reload: becomes an execute 'systemctl daemon-reload' before the service
service 'keystone' do
  action :restart
end
