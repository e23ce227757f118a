# rabbitmq_policy tags -> definition; priority as the string the module compares
# diagnostics: none

# tasks/main.yml:1 Mirror queues
a2c_rabbitmq_policy 'HA' do
  vhost '/openstack'
  pattern '^(?!amq\\.).*'
  definition({ 'ha-mode' => 'all' })
  priority '0'
end
