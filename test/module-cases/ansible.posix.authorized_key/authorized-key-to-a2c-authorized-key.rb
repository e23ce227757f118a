# authorized-key-to-a2c-authorized-key
# diagnostics: none

# tasks/main.yml:1 Deploy keys of the operators
a2c_authorized_key 'deploy' do
  key "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOps1 ops1@example\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOps2 ops2@example\n"
  key_options 'no-port-forwarding,from="10.0.0.0/8"'
  exclusive true
  state 'present'
end
