# templated-dest-ending-in-a-slash-copies-into-that-folder-as-the-module-does
# diagnostics: none

# Variables set outside the converted input, read here as plain Chef because their type is known:
# a value of another type fails the run now, rather than converging differently from Ansible.
A2C::Inputs.check!(
  node,
  'ansible',
  { 'nagios_dir' => ['str|int', 'inferred from its use at tasks/main.yml:4'] }
)

# tasks/main.yml:1 Install the check
directory "#{node.read!('ansible', 'nagios_dir')}/plugins/" do
  recursive true
end

# tasks/main.yml:1 Install the check
cookbook_file "#{node.read!('ansible', 'nagios_dir')}/plugins/check_app.sh" do
  source 'check_app.sh'
end
