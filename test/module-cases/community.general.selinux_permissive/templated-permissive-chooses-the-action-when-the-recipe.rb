# a templated permissive chooses :add or :delete when the recipe compiles
# diagnostics: none

# tasks/main.yml:1 Keep httpd enforcing unless asked
selinux_permissive 'httpd_t' do
  action node['demo']['httpd_permissive'] ? :add : :delete
end
