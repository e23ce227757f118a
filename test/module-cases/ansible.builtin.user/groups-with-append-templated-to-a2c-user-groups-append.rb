# groups-with-append-templated-to-a2c-user-groups-append
# diagnostics: none

# tasks/main.yml:1 Add the service user to its extra groups
user A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'svc_user')), 'name') do
  system true
end

# tasks/main.yml:1 Add the service user to its extra groups
a2c_user_groups A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'svc_user')), 'name') do
  groups A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'svc_extra_groups'))
  append true
end

# tasks/main.yml:8 Add deploy to the groups of a list with a templated item
user 'deploy'

# tasks/main.yml:8 Add deploy to the groups of a list with a templated item
a2c_user_groups 'deploy' do
  groups ['sudo', A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'deploy_group'))]
  append true
end
