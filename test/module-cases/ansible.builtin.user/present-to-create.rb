# present -> create
# diagnostics: none

# tasks/main.yml:1 Create the cinder user
user 'cinder' do
  uid 165
  gid 'cinder'
  home '/var/lib/cinder'
  shell '/bin/false'
  system true
end
