# install-recommends-and-force-to-options
# diagnostics: none

# tasks/main.yml:1 Install without recommends, forced
apt_package 'openssh-server' do
  options ['--force-yes', '-o', 'APT::Install-Recommends=no']
end
