# key-usage-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'extended_key_usage' of community.crypto.openssl_csr: extensions other than subjectAltName are not converted (a2c_openssl_csr writes and compares the subject and its alternative names)
# tasks/main.yml:1 Request a client certificate
#   - name: Request a client certificate
#     community.crypto.openssl_csr:
#       path: /etc/ssl/client.csr
#       privatekey_path: /etc/ssl/private/client.key
#       common_name: client
#       extended_key_usage:
#         - clientAuth
