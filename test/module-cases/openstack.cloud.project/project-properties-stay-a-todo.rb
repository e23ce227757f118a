# project properties stay a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'properties' of openstack.cloud.project: extra project properties are not converted
# tasks/main.yml:1 Tagged project
#   - name: Tagged project
#     openstack.cloud.project:
#       cloud: default
#       name: demo
#       properties:
#         alias: d
