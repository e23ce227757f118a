# disable-gpg-check-with-enablerepo-joins-the-options
# diagnostics: none

# tasks/main.yml:1 Install from testing unsigned
yum_package 'foo' do
  options ['--enablerepo=testing', '--nogpgcheck']
end
