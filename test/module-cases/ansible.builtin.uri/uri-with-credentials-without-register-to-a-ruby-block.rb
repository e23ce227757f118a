# uri with credentials, body_format, status_code and no register -> a ruby_block (A2C::Uri.run fails the run as the module does); ignore_errors, when kept
# diagnostics: none

# tasks/main.yml:1 Create a datasource
ruby_block 'Create a datasource' do
  block do
    A2C::Uri.run(url: 'https://grafana.example.com/api/datasources', method: 'POST', user: 'admin', password: A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'grafana_password')), 'password'), body: '{}', body_format: 'json', status_code: ['201'])
  end
  ignore_failure true
  only_if { A2C::Jinja.eq(A2C::Jinja.attr(A2C::Jinja.input(node, 'ansible', 'datasources'), 'content'), '[]') }
end
