# identity_group -> a2c_openstack_group
# diagnostics: none

# tasks/main.yml:1 Ensure the federated group
a2c_openstack_group 'federated' do
  cloud 'default'
  domain_id 'default'
end
