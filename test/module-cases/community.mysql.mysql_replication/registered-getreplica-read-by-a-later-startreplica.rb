# registered getreplica: a ruby_block keeps the whole result (A2C::MySQL.register_replication); the later startreplica reads Is_Slave, Is_Replica and failed at converge time
# diagnostics: none

# tasks/main.yml:1 Check replica status
# registers 'replica' for later tasks (node.run_state)
ruby_block 'Check replica status' do
  block do
    A2C::MySQL.register_replication(node.run_state, 'replica', ignore_errors: true, mode: 'getreplica', login_user: 'root', login_password: 'secret')
  end
end

# tasks/main.yml:8 Start replication
a2c_mysql_replication 'Start replication' do
  mode 'startreplica'
  only_if { (A2C::Tasks.registered(node.run_state, 'replica').key?('Is_Slave') && A2C::Jinja.truthy(A2C::Tasks.registered(node.run_state, 'replica')['Is_Slave'])) || (A2C::Tasks.registered(node.run_state, 'replica').key?('Is_Replica') && A2C::Tasks.registered(node.run_state, 'replica')['Is_Replica']) || (!A2C::Tasks.registered(node.run_state, 'replica').key?('Is_Slave') && !A2C::Tasks.registered(node.run_state, 'replica').key?('Is_Replica') && A2C::Tasks.registered(node.run_state, 'replica')['failed']) }
end
