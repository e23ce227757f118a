# pinned-minimum-version-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM apt package "nginx>=1.18": a minimum version (the module installs the candidate unless the installed version is at least it), which apt_package cannot express
# tasks/main.yml:1 At least nginx 1.18
#   - name: At least nginx 1.18
#     apt:
#       name: nginx>=1.18
