# generate-ssh-key-with-a-passphrase-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM user ssh_key_passphrase is not converted: the module types it at ssh-keygen's prompt, and on ssh-keygen's command line (-N) every local user could read it while it runs
# tasks/main.yml:1 Key with a passphrase
#   - name: Key with a passphrase
#     user:
#       name: backup
#       generate_ssh_key: true
#       ssh_key_passphrase: "{{ backup_key_passphrase }}"
