# permissive: true to selinux_permissive :add (the default action), false to :delete
# diagnostics: none

# tasks/main.yml:1 Allow zabbix_agent to start (SELinux)
selinux_permissive 'zabbix_agent_t'
