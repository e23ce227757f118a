# disable-gpg-check-templated-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM yum/dnf disable_gpg_check other than a literal true or false is not converted
# tasks/main.yml:1 Install maybe unsigned
#   - name: Install maybe unsigned
#     dnf:
#       name: foo
#       disable_gpg_check: "{{ foo_nogpg }}"
