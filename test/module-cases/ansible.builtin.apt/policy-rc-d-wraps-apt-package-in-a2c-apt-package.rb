# policy-rc-d-wraps-apt-package-in-a2c-apt-package
# diagnostics: none

# tasks/main.yml:1 Install MySQL without starting it
a2c_apt_package %w(mysql-server mysql-client) do
  policy_rc_d 101
end
