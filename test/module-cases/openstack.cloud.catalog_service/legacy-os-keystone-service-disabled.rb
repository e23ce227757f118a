# the legacy os_keystone_service name; is_enabled (the alias of enabled) false
# diagnostics: none

# tasks/main.yml:1 Keep the old volume service registered, disabled
a2c_openstack_service 'cinder' do
  cloud 'default'
  service_type 'volume'
  enabled false
end
