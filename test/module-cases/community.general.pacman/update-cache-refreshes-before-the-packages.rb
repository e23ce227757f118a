# update-cache-refreshes-before-the-packages
# diagnostics: none

# tasks/main.yml:1 Install chrony
execute 'pacman --sync --refresh'

# tasks/main.yml:1 Install chrony
pacman_package 'chrony' do
  action A2C::Tasks.action(A2C::Tasks.omit(A2C::Jinja.convert_data(A2C::Jinja.out(node.exist?('ansible', 'chrony_package_state') ? node['ansible']['chrony_package_state'] : A2C::Jinja::OMIT))) || 'present', { 'present' => 'install', 'installed' => 'install', 'latest' => 'upgrade', 'absent' => 'remove', 'removed' => 'remove' })
end
