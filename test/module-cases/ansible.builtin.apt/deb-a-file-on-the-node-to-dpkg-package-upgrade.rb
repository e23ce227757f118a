# deb, a file on the node: dpkg_package :upgrade with that source, as dpkg -i --force-confdef --force-confold
# diagnostics: none

# Read once for the statements below: nothing the recipe compiles changes what is read.
rabbitmq_version = node['demo']['rabbitmq_version']

# tasks/main.yml:1 Install the RabbitMQ package deb
# deb: dpkg -i installs the file unless its version is installed; the package's missing dependencies must be installed first (the module installs them with apt), and an older file is skipped where the module fails
dpkg_package "/usr/src/rabbitmq-server-#{rabbitmq_version}.deb" do
  source "/usr/src/rabbitmq-server-#{rabbitmq_version}.deb"
  options ['--force-confdef', '--force-confold']
  allow_downgrade false
  action :upgrade
  notifies :restart, 'service[rabbitmq-server]', :delayed
end
