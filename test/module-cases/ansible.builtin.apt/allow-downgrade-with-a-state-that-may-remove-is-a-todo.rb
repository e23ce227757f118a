# allow-downgrade-with-a-state-that-may-remove-is-a-todo
# diagnostics: A2C-TODO-DYNAMIC-ACTION

# TODO(ansible2chef): A2C-TODO-DYNAMIC-ACTION a templated package state with allow_downgrade is not converted: whether the option applies depends on it
# tasks/main.yml:1 Installed or removed
#   - name: Installed or removed
#     apt:
#       name: nginx
#       allow_downgrade: true
#       state: "{{ 'present' if nginx_enabled else 'absent' }}"
