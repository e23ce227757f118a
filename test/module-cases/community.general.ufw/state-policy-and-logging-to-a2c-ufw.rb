# state-policy-and-logging-to-a2c-ufw
# the module's aliases (policy, name, src) reach one property each; a2c_ufw runs the module's commands
# diagnostics: none

# tasks/main.yml:1 Deny incoming by default
a2c_ufw 'Deny incoming by default' do
  policy 'deny'
  direction 'incoming'
end

# tasks/main.yml:6 Enable the firewall with low logging
a2c_ufw 'Enable the firewall with low logging' do
  state 'enabled'
  logging 'low'
end

# tasks/main.yml:11 Allow OpenSSH from the admin network, logged
a2c_ufw 'Allow OpenSSH from the admin network, logged' do
  rule 'limit'
  app 'OpenSSH'
  from_ip '10.0.0.0/8'
  log_rule true
  comment 'admin ssh'
end
