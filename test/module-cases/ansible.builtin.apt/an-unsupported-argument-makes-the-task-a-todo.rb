# an unsupported argument makes the task a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'autoremove' of ansible.builtin.apt: no autoremove in apt_package
# tasks/main.yml:1 Install and autoremove
#   - name: Install and autoremove
#     apt:
#       name: nginx
#       autoremove: yes
