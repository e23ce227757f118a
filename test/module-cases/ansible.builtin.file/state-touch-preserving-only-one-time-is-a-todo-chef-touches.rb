# state: touch preserving only one time is a TODO (Chef touches both)
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'modification_time' of ansible.builtin.file: timestamps other than the state's default (and touch with both preserved) are not converted
# tasks/main.yml:1 Touch
#   - name: Touch
#     file:
#       path: /tmp/x
#       state: touch
#       modification_time: preserve
