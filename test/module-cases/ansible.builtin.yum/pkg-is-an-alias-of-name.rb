# pkg is an alias of name
# diagnostics: none

# tasks/main.yml:1 Install nagios
yum_package 'nagios' do
  action :upgrade
end
