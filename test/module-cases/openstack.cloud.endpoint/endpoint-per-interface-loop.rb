# endpoint in a loop over the interfaces: one a2c_openstack_endpoint per item, the service given as a property
# diagnostics: none

[{ 'interface' => 'admin', 'url' => 'http://ctl:9292' }, { 'interface' => 'internal', 'url' => 'http://ctl:9292' }, { 'interface' => 'public', 'url' => 'https://api.example.com:9292' }].each do |item|
  # tasks/main.yml:1 Register the image endpoints
  a2c_openstack_endpoint "glance #{A2C::Jinja.out(item)}" do
    service 'glance'
    cloud 'default'
    endpoint_interface item['interface']
    url item['url']
    region 'RegionOne'
  end
end
