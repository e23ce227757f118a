# pause minutes -> chef_sleep seconds
# diagnostics: none

# tasks/main.yml:1 Let the cluster settle
chef_sleep 'Let the cluster settle' do
  seconds 120
end
