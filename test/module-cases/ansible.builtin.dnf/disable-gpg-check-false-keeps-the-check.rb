# disable-gpg-check-false-keeps-the-check
# diagnostics: none

# tasks/main.yml:1 Install with the check
dnf_package 'foo'
