# type pattern stays a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM zypper type other than package (patch, pattern, product...) has no zypper_package equivalent
# tasks/main.yml:1 Base pattern
#   - name: Base pattern
#     zypper:
#       name: base
#       type: pattern
