# frozen_string_literal: true
#
# a2c_mysql_database: community.mysql.mysql_db with state present or absent. What exists is read first
# (libraries/a2c_mysql.rb); only missing databases are created, only existing ones dropped.
unified_mode true
provides :a2c_mysql_database

description 'Creates or drops MySQL/MariaDB databases through the mysql client, as mysql_db does.'

property :database_name, [String, Array], name_property: true, description: 'One database or a list (Ansible name).'
property :state, String, equal_to: %w(present absent), default: 'present'
property :encoding, String, default: '', description: 'Character set of a database created here.'
property :collation, String, default: ''
property :login_user, String
property :login_password, String, sensitive: true
property :login_host, String, default: 'localhost'
property :login_port, Integer, default: 3306
property :login_unix_socket, String
property :config_file, String, default: '~/.my.cnf'
property :connect_timeout, Integer, default: 30
property :check_hostname, [true, false], description: "Verify the server certificate's host name (TLS over TCP only)."

action :manage do
  description 'Create the missing databases (state present) or drop the existing ones (state absent).'

  client = A2C::MySQL::Client.new(
    login_user: new_resource.login_user, login_password: new_resource.login_password,
    login_host: new_resource.login_host, login_port: new_resource.login_port,
    login_unix_socket: new_resource.login_unix_socket, config_file: new_resource.config_file,
    connect_timeout: new_resource.connect_timeout, check_hostname: new_resource.check_hostname
  )
  args = { names: new_resource.database_name, state: new_resource.state,
           encoding: new_resource.encoding, collation: new_resource.collation }
  if A2C::MySQL.database(client, **args, check_mode: true)['changed']
    converge_by("#{new_resource.state == 'present' ? 'create' : 'drop'} database #{Array(new_resource.database_name).join(', ')}") do
      A2C::MySQL.database(client, **args)
    end
  end
end
