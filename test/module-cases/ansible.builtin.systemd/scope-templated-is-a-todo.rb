# scope-templated-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM systemd a templated scope (user or global on some nodes) drives the service manager of the user the task runs as (systemctl --user, XDG_RUNTIME_DIR=/run/user/<uid>): Chef runs as root, and its systemd_unit reaches a user's manager only for a user it is told, which the task does not name
# tasks/main.yml:1 reload systemd
#   - name: reload systemd
#     ansible.builtin.systemd_service:
#       daemon_reload: true
#       scope: "{{ restic_systemd_context }}"
