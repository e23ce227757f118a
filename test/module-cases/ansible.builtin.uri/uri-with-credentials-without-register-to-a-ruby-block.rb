# uri with credentials, body_format, status_code and no register -> a ruby_block (A2C::Uri.run fails the run as the module does); ignore_errors, when kept
# diagnostics: none

# Lists set outside the converted input whose items are read as plain Chef because their fields
# are known from use, and dicts the input sets only to {} read so (libraries/input_contracts.rb):
# an item or dict that is not a dict, or a field of another type, fails the run now.
A2C::Inputs.check_items!(node, DemoCookbook::ITEM_CONTRACTS)

# tasks/main.yml:1 Create a datasource
ruby_block 'Create a datasource' do
  block do
    A2C::Uri.run(url: 'https://grafana.example.com/api/datasources', method: 'POST', user: 'admin', password: A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'grafana_password')), 'password'), body: '{}', body_format: 'json', status_code: ['201'])
  end
  ignore_failure true
  only_if { node.read!('ansible', 'datasources').fetch('content') == '[]' }
end
