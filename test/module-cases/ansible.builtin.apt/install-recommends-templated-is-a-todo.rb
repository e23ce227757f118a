# install-recommends-templated-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM apt install_recommends must be a literal boolean
# tasks/main.yml:1 Templated recommends
#   - name: Templated recommends
#     apt:
#       name: nginx
#       install_recommends: "{{ nginx_recommends }}"
