# find with an age filter stays a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM find argument 'age': the age filter is not converted
# tasks/main.yml:1 Old logs
#   - name: Old logs
#     find:
#       paths: /var/log/app
#       age: 2d
#     register: old
