# deb line -> apt_repository parts
# diagnostics: none

# tasks/main.yml:1 Add the Ceph repo
apt_repository 'ceph' do
  uri 'https://download.ceph.com/debian-reef'
  distribution 'bookworm'
  components ['main']
  arch 'amd64'
end
