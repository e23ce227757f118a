# generate-ssh-key-to-a2c-ssh-key-after-the-user
# diagnostics: none

# tasks/main.yml:1 Generate SSH Keys for jenkins Service Account
user 'jenkins'

# tasks/main.yml:1 Generate SSH Keys for jenkins Service Account
a2c_ssh_key 'jenkins'
