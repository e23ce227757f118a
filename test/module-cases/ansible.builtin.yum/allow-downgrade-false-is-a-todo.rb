# allow-downgrade-false-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM yum/dnf allow_downgrade other than a literal true is not converted: Chef's yum_package and dnf_package downgrade to a pinned older version, which the module then leaves in place
# tasks/main.yml:1 Never downgrade
#   - name: Never downgrade
#     yum:
#       name: gitlab-runner-15.0.0
#       allow_downgrade: false
