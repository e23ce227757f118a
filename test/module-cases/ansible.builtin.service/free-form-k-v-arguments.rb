# free-form k=v arguments
# diagnostics: none

# tasks/main.yml:1 Stop ntpd
service 'ntpd' do
  action [:disable, :stop]
end
