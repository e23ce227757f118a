# notify on apt with update_cache comes from the package, not the apt_update
# Ansible's apt reports `changed` from the package alone when a package is named (the cache
# refresh does not count), so only the package may notify; else every cache refresh restarts.
# diagnostics: none

# tasks/main.yml:1 Install nginx
apt_update 'apt cache' do
  action :update
end

# tasks/main.yml:1 Install nginx
apt_package 'nginx' do
  notifies :restart, 'service[nginx]', :delayed
end
