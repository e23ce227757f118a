# an argument the table does not know -> TODO with A2C-TODO-PARAM
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'attributes' of ansible.builtin.file is not in the mapping table
# tasks/main.yml:1 Make it immutable
#   - name: Make it immutable
#     file:
#       path: /etc/resolv.conf
#       attributes: +i
