# allow-downgrade-templated-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM yum/dnf allow_downgrade other than a literal true is not converted: Chef's yum_package and dnf_package downgrade to a pinned older version, which the module then leaves in place
# tasks/main.yml:1 Downgrade when asked
#   - name: Downgrade when asked
#     dnf:
#       name: "gitlab-runner-{{ runner_version }}"
#       allow_downgrade: "{{ runner_downgrade }}"
