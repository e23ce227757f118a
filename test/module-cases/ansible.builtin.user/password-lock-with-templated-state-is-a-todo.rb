# password-lock-with-templated-state-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM user expires/password_lock with a templated state: the module reads them only for a present user
# tasks/main.yml:1 Locked, templated state
#   - name: Locked, templated state
#     user:
#       name: robot
#       state: "{{ robot_state }}"
#       password_lock: true
