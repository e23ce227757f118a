# yum-repository-module-hotfixes
# diagnostics: none

# tasks/main.yml:1 Add galera repo
yum_repository 'galera' do
  description 'Galera'
  baseurl 'https://repo.example.com/galera/el9/'
  options({
    'module_hotfixes' => A2C::Tasks.to_bool(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'galera_hotfixes')), 'module_hotfixes'),
  })
  gpgcheck true
  enabled true
end

# tasks/main.yml:9 Add static repo
yum_repository 'plain' do
  description 'Plain'
  baseurl 'https://repo.example.com/plain/'
  options({ 'module_hotfixes' => true })
end
