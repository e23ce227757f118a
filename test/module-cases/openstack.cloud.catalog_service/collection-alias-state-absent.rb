# the collection's alias openstack.cloud.os_keystone_service, state absent
# diagnostics: none

# tasks/main.yml:1 Drop the old image service
a2c_openstack_service 'glance' do
  cloud 'default'
  service_type 'image-v1'
  state 'absent'
end
