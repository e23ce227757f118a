# changeprimary with the master_* aliases and no_log: the resource with the primary_* properties, sensitive
# diagnostics: none

# tasks/main.yml:1 Point the replica at its primary
a2c_mysql_replication 'Point the replica at its primary' do
  mode 'changeprimary'
  primary_host 'db1.example.com'
  primary_port 3307
  primary_user 'repl'
  primary_password 'repl-secret'
  primary_log_file 'mysql-bin.000042'
  primary_log_pos 1337
  primary_use_gtid 'disabled'
  login_unix_socket '/run/mysqld/mysqld.sock'
  sensitive true
end
