# templated force -> the action picked at run time from the same table
# diagnostics: none

# tasks/main.yml:1 Write the motd
file '/etc/motd' do
  content "hello\n"
  action node['demo']['motd_overwrite'] ? :create : :create_if_missing
end
