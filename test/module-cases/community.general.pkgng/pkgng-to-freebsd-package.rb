# pkgng -> freebsd_package
# diagnostics: none

# tasks/main.yml:1 Install nginx on FreeBSD
freebsd_package 'nginx' do
  action :remove
end
