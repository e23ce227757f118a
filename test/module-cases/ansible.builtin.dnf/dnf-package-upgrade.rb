# dnf_package upgrade
# diagnostics: none

# tasks/main.yml:1 Upgrade openssl
dnf_package 'openssl' do
  action :upgrade
end
