# free-form mysql_user with no_log -> a2c_mysql_user, sensitive
# diagnostics: none

# tasks/main.yml:1 Create the application user
a2c_mysql_user 'app' do
  password node['demo']['app_db_password']
  priv 'app.*:ALL'
  host '%'
  state 'present'
  sensitive true
end
