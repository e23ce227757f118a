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
use '_mysql_login'

action :manage do
  description 'Create the missing databases (state present) or drop the existing ones (state absent).'

  client = mysql_client
  args = { names: new_resource.database_name, state: new_resource.state,
           encoding: new_resource.encoding, collation: new_resource.collation }
  if A2C::MySQL.database(client, **args, check_mode: true)['changed']
    converge_by("#{new_resource.state == 'present' ? 'create' : 'drop'} database #{Array(new_resource.database_name).join(', ')}") do
      A2C::MySQL.database(client, **args)
    end
  end
end
