# force: no -> :create_if_missing
# diagnostics: none

# tasks/main.yml:1 Seed the config once
template '/etc/app.conf' do
  source 'app.conf.erb'
  action :create_if_missing
end
