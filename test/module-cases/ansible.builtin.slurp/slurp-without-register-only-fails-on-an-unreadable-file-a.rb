# slurp without register only fails on an unreadable file: a TODO
# diagnostics: A2C-TODO-MODULE

# TODO(ansible2chef): A2C-TODO-MODULE slurp without register only fails on an unreadable file; not converted
# tasks/main.yml:1 Read it
#   - name: Read it
#     slurp:
#       path: /etc/motd
