# frozen_string_literal: true
#
# a2c_mysql_replication: community.mysql.mysql_replication. The mode's statement runs on every converge, as
# the module runs it on every play (libraries/a2c_mysql_replication.rb); the resource is updated only where
# the module says changed (changeprimary whenever the server takes it; start/stop/reset when the server does
# not refuse). getprimary and getreplica change nothing: registered, a ruby_block keeps their result instead.
# In why-run nothing runs: whether the server takes the statement is known only by running it.
unified_mode true
provides :a2c_mysql_replication

description 'Runs a replication statement through the mysql client, as mysql_replication does.'

property :mode, String, default: 'getreplica', equal_to: A2C::MySQL::REPLICATION_MODES, description: "The module's mode."
property :primary_host, String
property :primary_user, String
property :primary_password, String, sensitive: true
property :primary_port, Integer
property :primary_connect_retry, Integer
property :primary_log_file, String
property :primary_log_pos, Integer
property :primary_delay, Integer
property :relay_log_file, String
property :relay_log_pos, Integer
property :primary_ssl, [true, false]
property :primary_ssl_ca, String
property :primary_ssl_capath, String
property :primary_ssl_cert, String
property :primary_ssl_key, String
property :primary_ssl_cipher, String
property :primary_ssl_verify_server_cert, [true, false], default: false
property :primary_auto_position, [true, false], default: false
property :primary_use_gtid, String, equal_to: %w(current_pos replica_pos disabled)
property :connection_name, String
property :channel, String
property :fail_on_error, [true, false], default: false
use '_mysql_login'

action :run do
  description 'Run the mode; report a change where mysql_replication would.'

  r = new_resource
  if Chef::Config[:why_run]
    converge_by("run mysql_replication #{r.mode} (skipped in why-run)") {}
  else
    options = r.mode == 'changeprimary' ? A2C::MySQL::CHANGE_PRIMARY_ARGS.to_h { |o| [o, r.send(o)] }.compact : {}
    result = A2C::MySQL.replication(mysql_client, mode: r.mode, connection_name: r.connection_name, channel: r.channel,
                                                  fail_on_error: r.fail_on_error, **options)
    # Not the statement: CHANGE MASTER holds the password.
    converge_by("mysql_replication #{r.mode}: #{result['msg'] || 'primary changed'}") {} if result['changed']
  end
end
