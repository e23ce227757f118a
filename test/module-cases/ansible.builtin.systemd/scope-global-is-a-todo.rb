# scope-global-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM systemd scope global enables units for every user's service manager (systemctl --global), which no Chef resource does
# tasks/main.yml:1 Enable for every user
#   - name: Enable for every user
#     ansible.builtin.systemd:
#       name: pipewire.socket
#       scope: global
#       enabled: true
