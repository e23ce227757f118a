# groups-without-append-to-a2c-user-groups
# diagnostics: none

# tasks/main.yml:1 Set the groups of deploy
user 'deploy'

# tasks/main.yml:1 Set the groups of deploy
a2c_user_groups 'deploy' do
  groups 'sudo'
end
