# short name mysql_query with named_args, login_password and no_log -> a2c_mysql_query, sensitive
# diagnostics: none

# tasks/main.yml:1 Disable the account
a2c_mysql_query 'Disable the account' do
  login_user 'admin'
  login_password A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'db_admin_password')), 'login_password')
  query 'UPDATE accounts SET active = 0 WHERE name = %(name)s'
  named_args({ 'name' => A2C::Jinja.convert_data(node.name) })
  sensitive true
end
