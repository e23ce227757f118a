# ownca certificate
# diagnostics: none

# tasks/main.yml:1 Issue the API certificate
# provider: selfsigned and ownca are converted; acme is not
openssl_x509_certificate '/etc/pki/api.crt' do
  key_file '/etc/pki/api.key'
  csr_file '/etc/pki/api.csr'
  ca_cert_file '/etc/pki/ca.crt'
  ca_key_file '/etc/pki/ca.key'
end
