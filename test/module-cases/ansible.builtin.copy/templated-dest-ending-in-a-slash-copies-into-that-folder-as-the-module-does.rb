# templated-dest-ending-in-a-slash-copies-into-that-folder-as-the-module-does
# diagnostics: none

# tasks/main.yml:1 Install the check
directory A2C::Jinja.convert_data("#{A2C::Jinja.out(A2C::Jinja.input(node, 'ansible', 'nagios_dir'))}/plugins/") do
  recursive true
end

# tasks/main.yml:1 Install the check
cookbook_file A2C::Tasks.to_str(A2C::Jinja.convert_data("#{A2C::Jinja.out(A2C::Jinja.input(node, 'ansible', 'nagios_dir'))}/plugins/check_app.sh"), 'dest') do
  source 'check_app.sh'
end
