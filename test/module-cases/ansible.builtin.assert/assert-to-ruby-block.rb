# assert -> ruby_block
# diagnostics: none

# tasks/main.yml:1 Check the port
ruby_block 'Check the port' do
  block do
    A2C::Jinja.gt(A2C::Jinja.input(node, 'ansible', 'api_port'), 1024) ? nil : raise('port too low')
  end
end
