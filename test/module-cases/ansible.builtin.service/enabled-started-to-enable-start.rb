# enabled + started -> [:enable, :start]
# diagnostics: none

# tasks/main.yml:1 Start haproxy
service 'haproxy' do
  action [:enable, :start]
end
