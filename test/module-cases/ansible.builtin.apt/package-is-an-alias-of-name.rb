# package is an alias of name
# diagnostics: none

# tasks/main.yml:1 Remove telnet
apt_package 'telnet' do
  action :remove
end
