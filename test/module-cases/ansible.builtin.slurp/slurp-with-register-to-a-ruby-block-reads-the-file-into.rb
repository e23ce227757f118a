# slurp with register -> a ruby_block reads the file into node.run_state; ignore_errors kept
# diagnostics: none

# tasks/main.yml:1 Read the CA
# registers 'ca' for later tasks (node.run_state)
ruby_block 'Read the CA' do
  block do
    A2C::Tasks.register_slurp(node.run_state, 'ca', '/etc/pki/ca.crt', ignore_errors: true)
  end
end
