# yum_package install
# diagnostics: none

# tasks/main.yml:1 Install httpd
yum_package 'httpd'
