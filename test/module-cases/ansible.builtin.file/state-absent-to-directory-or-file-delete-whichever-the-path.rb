# state: absent -> directory or file delete, whichever the path is
# diagnostics: none

# tasks/main.yml:1 Remove the default site
directory '/etc/nginx/sites-enabled/default' do
  recursive true
  action :delete
  only_if { File.directory?('/etc/nginx/sites-enabled/default') }
end

# tasks/main.yml:1 Remove the default site
file '/etc/nginx/sites-enabled/default' do
  action :delete
  not_if { File.directory?('/etc/nginx/sites-enabled/default') }
end
