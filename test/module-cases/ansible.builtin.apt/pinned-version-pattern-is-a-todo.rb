# pinned-version-pattern-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM apt package "nginx=1.18*": a version pattern (the module installs the best candidate matching it), which apt_package's exact version cannot express
# tasks/main.yml:1 Any 1.18 nginx
#   - name: Any 1.18 nginx
#     apt:
#       name: nginx=1.18*
