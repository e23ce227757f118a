# uri with register -> a ruby_block making the request (A2C::Uri.register) with credentials, status_code, validate_certs, timeout; no_log -> sensitive
# diagnostics: none

# Variables set outside the converted input, read as plain Chef because their type is known
# (libraries/input_contracts.rb): a value of another type fails the run now, rather than converging
# differently from Ansible.
A2C::Inputs.check!(node, 'ansible', DemoCookbook::INPUT_CONTRACTS)

# tasks/main.yml:1 Check datasources list
# registers 'datasources' for later tasks (node.run_state)
ruby_block 'Check datasources list' do
  block do
    A2C::Uri.register(node.run_state, 'datasources', url: "#{node.read!('ansible', 'grafana_url')}/api/datasources", user: A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'grafana_admin')), 'user'), password: A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'grafana_password')), 'password'), force_basic_auth: true, return_content: true, status_code: [200, '201'], validate_certs: false, timeout: 10)
  end
  sensitive true
end
