# a templated selection stays a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM dpkg_selections selection must be a literal install, hold, deinstall, purge (a templated one is not converted)
# tasks/main.yml:1 Select the package
#   - name: Select the package
#     dpkg_selections:
#       name: python3
#       selection: "{{ python_selection }}"
