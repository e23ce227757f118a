# frozen_string_literal: true
#
# Partial (`use '_mysql_login'`): how the mysql_* resources reach the server, with the login options and
# defaults of community.mysql's modules. Chef skips resource files whose name starts with '_'.
property :login_user, String
property :login_password, String, sensitive: true
property :login_host, String, default: 'localhost'
property :login_port, Integer, default: 3306
property :login_unix_socket, String
property :config_file, String, default: '~/.my.cnf'
property :connect_timeout, Integer, default: 30
property :check_hostname, [true, false], description: "Verify the server certificate's host name (TLS over TCP only)."

action_class do
  # The mysql client configured from the login properties (libraries/a2c_mysql.rb).
  def mysql_client
    r = new_resource
    A2C::MySQL::Client.new(
      login_user: r.login_user, login_password: r.login_password, login_host: r.login_host, login_port: r.login_port,
      login_unix_socket: r.login_unix_socket, config_file: r.config_file, connect_timeout: r.connect_timeout,
      check_hostname: r.check_hostname
    )
  end
end
