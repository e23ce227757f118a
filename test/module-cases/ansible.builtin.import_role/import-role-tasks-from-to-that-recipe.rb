# import_role tasks_from -> that recipe
# diagnostics: A2C-MISSING-ROLE

# TODO(ansible2chef): A2C-MISSING-ROLE role pki not found in the input
# tasks/main.yml:1
#   - import_role:
#       name: pki
#       tasks_from: create_ca.yml
