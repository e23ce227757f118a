# password-lock-with-password-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM user password_lock with a password: the module stores '!' before the hash, which Chef's password comparison would undo each run
# tasks/main.yml:1 Locked with a password
#   - name: Locked with a password
#     user:
#       name: robot
#       password: "$6$salt$hash"
#       password_lock: yes
