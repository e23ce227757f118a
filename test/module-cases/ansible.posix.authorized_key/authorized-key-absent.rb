# authorized-key-absent
# diagnostics: none

# tasks/main.yml:1 Old key removed
# validate_certs: only read when the key is fetched from a URL, which is not converted
a2c_authorized_key 'root' do
  key 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQOld old@example'
  state 'absent'
end
