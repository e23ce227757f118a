# pinned-removal-of-one-to-remove-with-version
# diagnostics: none

# tasks/main.yml:1 Remove nginx 1.18 only
apt_package 'nginx' do
  version '1.18.0-6ubuntu14'
  action :remove
end
