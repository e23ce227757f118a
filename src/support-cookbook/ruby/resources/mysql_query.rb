# frozen_string_literal: true
#
# a2c_mysql_query: community.mysql.mysql_query. The queries run on every converge, as the module runs them
# on every play (libraries/a2c_mysql_query.rb); the resource is updated only when the module would say
# changed: a DML query (INSERT, UPDATE, DELETE, REPLACE) that affected rows, or a DDL one (CREATE, DROP,
# ALTER, RENAME, TRUNCATE). In why-run nothing runs: what the queries would do is known only by running them.
unified_mode true
provides :a2c_mysql_query

description 'Runs SQL queries through the mysql client in one session, as mysql_query does.'

property :query, [String, Array], required: true, description: 'One query or a list, run in order in one session.'
property :positional_args, Array, description: "Values for the queries' %s placeholders, escaped as PyMySQL escapes them."
property :named_args, Hash, description: "Values for the queries' %(name)s placeholders, escaped as PyMySQL escapes them."
property :single_transaction, [true, false], default: false, description: 'Run the queries in one transaction, committed after the last.'
property :login_db, String, description: 'The database the session starts in.'
use '_mysql_login'

action :run do
  description 'Run the queries; report a change where mysql_query would.'

  r = new_resource
  if Chef::Config[:why_run]
    converge_by("run #{Array(r.query).length} SQL quer#{Array(r.query).length == 1 ? 'y' : 'ies'} (skipped in why-run)") {}
  else
    result = A2C::MySQL.run_queries(mysql_client, query: r.query, positional_args: r.positional_args, named_args: r.named_args,
                                                  single_transaction: r.single_transaction, login_db: r.login_db)
    converge_by("ran #{result['executed_queries'].length} SQL quer#{result['executed_queries'].length == 1 ? 'y' : 'ies'} that changed data or schema") {} if result['changed']
  end
end
