# repo-file-of-another-name-stays-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'file' of ansible.builtin.yum_repository: repo file external_repos.repo is not named after the repository (Chef's yum_repository writes epel.repo)
# tasks/main.yml:1 Add EPEL
#   - name: Add EPEL
#     yum_repository:
#       name: epel
#       file: external_repos
#       description: EPEL
#       baseurl: https://download.example.com/epel/$releasever/$basearch/
