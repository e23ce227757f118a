# disable_gpg_check: yes to gpg_check false (zypper --no-gpg-checks)
# diagnostics: none

# tasks/main.yml:1 Install zabbix-agent from the monitoring repository
zypper_package 'zabbix-agent' do
  gpg_check false
  allow_downgrade false
  options '--no-recommends'
end
