# thinpool-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'thinpool' of community.general.lvol: thin pools and thin volumes are not converted
# tasks/main.yml:1 Thin pool
#   - name: Thin pool
#     community.general.lvol:
#       vg: data
#       thinpool: pool
#       size: 100%FREE
