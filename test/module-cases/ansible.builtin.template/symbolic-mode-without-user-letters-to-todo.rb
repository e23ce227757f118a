# symbolic-mode-without-user-letters-to-todo
# diagnostics: A2C-TODO-MODE

# TODO(ansible2chef): A2C-TODO-MODE symbolic mode "+x,u=rw" has a clause without user letters: the umask of the module's process decides its bits
# tasks/main.yml:1 Write motd
#   - name: Write motd
#     template:
#       src: motd.j2
#       dest: /etc/motd
#       mode: +x,u=rw
