# scope-system-is-the-service-resource
# diagnostics: none

# tasks/main.yml:1 Restart the system unit
service 'nginx' do
  action :restart
end
