# groups-without-append-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM supplementary groups without append: true set exactly these groups (removing others); convert by hand
# tasks/main.yml:1 Set the groups of deploy
#   - name: Set the groups of deploy
#     user:
#       name: deploy
#       groups: sudo
