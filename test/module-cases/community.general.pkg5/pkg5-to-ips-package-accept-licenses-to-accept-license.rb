# pkg5 -> ips_package, accept_licenses -> accept_license
# diagnostics: none

# tasks/main.yml:1 Install Apache on Solaris
ips_package 'web/server/apache-24' do
  accept_license true
end
