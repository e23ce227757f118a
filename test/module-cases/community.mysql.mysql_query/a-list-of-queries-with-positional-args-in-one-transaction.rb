# a list of queries with positional_args in one transaction -> a2c_mysql_query (a templated argument is a node attribute)
# diagnostics: none

# tasks/main.yml:1 Seed the settings table
a2c_mysql_query 'Seed the settings table' do
  login_db 'app'
  login_unix_socket '/run/mysqld/mysqld.sock'
  query [
    'INSERT IGNORE INTO settings (k, v) VALUES (%s, %s)',
    'UPDATE settings SET v = %s WHERE k = \'x\'',
  ]
  positional_args [node['demo']['setting_key'], 42]
  single_transaction true
end
