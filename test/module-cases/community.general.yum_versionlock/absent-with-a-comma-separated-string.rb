# absent, names as a comma-separated string: yum versionlock delete on the names an entry matches
# diagnostics: none

# tasks/main.yml:1 Let httpd and nginx be updated again
ruby_block 'yum versionlock absent httpd nginx*' do
  block do
    A2C::Modules.versionlock_apply(['httpd', 'nginx*'], 'absent')
  end
  only_if { A2C::Modules.versionlock_pending(['httpd', 'nginx*'], 'absent').any? }
end
