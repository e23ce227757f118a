# expires-with-state-absent-is-not-read
# diagnostics: none

# tasks/main.yml:1 Gone
# expires/password_lock: not read by the module when it removes the user
user 'guest' do
  action :remove
end
