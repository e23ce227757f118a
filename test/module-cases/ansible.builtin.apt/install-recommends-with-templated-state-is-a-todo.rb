# install-recommends-with-templated-state-is-a-todo
# diagnostics: A2C-TODO-DYNAMIC-ACTION

# TODO(ansible2chef): A2C-TODO-DYNAMIC-ACTION a templated package state with install_recommends is not converted: whether the option applies depends on it
# tasks/main.yml:1 Templated state
#   - name: Templated state
#     apt:
#       name: nginx
#       state: "{{ nginx_state }}"
#       install_recommends: no
