# setup-filter-bracket-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM setup filter patterns (ansible_[lp]*): whether they gather the local facts is not converted
# tasks/main.yml:1 Refresh facts by class
#   - name: Refresh facts by class
#     ansible.builtin.setup:
#       filter: "ansible_[lp]*"
