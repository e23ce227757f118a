# mysql_db -> a2c_mysql_database (state present is the default)
# diagnostics: none

# tasks/main.yml:1 Create the application database
a2c_mysql_database 'app' do
  encoding 'utf8mb4'
  login_unix_socket '/run/mysqld/mysqld.sock'
end
