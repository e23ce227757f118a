# package-facts-handler-gathers-before-a-guarded-restart
# diagnostics: none

# tasks/main.yml:1 Configure rsyslog forwarding
file '/etc/rsyslog.d/10-forward.conf' do
  content "*.* @@logs.example.org\n"
  notifies :run, 'ruby_block[Get package facts]', :delayed
  notifies :restart, 'service[Restart rsyslog]', :delayed
end
