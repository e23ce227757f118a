# sysctl_file: the value persists in Chef's own sysctl.d file, as without it
# diagnostics: none

# tasks/main.yml:1 Allow binding to non-local addresses
# sysctl_set: Chef's sysctl applies the value immediately
# sysctl_file: Chef's sysctl persists the value in /etc/sysctl.d/99-chef-<key>.conf, not in the module's sysctl_file
sysctl 'net.ipv6.ip_nonlocal_bind' do
  value '1'
end
