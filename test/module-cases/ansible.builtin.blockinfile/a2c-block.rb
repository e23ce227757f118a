# a2c_block
# diagnostics: none

# tasks/main.yml:1 Add hosts
a2c_block '/etc/hosts' do
  block "fd00::10 db1\n"
  marker '# {mark} DB HOSTS'
end
