# catalog_service -> a2c_openstack_service named by the service; service_type (the alias of type) is its type
# diagnostics: none

# tasks/main.yml:1 Register the image service
a2c_openstack_service 'glance' do
  cloud 'default'
  service_type 'image'
  description 'OpenStack Image Service'
  interface 'admin'
end
