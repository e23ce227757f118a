# uri with credentials and no register -> TODO (http_request cannot send them; the registered form can)
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM uri argument 'user' converts only when the response is registered (http_request has no such property)
# tasks/main.yml:1 Create a datasource
#   - name: Create a datasource
#     uri:
#       url: https://grafana.example.com/api/datasources
#       method: POST
#       user: admin
#       password: "{{ grafana_password }}"
#       body: "{}"
