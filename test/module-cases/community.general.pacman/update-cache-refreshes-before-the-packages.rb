# update-cache-refreshes-before-the-packages
# diagnostics: none

# Variables set outside the converted input, read as plain Chef because their type is known
# (libraries/input_contracts.rb): a value of another type fails the run now, rather than converging
# differently from Ansible.
A2C::Inputs.check!(node, 'ansible', DemoCookbook::INPUT_CONTRACTS)

# tasks/main.yml:1 Install chrony
execute 'pacman --sync --refresh'

# tasks/main.yml:1 Install chrony
pacman_package 'chrony' do
  action A2C::Tasks.action(A2C::Jinja.convert_data(A2C::Jinja.out(node.exist?('ansible', 'chrony_package_state') ? node['ansible']['chrony_package_state'] : A2C::Jinja::OMIT)), { 'present' => 'install', 'installed' => 'install', 'latest' => 'upgrade', 'absent' => 'remove', 'removed' => 'remove' })
end
