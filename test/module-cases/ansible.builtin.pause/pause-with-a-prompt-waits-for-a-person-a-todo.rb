# pause with a prompt waits for a person: a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM pause argument 'prompt': a prompt waits for a person at the controller; not converted
# tasks/main.yml:1 Confirm
#   - name: Confirm
#     pause:
#       prompt: Continue?
