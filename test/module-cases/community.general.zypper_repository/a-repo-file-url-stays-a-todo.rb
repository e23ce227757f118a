# a .repo file URL (the module reads the repository from the file when it runs) stays a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM zypper_repository repo is a .repo file: the module adds the one repository that file describes (its alias, baseurl and settings, read when the task runs); write zypper_repository with that alias and baseurl by hand
# tasks/main.yml:1 Install basic repo file
#   - name: Install basic repo file
#     zypper_repository: repo="http://download.opensuse.org/repositories/server:monitoring/openSUSE_{{ ansible_distribution_version }}/server:monitoring.repo"
