# an argument the table does not know stays a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'extra_args' of community.general.pacman is not in the mapping table
# tasks/main.yml:1 Install with extra arguments
#   - name: Install with extra arguments
#     community.general.pacman:
#       name: nginx
#       extra_args: --needed
