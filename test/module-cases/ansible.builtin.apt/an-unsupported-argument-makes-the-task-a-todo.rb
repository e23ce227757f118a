# an unsupported argument makes the task a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'install_recommends' of ansible.builtin.apt: apt_package has no install-recommends switch; set options '--no-install-recommends' by hand
# tasks/main.yml:1 Install without recommends
#   - name: Install without recommends
#     apt:
#       name: nginx
#       install_recommends: no
