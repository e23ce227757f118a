# deb822 sources file plus an apt_update notified immediately
# diagnostics: none

# tasks/main.yml:1 Add the MariaDB source
apt_update 'apt cache for mariadb' do
  action :nothing
end

# tasks/main.yml:1 Add the MariaDB source
file '/etc/apt/sources.list.d/mariadb.sources' do
  content "X-Repolib-Name: mariadb\nTypes: deb\nURIs: https://mirror.example.com/mariadb\nSuites: bookworm\nComponents: main\n"
  mode '0644'
  notifies :update, 'apt_update[apt cache for mariadb]', :immediately
end
