# openbsd_pkg -> openbsd_package
# diagnostics: none

# tasks/main.yml:1 Install nginx on OpenBSD
openbsd_package 'nginx'
