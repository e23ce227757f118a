# sysctl apply
# diagnostics: none

# tasks/main.yml:1 Accept router advertisements
# sysctl_set: Chef's sysctl applies the value immediately
sysctl 'net.ipv6.conf.all.accept_ra' do
  value '2'
end
