# request-with-names
# diagnostics: none

# tasks/main.yml:1 Request the web certificate
a2c_openssl_csr '/etc/ssl/web.csr' do
  privatekey_path '/etc/ssl/private/web.key'
  common_name 'www.example.com'
  organization_name 'Example'
  subject_alt_name ['DNS:www.example.com', 'DNS:example.com']
  mode '0644'
end
