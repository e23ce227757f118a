# force: no -> :create_if_missing (an existing file is left untouched, modes included)
# diagnostics: none

# tasks/main.yml:1 Seed the local settings once
file '/etc/app/local.ini' do
  content "debug = false\n"
  mode '0640'
  action :create_if_missing
end
