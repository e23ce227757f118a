# state-absent-ignores-create-home
# diagnostics: none

# tasks/main.yml:1 Remove the account, keep the home
user 'deploy' do
  action :remove
end
