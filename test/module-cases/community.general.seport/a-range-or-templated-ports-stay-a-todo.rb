# a templated ports list, or a range, stays a TODO (selinux_port takes one port)
# diagnostics: A2C-TODO-PARAM, A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM seport ports must be literal single ports: selinux_port takes one port, not a range or a list chosen at run time
# tasks/main.yml:1 Allow prometheus to bind to port in SELinux
#   - name: Allow prometheus to bind to port in SELinux
#     seport:
#       ports: "{{ prometheus_web_listen_address.split(':')[1] }}"
#       proto: tcp
#       setype: http_port_t

# TODO(ansible2chef): A2C-TODO-PARAM seport ports must be literal single ports: selinux_port takes one port, not a range or a list chosen at run time
# tasks/main.yml:6 A range
#   - name: A range
#     seport:
#       ports: 10000-10010
#       proto: tcp
#       setype: http_port_t
