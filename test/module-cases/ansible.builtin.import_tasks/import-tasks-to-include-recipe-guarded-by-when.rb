# import_tasks -> include_recipe, guarded by when
# diagnostics: none

# Variables set outside the converted input, read as plain Chef because their type is known
# (libraries/input_contracts.rb): a value of another type fails the run now, rather than converging
# differently from Ansible.
A2C::Inputs.check!(node, 'ansible', DemoCookbook::INPUT_CONTRACTS)

if node.read!('ansible', 'tls_enabled')
  # tasks/main.yml:1
  include_recipe 'demo::tls'
end
