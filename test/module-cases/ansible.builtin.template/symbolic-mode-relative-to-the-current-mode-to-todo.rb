# symbolic mode relative to the current mode -> TODO
# diagnostics: A2C-TODO-MODE

# TODO(ansible2chef): A2C-TODO-MODE symbolic mode "u=rw,g+r,o=r" changes the file's current mode (or depends on the umask); Chef sets only whole octal modes
# tasks/main.yml:1 Write motd
#   - name: Write motd
#     template:
#       src: motd.j2
#       dest: /etc/motd
#       mode: u=rw,g+r,o=r
