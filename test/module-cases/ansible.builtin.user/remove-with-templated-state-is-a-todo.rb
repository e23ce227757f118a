# remove-with-templated-state-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM user remove with a templated state: the module reads it only when it removes the user
# tasks/main.yml:1 Manage the account
#   - name: Manage the account
#     user:
#       name: deploy
#       state: "{{ deploy_state }}"
#       remove: true
