# template with YAML int mode 0644 and validate %s -> verify %{path}
# diagnostics: none

# tasks/main.yml:1 Write haproxy.cfg
template '/etc/haproxy/haproxy.cfg' do
  source 'haproxy.cfg.erb'
  owner 'root'
  group 'haproxy'
  mode '0644'
  verify 'haproxy -c -f %{path}'
end
