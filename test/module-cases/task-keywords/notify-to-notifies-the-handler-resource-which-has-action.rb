# notify -> notifies the handler resource, which has action :nothing
# diagnostics: none

# tasks/main.yml:1 Write nginx.conf
file '/etc/nginx/nginx.conf' do
  content "events {}\n"
  notifies :restart, 'service[nginx]', :delayed
end
