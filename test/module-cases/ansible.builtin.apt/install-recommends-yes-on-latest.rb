# install-recommends-yes-on-latest
# diagnostics: none

# tasks/main.yml:1 Upgrade with recommends
apt_package 'nginx' do
  options ['-o', 'APT::Install-Recommends=yes']
  action :upgrade
end
