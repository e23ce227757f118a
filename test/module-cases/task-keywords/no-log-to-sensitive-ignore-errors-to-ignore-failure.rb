# no_log -> sensitive, ignore_errors -> ignore_failure
# diagnostics: none

# tasks/main.yml:1 Fetch the token
execute 'Fetch the token' do
  command ['/usr/local/bin/get-token']
  sensitive true
  ignore_failure true
end
