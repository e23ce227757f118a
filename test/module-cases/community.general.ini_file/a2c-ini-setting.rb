# a2c_ini_setting
# diagnostics: none

# tasks/main.yml:1 Set the bind host
a2c_ini_setting '/etc/keystone/keystone.conf' do
  section 'DEFAULT'
  option 'bind_host'
  value '::1'
  mode '0640'
end
