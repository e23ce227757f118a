# stat in a loop with register -> one ruby_block storing the loop result (results per item)
# diagnostics: none

# tasks/main.yml:1 Look at each certificate
# registers 'certs' (a result per loop item) for later tasks (node.run_state)
ruby_block 'Look at each certificate' do
  block do
    A2C::Tasks.register_each(node.run_state, 'certs', ['/etc/pki/a.pem', '/etc/pki/b.pem'], 'item') { |item| A2C::Tasks.stat_result(item) }
  end
end
