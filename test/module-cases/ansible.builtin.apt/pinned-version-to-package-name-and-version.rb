# pinned-version-to-package-name-and-version
# diagnostics: none

# tasks/main.yml:1 Install a pinned nginx
# apt_package passes --allow-downgrades: where a newer version is installed it installs the pinned one, where the module (allow_downgrade false) fails the run
apt_package 'nginx' do
  version '1.18.0-6ubuntu14'
end
