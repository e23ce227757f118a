# rabbitmq_vhost -> a2c_rabbitmq_vhost
# diagnostics: none

# tasks/main.yml:1 Add the vhost
a2c_rabbitmq_vhost '/openstack'
