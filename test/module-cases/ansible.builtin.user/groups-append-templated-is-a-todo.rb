# groups-append-templated-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM user append must be a literal boolean: it chooses between adding to the groups and setting exactly these
# tasks/main.yml:1 Groups added or set, as the inventory says
#   - name: Groups added or set, as the inventory says
#     user:
#       name: deploy
#       groups: [sudo, docker]
#       append: "{{ deploy_append }}"
