# yum_repository create
# diagnostics: none

# tasks/main.yml:1 Add EPEL
yum_repository 'epel' do
  description 'EPEL'
  baseurl 'https://download.example.com/epel/$releasever/$basearch/'
  gpgcheck true
end
