# install-recommends-is-not-passed-to-a-removal
# diagnostics: none

# tasks/main.yml:1 Remove, recommends ignored, forced
apt_package 'nginx' do
  options ['--force-yes']
  action :remove
end
