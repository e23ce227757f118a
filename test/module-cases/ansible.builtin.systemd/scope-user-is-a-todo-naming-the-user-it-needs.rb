# scope-user-is-a-todo-naming-the-user-it-needs
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM systemd scope user drives the service manager of the user the task runs as (systemctl --user, XDG_RUNTIME_DIR=/run/user/<uid>): Chef runs as root, and its systemd_unit reaches a user's manager only for a user it is told, which the task does not name
# tasks/main.yml:1 Restart a user unit
#   - name: Restart a user unit
#     ansible.builtin.systemd:
#       name: restic-backup.timer
#       scope: user
#       state: restarted
#       enabled: true
