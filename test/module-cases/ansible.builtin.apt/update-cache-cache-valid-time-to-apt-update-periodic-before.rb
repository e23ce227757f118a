# update_cache + cache_valid_time -> apt_update periodic before the package
# diagnostics: none

# tasks/main.yml:1 Install nginx
apt_update 'apt cache' do
  frequency 3600
end

# tasks/main.yml:1 Install nginx
apt_package 'nginx' do
  action :upgrade
end
