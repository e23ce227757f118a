# groups-append-false-templated
# diagnostics: none

# tasks/main.yml:1 Exactly the groups of the inventory
user A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'app_user')), 'name')

# tasks/main.yml:1 Exactly the groups of the inventory
a2c_user_groups A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'app_user')), 'name') do
  groups A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'app_groups'))
end
