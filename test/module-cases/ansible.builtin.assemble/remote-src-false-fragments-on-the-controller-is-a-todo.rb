# remote_src: false (fragments on the controller) is a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'remote_src' of ansible.builtin.assemble: fragments on the Ansible controller (remote_src: false) must be shipped with the cookbook; convert by hand
# tasks/main.yml:1 Build it
#   - name: Build it
#     assemble:
#       src: fragments
#       dest: /etc/app.conf
#       remote_src: false
