# templated command line is split at converge time; removes -> only_if File.exist?
# diagnostics: none

# tasks/main.yml:1 Drop the old socket
# the templated command line is split into words at converge time (no shell, as in Ansible)
execute 'Drop the old socket' do
  command A2C::Tasks.shlex_split("rm -f #{A2C::Jinja.out(A2C::Jinja.input(node, 'ansible', 'sock_path'))}")
  only_if { File.exist?(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'sock_path'))) }
end
