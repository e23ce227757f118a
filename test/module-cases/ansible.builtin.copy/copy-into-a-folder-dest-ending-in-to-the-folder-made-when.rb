# copy into a folder (dest ending in /) -> the folder (made when missing) and dest + basename(src)
# diagnostics: none

# tasks/main.yml:1 Install the check
directory '/usr/local/lib/nagios' do
  recursive true
end

# tasks/main.yml:1 Install the check
cookbook_file '/usr/local/lib/nagios/check_app.sh' do
  source 'check_app.sh'
end
