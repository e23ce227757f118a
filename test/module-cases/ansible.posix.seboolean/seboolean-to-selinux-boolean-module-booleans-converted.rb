# seboolean -> selinux_boolean; module booleans converted, persistent false by default (Chef defaults to true)
# diagnostics: none

# tasks/main.yml:1 Let Apache reach the database
selinux_boolean 'httpd_can_network_connect_db' do
  value true
  persistent false
end
