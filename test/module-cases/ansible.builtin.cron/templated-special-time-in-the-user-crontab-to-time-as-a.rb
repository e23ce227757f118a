# templated special_time in the user crontab -> time as a symbol
# diagnostics: none

# tasks/main.yml:1 Flush tokens
cron 'token flush' do
  time node['demo']['rotation'].to_sym
  command 'keystone-manage token_flush'
end
