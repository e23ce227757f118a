# purged -> :purge
# diagnostics: none

# tasks/main.yml:1 Purge exim
apt_package 'exim4' do
  action :purge
end
