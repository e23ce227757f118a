# uri in a loop with register -> every item through A2C::Uri.result; `when` reads per item, ignore_errors kept
# diagnostics: none

# Variables set outside the converted input, read as plain Chef because their type is known
# (libraries/input_contracts.rb): a value of another type fails the run now, rather than converging
# differently from Ansible.
A2C::Inputs.check!(node, 'ansible', DemoCookbook::INPUT_CONTRACTS)

# tasks/main.yml:1 Create api keys
# registers 'new_api_keys' (a result per loop item) for later tasks (node.run_state)
ruby_block 'Create api keys' do
  block do
    A2C::Tasks.register_each(node.run_state, 'new_api_keys', A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'grafana_api_keys')), 'item', ignore_errors: true) { |item| A2C::Tasks.item_result(A2C::Jinja.list(A2C::Jinja.selectattr(A2C::Jinja.attr(A2C::Jinja.input(node, 'ansible', 'existing_api_keys'), 'json'), 'name') { |v| A2C::Jinja.eq(v, A2C::Jinja.attr(item, 'name')) }).empty?) { A2C::Uri.result(url: "#{node.read!('ansible', 'grafana_api_url')}/api/auth/keys", method: 'POST', body_format: 'json', body: A2C::Jinja.to_json(item), headers: { 'X-Org' => 'main' }) } }
  end
end
