# authorized-key-url
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM authorized_key with a key URL: the module downloads the keys; fetch them into the cookbook (or an attribute) instead
# tasks/main.yml:1 Keys published on GitHub
#   - name: Keys published on GitHub
#     authorized_key:
#       user: deploy
#       key: https://github.com/{{ github_user }}.keys
