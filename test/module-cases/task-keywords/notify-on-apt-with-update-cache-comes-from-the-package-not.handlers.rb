# notify on apt with update_cache comes from the package, not the apt_update: the handlers recipe
# A handler that only restarts a service is the service resource itself (service-handlers.ts).

# handlers/main.yml:1 restart nginx
service 'nginx' do
  action :nothing
end
