# src from files/ -> cookbook_file
# diagnostics: none

# tasks/main.yml:1 Install the CA bundle
cookbook_file '/etc/ssl/certs/company-ca.pem' do
  source 'ca.pem'
  mode '0444'
end
