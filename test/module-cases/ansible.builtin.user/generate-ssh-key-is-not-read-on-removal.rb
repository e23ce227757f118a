# generate-ssh-key-is-not-read-on-removal
# diagnostics: none

# tasks/main.yml:1 Remove the user
user 'olduser' do
  action :remove
end
