# generate-ssh-key-options-and-force
# diagnostics: none

# Variables set outside the converted input, read as plain Chef because their type is known
# (libraries/input_contracts.rb): a value of another type fails the run now, rather than converging
# differently from Ansible.
A2C::Inputs.check!(node, 'ansible', DemoCookbook::INPUT_CONTRACTS)

# tasks/main.yml:1 Deploy user with its own key
user A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'deploy_user')), 'name')

# tasks/main.yml:1 Deploy user with its own key
group 'adm' do
  members [
    A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'deploy_user')), 'name'),
  ]
  append true
  action :modify
end

# tasks/main.yml:1 Deploy user with its own key
a2c_ssh_key A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'deploy_user')), 'name') do
  type 'ecdsa'
  bits 4096
  file "#{node.read!('ansible', 'deploy_key_dir')}/id_deploy"
  comment 'deploy key'
  force true
end
