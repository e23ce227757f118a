# copy into a folder with an owner stays a TODO (the module gives new folders that owner too)
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM copy to a directory (dest ending in /) is converted only for a static src without content, remote_src, owner, group or mode; name the file
# tasks/main.yml:1 Install the check
#   - name: Install the check
#     copy: src=check_app.sh dest=/usr/local/lib/nagios/ owner=nagios
