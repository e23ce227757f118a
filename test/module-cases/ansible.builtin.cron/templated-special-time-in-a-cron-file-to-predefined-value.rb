# templated special_time in a cron_file -> predefined_value computed when the recipe compiles
# diagnostics: none

# tasks/main.yml:1 Rotate credentials
# cron_file: selects a cron_d resource
cron_d 'keystone-rotate' do
  predefined_value "@#{node['demo']['rotation']}"
  user 'keystone'
  command '/usr/local/bin/rotate'
end
