# identity_user -> a2c_openstack_user with password and default project
# diagnostics: none

# tasks/main.yml:1 Ensure the glance user
a2c_openstack_user 'glance' do
  cloud 'default'
  password node['demo']['glance_password']
  default_project 'service'
  domain 'default'
  update_password 'always'
end
