# allow-downgrade-is-not-passed-to-a-removal
# diagnostics: none

# tasks/main.yml:1 Remove, allow_downgrade ignored
apt_package 'nginx' do
  action :remove
end
