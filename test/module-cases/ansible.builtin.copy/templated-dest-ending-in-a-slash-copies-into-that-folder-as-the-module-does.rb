# templated-dest-ending-in-a-slash-copies-into-that-folder-as-the-module-does
# diagnostics: none

# Variables set outside the converted input, read as plain Chef because their type is known
# (libraries/input_contracts.rb): a value of another type fails the run now, rather than converging
# differently from Ansible.
A2C::Inputs.check!(node, 'ansible', DemoCookbook::INPUT_CONTRACTS)

# Read once for the statements below: nothing the recipe compiles changes what is read.
nagios_dir = node.read!('ansible', 'nagios_dir')

# tasks/main.yml:1 Install the check
directory "#{nagios_dir}/plugins/" do
  recursive true
end

# tasks/main.yml:1 Install the check
cookbook_file "#{nagios_dir}/plugins/check_app.sh" do
  source 'check_app.sh'
end
