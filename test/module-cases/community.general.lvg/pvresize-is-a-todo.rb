# pvresize-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'pvresize' of community.general.lvg: growing the physical volumes to their devices (pvresize) is not converted
# tasks/main.yml:1 Grow the physical volumes
#   - name: Grow the physical volumes
#     community.general.lvg:
#       vg: data
#       pvs: /dev/sdb
#       pvresize: true
