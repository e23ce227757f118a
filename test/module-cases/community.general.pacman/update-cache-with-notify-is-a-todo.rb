# update-cache-with-notify-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM pacman update_cache with notify: the module reports a change only when the package databases changed, which an execute resource cannot tell
# tasks/main.yml:1 Install chrony
#   - name: Install chrony
#     pacman:
#       name: chrony
#       update_cache: true
#     notify: restart chrony
