# a2c_line
# diagnostics: none

# tasks/main.yml:1 Disable root login
a2c_line '/etc/ssh/sshd_config' do
  regexp '^#?PermitRootLogin'
  line 'PermitRootLogin no'
end
