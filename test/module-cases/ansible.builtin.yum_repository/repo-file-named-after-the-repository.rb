# repo-file-named-after-the-repository
# diagnostics: none

# tasks/main.yml:1 Add EPEL
# file: the repository name, the file Chef names it by
yum_repository 'epel' do
  description 'EPEL'
  baseurl 'https://download.example.com/epel/$releasever/$basearch/'
end
