# msg -> log
# diagnostics: none

# Variables set outside the converted input, read as plain Chef because their type is known
# (libraries/input_contracts.rb): a value of another type fails the run now, rather than converging
# differently from Ansible.
A2C::Inputs.check!(node, 'ansible', DemoCookbook::INPUT_CONTRACTS)

# tasks/main.yml:1 Say where
log 'Say where' do
  message "listening on #{node.read!('ansible', 'bind_host')}"
  level :info
end
