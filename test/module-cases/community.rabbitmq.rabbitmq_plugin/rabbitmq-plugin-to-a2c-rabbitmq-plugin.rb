# rabbitmq_plugin -> a2c_rabbitmq_plugin
# diagnostics: none

# tasks/main.yml:1 Enable the management plugin
a2c_rabbitmq_plugin 'rabbitmq_management' do
  new_only true
end
