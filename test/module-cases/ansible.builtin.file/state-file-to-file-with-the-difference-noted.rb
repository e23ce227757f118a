# state: file -> file (with the difference noted)
# diagnostics: none

# tasks/main.yml:1 Fix key permissions
# state: file — Ansible fails when the file is missing; Chef creates it empty
file '/etc/ssl/private/site.key' do
  mode '0600'
end
