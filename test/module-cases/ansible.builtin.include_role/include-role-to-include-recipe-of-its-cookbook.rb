# include_role -> include_recipe of its cookbook
# The role is not part of this input: an error and a TODO, as a missing meta dependency is
# (the include with the role present: test/translate/task/include-role-missing.test.ts).
# diagnostics: A2C-MISSING-ROLE

# TODO(ansible2chef): A2C-MISSING-ROLE role common not found in the input
# tasks/main.yml:1 Common setup
#   - name: Common setup
#     include_role:
#       name: common
