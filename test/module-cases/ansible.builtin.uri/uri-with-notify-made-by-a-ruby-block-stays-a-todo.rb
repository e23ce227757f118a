# uri made by a ruby_block with notify -> TODO (the module reports no change; a ruby_block always does)
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM notify on a uri made by a ruby_block would fire on every run; not converted
# tasks/main.yml:1 Create a datasource
#   - name: Create a datasource
#     uri:
#       url: https://grafana.example.com/api/datasources
#       method: POST
#       user: admin
#       password: "{{ grafana_password }}"
#     notify: restart grafana
