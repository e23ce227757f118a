# a templated state: --no-recommends only where the action it chooses installs or upgrades
# diagnostics: none

# Read once for the statements below: nothing the recipe compiles changes what is read.
zabbix_agent_package_state = node['demo']['zabbix_agent_package_state']

# tasks/main.yml:1 Install zabbix-agent
zypper_package node['demo']['zabbix_agent_package'] do
  gpg_check false
  allow_downgrade false
  options [:install, :upgrade].include?({ 'present' => :install, 'installed' => :install, 'latest' => :upgrade, 'absent' => :remove, 'removed' => :remove }.fetch(zabbix_agent_package_state)) ? '--no-recommends' : []
  action({ 'present' => :install, 'installed' => :install, 'latest' => :upgrade, 'absent' => :remove, 'removed' => :remove }.fetch(zabbix_agent_package_state))
end
