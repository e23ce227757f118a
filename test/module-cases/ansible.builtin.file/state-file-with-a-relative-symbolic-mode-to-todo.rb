# state-file-with-a-relative-symbolic-mode-to-todo
# diagnostics: A2C-TODO-MODE

# TODO(ansible2chef): A2C-TODO-MODE symbolic mode "o-rwx" changes the file's current mode; converted only on a file a template, copy or get_url writes
# tasks/main.yml:1 Existing file
#   - name: Existing file
#     file:
#       path: /srv/app.conf
#       state: file
#       mode: o-rwx
