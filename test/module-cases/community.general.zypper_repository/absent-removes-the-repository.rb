# state absent: :remove
# diagnostics: none

# tasks/main.yml:1 Drop the nginx repo
zypper_repository 'nginx' do
  refresh_cache true
  action :remove
end
