# disable-gpg-check-to-nogpgcheck-option
# diagnostics: none

# tasks/main.yml:1 Install a vendor package unsigned
dnf_package 'vendor-agent' do
  options '--nogpgcheck'
end
