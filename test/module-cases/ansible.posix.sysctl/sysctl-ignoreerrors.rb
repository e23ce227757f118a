# sysctl-ignoreerrors
# diagnostics: none

# tasks/main.yml:1 Allow binding to non-local addresses (a key older kernels lack)
# reload: Chef's sysctl applies the value immediately
sysctl 'net.ipv4.ip_nonlocal_bind' do
  value '1'
  ignore_error true
end
