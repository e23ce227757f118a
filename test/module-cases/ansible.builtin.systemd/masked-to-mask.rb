# masked -> :mask
# diagnostics: none

# tasks/main.yml:1 Mask apparmor
service 'apparmor' do
  action :mask
end
