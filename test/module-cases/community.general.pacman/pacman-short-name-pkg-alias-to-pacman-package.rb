# pacman (short name, pkg alias) -> pacman_package
# diagnostics: none

# tasks/main.yml:1 Install nginx on Arch
pacman_package 'nginx' do
  action :upgrade
end
