# cron_file -> cron_d named by the file
# diagnostics: none

# tasks/main.yml:1 Backup
# cron_file: selects a cron_d resource
cron_d 'backup' do
  predefined_value '@daily'
  user 'root'
  command '/usr/local/bin/backup'
end
