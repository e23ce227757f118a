# state dump is not converted: a TODO, not a Chef validation failure
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM state: dump is not converted (community.mysql.mysql_db converts present, absent)
# tasks/main.yml:1 Dump it
#   - name: Dump it
#     mysql_db:
#       name: app
#       state: dump
#       target: /tmp/app.sql
