# the legacy os_keystone_domain name, state absent
# diagnostics: none

# tasks/main.yml:1 Drop the domain
a2c_openstack_domain 'old' do
  cloud 'default'
  state 'absent'
end
