# frozen_string_literal: true
#
# a2c_mysql_user: community.mysql.mysql_user. The account, its password (compared as the stored hash),
# its privileges in the module's priv syntax ('db.*:SELECT,INSERT/other.*:ALL') and its TLS requirement
# are read first (libraries/a2c_mysql.rb); only what differs is changed.
unified_mode true
provides :a2c_mysql_user

description 'Manages a MySQL/MariaDB account and its privileges through the mysql client, as mysql_user does.'

property :username, String, name_property: true, description: 'The account name (Ansible name/user).'
property :host, String, default: 'localhost'
property :password, String, sensitive: true
property :encrypted, [true, false], default: false, description: 'password is already a mysql_native_password hash.'
property :priv, [String, Hash], description: "Privileges: 'db.table:PRIV,PRIV/db2.*:ALL' or a Hash of db.table => privileges."
property :append_privs, [true, false], default: false
property :subtract_privs, [true, false], default: false
property :column_case_sensitive, [true, false], default: false
property :tls_requires, Hash
property :resource_limits, Hash, description: 'MAX_QUERIES_PER_HOUR and the other ALTER USER ... WITH limits.'
property :update_password, String, equal_to: %w(always on_create on_new_username), default: 'always'
property :state, String, equal_to: %w(present absent), default: 'present'
use '_mysql_login'

action :manage do
  description 'Create, update or drop the account as mysql_user would.'

  client = mysql_client
  args = {
    user: new_resource.username, host: new_resource.host, password: new_resource.password,
    encrypted: new_resource.encrypted, priv: new_resource.priv, append_privs: new_resource.append_privs,
    subtract_privs: new_resource.subtract_privs, column_case_sensitive: new_resource.column_case_sensitive,
    tls_requires: new_resource.tls_requires, resource_limits: new_resource.resource_limits, update_password: new_resource.update_password, state: new_resource.state
  }
  preview = A2C::MySQL.user(client, **args, check_mode: true)
  if preview['changed']
    converge_by("#{preview['msg']}: #{new_resource.username}@#{new_resource.host}") do
      A2C::MySQL.user(client, **args)
    end
  end
end
