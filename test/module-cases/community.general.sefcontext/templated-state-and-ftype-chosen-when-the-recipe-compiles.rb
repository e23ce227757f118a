# a templated state picks :manage or :delete, a templated ftype is the file_type, when the recipe compiles
# diagnostics: none

# tasks/main.yml:1 Label the data path as the role is told
selinux_fcontext "#{node['demo']['data_path']}(/.*)?" do
  secontext 'public_content_t'
  file_type node['demo']['data_ftype']
  action({ 'present' => :manage, 'absent' => :delete }.fetch(node['demo']['data_label_state']))
end
