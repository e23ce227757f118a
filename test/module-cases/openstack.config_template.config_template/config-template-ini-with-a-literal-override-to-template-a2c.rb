# config_template ini with a literal override -> template + a2c_ini_setting
# diagnostics: none

# tasks/main.yml:1 Configure
template '/etc/app.conf' do
  source 'app.conf.erb'
end

# tasks/main.yml:1 Configure
a2c_ini_setting '/etc/app.conf [main] port' do
  path '/etc/app.conf'
  section 'main'
  option 'port'
  value '8080'
end
