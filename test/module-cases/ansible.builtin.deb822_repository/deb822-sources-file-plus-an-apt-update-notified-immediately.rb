# deb822 sources file plus an apt_update notified immediately
# diagnostics: none

# tasks/main.yml:1 Add the MariaDB source
apt_update 'apt cache for mariadb' do
  action :nothing
end

# tasks/main.yml:1 Add the MariaDB source
a2c_deb822_repository 'mariadb' do
  types 'deb'
  uris 'https://mirror.example.com/mariadb'
  suites 'bookworm'
  components 'main'
  notifies :update, 'apt_update[apt cache for mariadb]', :immediately
end
