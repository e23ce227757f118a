# identity_role -> a2c_openstack_role
# diagnostics: none

# tasks/main.yml:1 Ensure the member role
a2c_openstack_role 'member' do
  cloud 'default'
end
