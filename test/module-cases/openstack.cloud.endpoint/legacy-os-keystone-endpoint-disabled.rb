# the legacy os_keystone_endpoint name, with a region, enabled false
# diagnostics: none

# tasks/main.yml:1 Keep the public compute endpoint, disabled
a2c_openstack_endpoint 'nova' do
  cloud 'default'
  endpoint_interface 'public'
  url 'http://ctl:8774/v2.1'
  region 'RegionOne'
  enabled false
end
