# frozen_string_literal: true

# The converted side of test/support-cookbook/support-svcapi.test.ts: the same batch of steps as svcapi-ansible.py,
# answered by the support cookbook's A2C::MySQL / A2C::RabbitMQ functions (what the a2c_mysql_* and
# a2c_rabbitmq_* resources call), with the same snapshot after every step. Argument 1 is the libraries
# directory. Module arguments are passed on under the names the resources' properties give them.
require 'json'
require 'open3'
libdir = ARGV.fetch(0)
require File.join(libdir, 'a2c_mysql')
require File.join(libdir, 'a2c_mysql_query')
require File.join(libdir, 'a2c_mysql_replication')
require File.join(libdir, 'a2c_rabbitmq')

def mysql_client(p)
  A2C::MySQL::Client.new(
    login_user: p['login_user'], login_password: p['login_password'], login_host: p.fetch('login_host', 'localhost'),
    login_port: p.fetch('login_port', 3306), login_unix_socket: p['login_unix_socket'],
    config_file: p.fetch('config_file', '~/.my.cnf'), check_hostname: p['check_hostname']
  )
end

def rabbit_ctl(p)
  A2C::RabbitMQ::Ctl.new(node: p['node'])
end

def run_step(mod, p)
  case mod
  when 'community.mysql.mysql_db'
    A2C::MySQL.database(mysql_client(p), names: p['name'], state: p.fetch('state', 'present'),
                                         encoding: p.fetch('encoding', ''), collation: p.fetch('collation', ''))
  when 'community.mysql.mysql_user'
    A2C::MySQL.user(
      mysql_client(p), user: p['name'], host: p.fetch('host', 'localhost'), password: p['password'],
                       encrypted: p.fetch('encrypted', false), priv: p['priv'], append_privs: p.fetch('append_privs', false),
                       subtract_privs: p.fetch('subtract_privs', false), state: p.fetch('state', 'present'),
                       update_password: p.fetch('update_password', 'always'), tls_requires: p['tls_requires'],
                       resource_limits: p['resource_limits'], column_case_sensitive: p.fetch('column_case_sensitive', false)
    )
  when 'community.mysql.mysql_query'
    A2C::MySQL.run_queries(mysql_client(p), query: p['query'], positional_args: p['positional_args'], named_args: p['named_args'],
                                            single_transaction: p.fetch('single_transaction', false), login_db: p['login_db'])
  when 'community.mysql.mysql_replication'
    args = p.transform_keys { |k| k.sub(/\Amaster_/, 'primary_').to_sym }
    A2C::MySQL.replication_result(args.slice(*A2C::MySQL::LOGIN_KEYS), args.except(*A2C::MySQL::LOGIN_KEYS))
  when 'community.rabbitmq.rabbitmq_vhost'
    A2C::RabbitMQ.vhost(rabbit_ctl(p), name: p['name'], state: p.fetch('state', 'present'), tracing: p.fetch('tracing', false))
  when 'community.rabbitmq.rabbitmq_user'
    A2C::RabbitMQ.user(
      rabbit_ctl(p), user: p['user'], password: p['password'], tags: p['tags'], permissions: p.fetch('permissions', []),
                     vhost: p.fetch('vhost', '/'), configure_priv: p.fetch('configure_priv', '^$'),
                     write_priv: p.fetch('write_priv', '^$'), read_priv: p.fetch('read_priv', '^$'),
                     force: p.fetch('force', false), state: p.fetch('state', 'present'),
                     update_password: p.fetch('update_password', 'on_create')
    )
  when 'community.rabbitmq.rabbitmq_policy'
    A2C::RabbitMQ.policy(
      rabbit_ctl(p), name: p['name'], vhost: p.fetch('vhost', '/'), pattern: p['pattern'], apply_to: p.fetch('apply_to', 'all'),
                     tags: p['tags'], priority: p.fetch('priority', '0'), state: p.fetch('state', 'present')
    )
  when 'community.rabbitmq.rabbitmq_plugin'
    A2C::RabbitMQ.plugin(
      rabbit_ctl(p), names: p['names'], new_only: p.fetch('new_only', false), state: p.fetch('state', 'enabled'),
                     broker_state: p.fetch('broker_state', 'online'), prefix: p['prefix']
    )
  else
    raise ArgumentError, "no converted side for #{mod}"
  end
end

def outcome(step)
  out = run_step(step['module'], step['params'])
  r = { 'changed' => out['changed'] == true, 'failed' => false, 'msg' => out['msg'].to_s }.merge(out.slice('query_result', 'rowcount', 'executed_queries'))
  # mysql_replication's whole result, compared too.
  step['module'].end_with?('.mysql_replication') ? r.merge('result' => out.except('changed', 'failed')) : r
rescue A2C::MySQL::Error, A2C::RabbitMQ::Error => e
  { 'changed' => false, 'failed' => true, 'msg' => e.message }
end

batch = JSON.parse($stdin.read)
results = batch['steps'].map do |s|
  r = outcome(s)
  snap, status = Open3.capture2(*batch['snapshot'])
  raise "snapshot failed: #{batch['snapshot'].inspect}" unless status.success?

  r.merge('snapshot' => snap)
end
$stdout.write(JSON.generate(results))
