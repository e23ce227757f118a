# project -> a2c_openstack_project; domain_id (an ID or a name) -> domain; auth -> OS_ variables
# diagnostics: none

# tasks/main.yml:1 Ensure the service project
a2c_openstack_project 'service' do
  auth({ 'auth_url' => 'https://keystone:5000/v3', 'username' => 'admin' })
  domain 'default'
  enabled true
  interface 'internal'
end
