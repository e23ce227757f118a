# frozen_string_literal: true

# A registered mysql_query as the converted ruby_block runs it (A2C::MySQL.register_query), on the server of
# test/support-cookbook/support-svcapi.test.ts: what it stores, what a read of query_result does, and how a
# failure is stored (ignore_errors) or fails the run. Arguments: the libraries directory, the server's socket.
require 'json'
%w(a2c_jinja a2c_tasks a2c_mysql_query).each { |f| require File.join(ARGV[0], f) }
rs = {}
login = { login_user: 'root', login_unix_socket: ARGV[1] }
A2C::MySQL.register_query(rs, 'r', **login, query: ['UPDATE a2c_reg.t SET v = %s', 'SELECT COUNT(*) AS n FROM a2c_reg.t WHERE v = %s'], positional_args: ['zz'])
out = { 'r' => A2C::Tasks.registered(rs, 'r').except('query_result') }
begin
  A2C::Jinja.item(A2C::Jinja.attr(A2C::Tasks.registered(rs, 'r'), 'query_result'), 0)
rescue A2C::Jinja::UndefinedError => e
  out['query_result_read'] = e.message
end
A2C::MySQL.register_query(rs, 'f', ignore_errors: true, **login, query: 'SELEC')
out['f'] = A2C::Tasks.registered(rs, 'f')
begin
  A2C::MySQL.register_query(rs, 'g', **login, query: 'SELEC')
rescue RuntimeError => e
  out['g'] = e.message
end
puts JSON.generate(out)
