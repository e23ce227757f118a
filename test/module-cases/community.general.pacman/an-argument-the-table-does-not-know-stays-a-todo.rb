# an argument the table does not know stays a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'update_cache' of community.general.pacman is not in the mapping table
# tasks/main.yml:1 Refresh and install
#   - name: Refresh and install
#     community.general.pacman:
#       name: nginx
#       update_cache: true
