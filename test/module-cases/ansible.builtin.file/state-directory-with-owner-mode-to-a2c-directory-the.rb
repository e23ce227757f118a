# state: directory with owner/mode -> a2c_directory (the attributes on every directory it creates)
# diagnostics: none

# tasks/main.yml:1 Create the certificate directory
a2c_directory '/etc/haproxy/certs' do
  owner 'root'
  mode '0750'
end
