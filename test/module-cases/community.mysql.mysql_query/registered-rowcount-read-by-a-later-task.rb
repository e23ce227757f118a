# registered mysql_query: a ruby_block runs the queries (A2C::MySQL.register_query) and keeps rowcount for the later read
# diagnostics: none

# tasks/main.yml:1 Close stale sessions
# registers 'purge' for later tasks (node.run_state)
ruby_block 'Close stale sessions' do
  block do
    A2C::MySQL.register_query(node.run_state, 'purge', login_db: 'app', query: 'DELETE FROM sessions WHERE expires < NOW() - INTERVAL %s DAY', positional_args: [30])
  end
end

# tasks/main.yml:7 Report the purge
log 'Report the purge' do
  message lazy { A2C::Jinja.convert_data("#{A2C::Jinja.out(A2C::Jinja.item(A2C::Tasks.registered(node.run_state, 'purge')['rowcount'], 0))} sessions removed") }
  level :info
  only_if { A2C::Tasks.registered(node.run_state, 'purge')['changed'] }
end
