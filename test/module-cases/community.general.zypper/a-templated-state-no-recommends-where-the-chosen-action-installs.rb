# a templated state: --no-recommends only where the action it chooses installs or upgrades
# diagnostics: none

# tasks/main.yml:1 Install zabbix-agent
zypper_package node['demo']['zabbix_agent_package'] do
  gpg_check false
  allow_downgrade false
  options [:install, :upgrade].include?({ 'present' => :install, 'installed' => :install, 'latest' => :upgrade, 'absent' => :remove, 'removed' => :remove }.fetch(node['demo']['zabbix_agent_package_state'])) ? '--no-recommends' : []
  action({ 'present' => :install, 'installed' => :install, 'latest' => :upgrade, 'absent' => :remove, 'removed' => :remove }.fetch(node['demo']['zabbix_agent_package_state']))
end
