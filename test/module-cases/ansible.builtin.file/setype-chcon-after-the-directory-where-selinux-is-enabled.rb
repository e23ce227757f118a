# setype: chcon -h -t after the directory where SELinux is enabled and the type differs; _default stays a TODO
# diagnostics: A2C-TODO-PARAM

# Read once for the statements below: nothing the recipe compiles changes what is read.
mysql_datadir = node['demo']['mysql_datadir']

# tasks/main.yml:1 Ensure MySQL datadir exists.
# setype: chcon -h -t <type> after the resource where SELinux is enabled and the path's type differs, as the module sets it
a2c_directory mysql_datadir do
  owner 'mysql'
  group 'mysql'
  mode '0755'
end

# tasks/main.yml:1 Ensure MySQL datadir exists.
execute "chcon -t mysqld_db_t #{mysql_datadir}" do
  command ['chcon', '-h', '-t', 'mysqld_db_t', mysql_datadir]
  only_if { A2C::Modules.selinux_type_differs?(node['demo']['mysql_datadir'], 'mysqld_db_t') }
end

# TODO(ansible2chef): A2C-TODO-PARAM file setype is converted for one file or directory with an explicit type (not recursively, on a link, or _default from the policy)
# tasks/main.yml:9 A type from the policy stays a TODO
#   - name: A type from the policy stays a TODO
#     ansible.builtin.file:
#       path: /srv/www
#       state: directory
#       setype: _default
