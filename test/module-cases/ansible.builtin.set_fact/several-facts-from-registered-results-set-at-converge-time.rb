# set_fact of several facts reading registered results: one ruby_block computes every value, then sets them (A2C::Tasks.set_facts)
# diagnostics: none

# tasks/main.yml:1 Read the key
# registers '_key' for later tasks (node.run_state)
ruby_block 'Read the key' do
  block do
    A2C::Tasks.register_slurp(node.run_state, '_key', '/etc/app/key.pem')
  end
end

# tasks/main.yml:5 Read the cert
# registers '_cert' for later tasks (node.run_state)
ruby_block 'Read the cert' do
  block do
    A2C::Tasks.register_slurp(node.run_state, '_cert', '/etc/app/cert.pem')
  end
end

# tasks/main.yml:9 Keep both
# sets 'app_key', 'app_cert' when it runs, with the registered results it reads (node.run_state)
ruby_block 'Keep both' do
  block do
    A2C::Tasks.set_facts(node.run_state, { 'app_key' => A2C::Jinja.set_fact_value(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(A2C::Tasks.registered(node.run_state, '_key'), 'content')))), 'app_cert' => A2C::Jinja.set_fact_value(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(A2C::Tasks.registered(node.run_state, '_cert'), 'content')))) })
  end
end

# tasks/main.yml:13 Write the cert
file '/etc/app/cert.copy' do
  content lazy { A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.b64decode(A2C::Tasks.registered(node.run_state, 'app_cert'))), 'content') }
end
