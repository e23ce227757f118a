# allow-downgrade-without-a-pin-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM apt allow_downgrade true converts only with literal pinned versions (name=version)
# tasks/main.yml:1 Install nginx, downgrading to the candidate
#   - name: Install nginx, downgrading to the candidate
#     apt:
#       name: nginx
#       allow-downgrades: yes
