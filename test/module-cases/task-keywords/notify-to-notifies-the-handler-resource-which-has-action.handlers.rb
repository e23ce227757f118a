# notify -> notifies the handler resource, which has action :nothing: the handlers recipe
# A handler that only restarts a service is the service resource itself (service-handlers.ts).

# handlers/main.yml:1 restart nginx
service 'nginx' do
  action :nothing
end
