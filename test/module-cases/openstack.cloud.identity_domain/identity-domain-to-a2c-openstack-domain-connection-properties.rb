# identity_domain -> a2c_openstack_domain; cloud, endpoint_type and verify are connection properties
# diagnostics: none

# tasks/main.yml:1 Add the LDAP domain
a2c_openstack_domain 'ldap' do
  cloud 'default'
  description 'LDAP users'
  interface 'admin'
  validate_certs false
end
