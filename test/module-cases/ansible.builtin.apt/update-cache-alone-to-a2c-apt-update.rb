# update_cache alone -> apt_update :update
# diagnostics: none

# tasks/main.yml:1 Refresh apt
apt_update 'apt cache' do
  action :update
end
