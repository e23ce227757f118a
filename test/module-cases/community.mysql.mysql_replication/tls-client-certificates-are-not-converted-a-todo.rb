# TLS client certificates are not converted: a TODO holding the task
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'client_cert' of community.mysql.mysql_replication: TLS client logins are not converted
# tasks/main.yml:1 Replica status over TLS
#   - name: Replica status over TLS
#     community.mysql.mysql_replication:
#       login_host: db.example.com
#       client_cert: /etc/mysql/client.pem
#       client_key: /etc/mysql/client.key
