# fail -> ruby_block raising, guarded by when
# diagnostics: none

# Variables set outside the converted input, read as plain Chef because their type is known
# (libraries/input_contracts.rb): a value of another type fails the run now, rather than converging
# differently from Ansible.
A2C::Inputs.check!(node, 'ansible', DemoCookbook::INPUT_CONTRACTS)

# tasks/main.yml:1 Refuse IPv4
ruby_block 'Refuse IPv4' do
  block do
    raise('IPv6 only')
  end
  only_if { node.read!('ansible', 'use_ipv4') }
end
