# password-lock-to-create-and-lock
# diagnostics: none

# tasks/main.yml:1 Locked account
user 'robot' do
  shell '/bin/false'
  action [:create, :lock]
end
