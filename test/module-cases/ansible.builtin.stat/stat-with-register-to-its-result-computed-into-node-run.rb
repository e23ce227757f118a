# stat with register -> its result computed into node.run_state at converge time
# diagnostics: none

# tasks/main.yml:1 Look at the key
# registers 'key' for later tasks (node.run_state)
ruby_block 'Look at the key' do
  block do
    A2C::Tasks.register_stat(node.run_state, 'key', '/etc/pki/svc.key')
  end
end
