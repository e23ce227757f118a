# cron in the user crontab
# diagnostics: none

# tasks/main.yml:1 Rotate tokens
cron 'keystone token flush' do
  minute '0'
  hour '*/4'
  user 'keystone'
  command 'keystone-manage token_flush'
end
