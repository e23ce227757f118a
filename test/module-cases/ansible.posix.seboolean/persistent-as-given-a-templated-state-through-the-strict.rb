# persistent as given; a templated state through the strict conversion
# diagnostics: none

# tasks/main.yml:1 Let HAProxy bind anywhere
selinux_boolean 'haproxy_connect_any' do
  value A2C::Tasks.strict_boolean(node['demo']['haproxy_any'], 'state')
  persistent true
end
