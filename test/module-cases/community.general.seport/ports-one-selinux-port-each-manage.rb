# literal ports: one selinux_port each, :manage (add or retype) for present, :delete for absent
# diagnostics: none

# tasks/main.yml:1 Allow prometheus to bind to its ports in SELinux
selinux_port '9090' do
  protocol 'tcp'
  secontext 'http_port_t'
end

# tasks/main.yml:1 Allow prometheus to bind to its ports in SELinux
selinux_port '9093' do
  protocol 'tcp'
  secontext 'http_port_t'
end

# tasks/main.yml:7 Free the old port
selinux_port '8081' do
  protocol 'udp'
  action :delete
end
