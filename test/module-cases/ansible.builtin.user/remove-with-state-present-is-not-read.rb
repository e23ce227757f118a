# remove-with-state-present-is-not-read
# diagnostics: none

# tasks/main.yml:1 Keep the account
# remove: read by the module only when it removes the user
user 'deploy' do
  manage_home false
end
