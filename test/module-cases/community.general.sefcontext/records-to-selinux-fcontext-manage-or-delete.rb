# sefcontext -> selinux_fcontext: present :manage (the default action), absent :delete, ftype letters as file_type
# diagnostics: none

# tasks/main.yml:1 Label the web root for httpd
selinux_fcontext '/srv/www(/.*)?' do
  secontext 'httpd_sys_content_t'
end

# tasks/main.yml:6 Label the socket directory
selinux_fcontext '/run/myapp' do
  file_type 'd'
  secontext node['demo']['myapp_run_type']
end

# tasks/main.yml:11 Drop the old label
# reload: true is the module's default
selinux_fcontext '/opt/legacy(/.*)?' do
  secontext 'httpd_sys_content_t'
  action :delete
end
