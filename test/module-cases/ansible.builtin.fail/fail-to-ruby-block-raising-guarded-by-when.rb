# fail -> ruby_block raising, guarded by when
# diagnostics: none

# tasks/main.yml:1 Refuse IPv4
ruby_block 'Refuse IPv4' do
  block do
    raise('IPv6 only')
  end
  only_if { A2C::Jinja.truthy(A2C::Jinja.bool(A2C::Jinja.input(node, 'ansible', 'use_ipv4'))) }
end
