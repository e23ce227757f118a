# find with register -> A2C::Find walks at converge time; patterns text split on commas as the module splits it
# diagnostics: none

# tasks/main.yml:1 Find certificates
# registers 'certs' for later tasks (node.run_state)
ruby_block 'Find certificates' do
  block do
    A2C::Find.register(node.run_state, 'certs', paths: '/etc/haproxy/ssl', patterns: ['*.crt', '*.key'], recurse: true)
  end
end
