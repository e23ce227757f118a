# allow-unauthenticated-to-options-on-install
# diagnostics: none

# tasks/main.yml:1 Install unsigned, without recommends
apt_package 'nginx' do
  options ['-o', 'APT::Install-Recommends=no', '--allow-unauthenticated']
end
