# system scope stays a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'system' of openstack.cloud.role_assignment: system-scoped role assignments are not converted
# tasks/main.yml:1 System reader
#   - name: System reader
#     openstack.cloud.role_assignment:
#       cloud: default
#       user: mon
#       role: reader
#       system: all
