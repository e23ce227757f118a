# assemble (fragments on the node) -> a2c_assemble; validate -> verify
# diagnostics: none

# tasks/main.yml:1 Regenerate haproxy configuration
a2c_assemble '/etc/haproxy/haproxy.cfg' do
  source '/etc/haproxy/conf.d'
  verify '/usr/sbin/haproxy -c -f %{path}'
  mode '0640'
  owner 'haproxy'
end
