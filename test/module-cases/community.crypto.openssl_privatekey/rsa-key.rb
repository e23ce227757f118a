# RSA key
# diagnostics: none

# tasks/main.yml:1 Generate the service key
openssl_rsa_private_key '/etc/pki/svc.key' do
  key_length 4096
  mode '0600'
end
