# templated validate -> the verify command of a2c_line, Python %-formatting rewritten for Chef when the recipe compiles
# diagnostics: none

# tasks/main.yml:1 Let the deploy group use sudo
a2c_line '/etc/sudoers' do
  regexp '^%deploy'
  line '%deploy ALL=(ALL) NOPASSWD: ALL'
  verify A2C::Tasks.verify_command("#{node['demo']['sudo_checker']} -cf %s")
end
