# disable_gpg_check true on dnf: the options the module turns off (gpgcheck, localpkg_gpgcheck), not --nogpgcheck (which also skips repo_gpgcheck)
# diagnostics: none

# tasks/main.yml:1 Install a vendor package unsigned
dnf_package 'vendor-agent' do
  options ['--setopt=gpgcheck=0', '--setopt=localpkg_gpgcheck=0', '--setopt=*.gpgcheck=0']
end
