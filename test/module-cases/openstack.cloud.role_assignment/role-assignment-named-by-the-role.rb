# role_assignment -> a2c_openstack_role_assignment named by the role
# diagnostics: none

# tasks/main.yml:1 Grant admin to glance
a2c_openstack_role_assignment 'admin' do
  cloud 'default'
  user 'glance'
  project 'service'
end
