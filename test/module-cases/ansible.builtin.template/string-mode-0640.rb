# string mode '0640'
# diagnostics: none

# tasks/main.yml:1 Write cinder.conf
template '/etc/cinder/cinder.conf' do
  source 'cinder.conf.erb'
  mode '0640'
end
