# pinned-version-to-package-name-and-version
# diagnostics: A2C-PIN-DOWNGRADE

# tasks/main.yml:1 Install a pinned nginx
apt_package 'nginx' do
  version '1.18.0-6ubuntu14'
end
