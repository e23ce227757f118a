# template with YAML int mode 0644 and validate %s -> verify %{path}
# diagnostics: none

# Variables set outside the converted input, read here as plain Chef because their type is known:
# a value of another type fails the run now, rather than converging differently from Ansible.
A2C::Inputs.check!(
  node,
  'ansible',
  { 'haproxy_maxconn' => ['str|int', 'inferred from its use at templates/haproxy.cfg.j2:2'] }
)

# tasks/main.yml:1 Write haproxy.cfg
template '/etc/haproxy/haproxy.cfg' do
  source 'haproxy.cfg.erb'
  owner 'root'
  group 'haproxy'
  mode '0644'
  verify 'haproxy -c -f %{path}'
end
