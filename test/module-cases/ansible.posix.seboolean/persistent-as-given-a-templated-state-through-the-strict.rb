# persistent as given; a templated state through the strict conversion
# diagnostics: none

# tasks/main.yml:1 Let HAProxy bind anywhere
selinux_boolean 'haproxy_connect_any' do
  value node['demo']['haproxy_any']
  persistent true
end
