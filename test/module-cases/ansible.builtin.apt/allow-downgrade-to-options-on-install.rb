# allow-downgrade-to-options-on-install
# diagnostics: none

# Variables set outside the converted input, read as plain Chef because their type is known
# (libraries/input_contracts.rb): a value of another type fails the run now, rather than converging
# differently from Ansible.
A2C::Inputs.check!(node, 'ansible', DemoCookbook::INPUT_CONTRACTS)

# tasks/main.yml:1 Install a pinned version, downgrading a newer one
apt_package "gitlab-runner=#{node.read!('ansible', 'runner_version')}" do
  options ['-o', 'APT::Install-Recommends=no', '--allow-downgrades']
end
