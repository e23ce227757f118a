# pinned-removal-of-several-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM apt removal of several packages with pinned versions: Chef removes them all when one version matches, the module each one that matches
# tasks/main.yml:1 Remove nginx 1.18 and curl
#   - name: Remove nginx 1.18 and curl
#     apt:
#       name: nginx=1.18,curl
#       state: absent
